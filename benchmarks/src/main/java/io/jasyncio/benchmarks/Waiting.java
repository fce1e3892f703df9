package io.jasyncio.benchmarks;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.Coro;
import io.jasyncio.Future;
import io.jasyncio.annotations.Async;

/** The coroutine of the footprint measurement (W4): a task waiting for its own future. */
public abstract class Waiting {
  @Async
  static Coro<Object> awaitOne(Future<Object> future) {
    return done(await(future));
  }
}
