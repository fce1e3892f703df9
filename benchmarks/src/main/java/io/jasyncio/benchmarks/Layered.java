package io.jasyncio.benchmarks;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;

/** The coroutines of the await benchmarks (W3), as users write them. */
public abstract class Layered {

  /** Awaits {@code n} children that complete without suspending. */
  @Async
  static Coro<Long> parent(int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += await(child(i));
    }
    return done(sum);
  }

  /** Completes at once; small values, so that boxing the result allocates nothing. */
  @Async
  static Coro<Integer> child(int i) {
    return done(i & 63);
  }
}
