package io.jasyncio.benchmarks;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;

/**
 * Async generators and async for-each loops as a user writes them, for {@link
 * GeneratorBenchmark}. The values stay within Integer's cache (0..127), so that boxing allocates
 * nothing on either side of a comparison.
 */
public abstract class Generators {

  /** 0..127, 0..127, ... : {@code n} elements, none of which waits. */
  @Async
  static AsyncGenerator<Integer> ready(int n) {
    for (int i = 0; i < n; i++) {
      await(emit(i & 127));
    }
    return stopIteration();
  }

  /** The same elements, each after one trip through the loop ({@code sleep(0)}). */
  @Async
  static AsyncGenerator<Integer> suspending(int n) {
    for (int i = 0; i < n; i++) {
      await(sleep(0));
      await(emit(i & 127));
    }
    return stopIteration();
  }

  @Async
  public static Coro<Long> sumReady(int n) {
    long sum = 0;
    for (int x : awaitEach(ready(n))) {
      sum += x;
    }
    return done(sum);
  }

  @Async
  public static Coro<Long> sumSuspending(int n) {
    long sum = 0;
    for (int x : awaitEach(suspending(n))) {
      sum += x;
    }
    return done(sum);
  }
}
