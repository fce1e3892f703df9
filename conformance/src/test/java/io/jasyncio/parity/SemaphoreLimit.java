package io.jasyncio.parity;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import io.jasyncio.sync.BoundedSemaphore;
import io.jasyncio.sync.Semaphore;

/** Port of semaphore_limit.py. */
abstract class SemaphoreLimit {

  @Async
  static Coro<Void> limited(Out out, Semaphore sem, String name, double delay) {
    out.print(name + " wants in");
    try (sem) {
      out.print(name + " in");
      await(sleep(delay));
      out.print(name + " out");
    }
    return done();
  }

  @Async
  static Coro<Void> main(Out out) {
    Semaphore sem = new Semaphore(2);
    await(
        gather(
            limited(out, sem, "a", 0.03),
            limited(out, sem, "b", 0.01),
            limited(out, sem, "c", 0.01),
            limited(out, sem, "d", 0.01)));
    BoundedSemaphore bounded = new BoundedSemaphore(1);
    try {
      bounded.release();
    } catch (IllegalArgumentException e) {
      out.print("bounded:", e.getMessage());
    }
    return done();
  }
}
