package io.jasyncio.benchmarks;

import io.jasyncio.Coro;

/**
 * The coroutines of the await benchmarks, written by hand in the shape the processor generates:
 *
 * <pre>{@code
 * @Async static Coro<Long> parent(int n) {
 *   long sum = 0;
 *   for (int i = 0; i < n; i++) {
 *     sum += await(child(i));
 *   }
 *   return done(sum);
 * }
 *
 * @Async static Coro<Integer> child(int i) {
 *   return done(i & 63);      // small values: no boxing allocation
 * }
 * }</pre>
 */
final class Layered {
  private Layered() {}

  static Coro<Long> parent(int n) {
    return new Parent(n);
  }

  static Coro<Integer> child(int i) {
    return new Child(i);
  }

  private static final class Parent extends Coro<Long> {
    private final int n;
    private long sum$1;
    private int i$2;

    Parent(int n) {
      this.n = n;
    }

    @Override
    @SuppressWarnings("fallthrough")
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      if ($err != null) {
        throw $err;
      }
      for (; ; ) {
        switch ($label) {
          case 0:
            sum$1 = 0;
            i$2 = 0;
            // fall through
          case 1:
            if (!(i$2 < n)) {
              return sum$1;
            }
            $label = 2;
            if (($in = $await(child(i$2))) == $SUSPEND) {
              return $SUSPEND;
            }
            // fall through
          case 2:
            sum$1 += $result(false ? () -> child(0) : null, $in);
            i$2++;
            $label = 1;
            continue;
          default:
            throw new IllegalStateException("bad state " + $label);
        }
      }
    }
  }

  private static final class Child extends Coro<Integer> {
    private final int i;

    Child(int i) {
      this.i = i;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      if ($err != null) {
        throw $err;
      }
      return i & 63;
    }
  }
}
