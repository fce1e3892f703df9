package io.jasyncio.samples;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;

/**
 * A recursive coroutine a million levels deep: each level awaits the next. The task runs the
 * chain of frames in a loop (awaits nest on the Java stack only a few dozen deep), so nothing
 * overflows; and a level that suspends (here every 100,000th) resumes the whole chain correctly.
 */
public abstract class DeepRecursion {

  @Async
  static Coro<Long> sumTo(int n) {
    if (n == 0) {
      return done(0L);
    }
    if (n % 100_000 == 0) {
      await(sleep(0)); // a real suspension deep down the chain
    }
    long below = await(sumTo(n - 1));
    return done(below + n);
  }

  public static void main(String[] args) {
    long sum = AsyncIO.run(AsyncDeepRecursion.sumTo(1_000_000));
    System.out.println("sum of 1..1,000,000 = " + sum);
  }
}
