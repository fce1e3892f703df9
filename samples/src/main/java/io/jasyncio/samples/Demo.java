package io.jasyncio.samples;

import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import io.jasyncio.Task;

/**
 * The README's demo: Python's "hello ... world" with two concurrent tasks. Until the @Async
 * transform lands, its coroutines are written by hand in the shape the processor generates.
 */
public final class Demo {
  private Demo() {}

  /** {@code @Async Coro<Void> sayAfter(double delay, String what) { await(sleep(delay)); print(what); } } */
  static Coro<Void> sayAfter(double delay, String what) {
    return new Coro<Void>() {
      @Override
      @SuppressWarnings("fallthrough")
      protected Object $resume(Object $in, Throwable $err) throws Throwable {
        if ($err != null) {
          throw $err;
        }
        switch ($label) {
          case 0:
            $label = 1;
            if (($in = $await(AsyncIO.sleep(delay))) == $SUSPEND) {
              return $SUSPEND;
            }
          case 1:
            System.out.println(what);
            return null;
          default:
            throw new IllegalStateException();
        }
      }
    };
  }

  /** Runs both greetings concurrently: about 0.2 s in all, not 0.3 s. */
  static Coro<Void> main() {
    return new Coro<Void>() {
      Task<Void> task1;
      Task<Void> task2;
      double started;

      @Override
      @SuppressWarnings("fallthrough")
      protected Object $resume(Object $in, Throwable $err) throws Throwable {
        if ($err != null) {
          throw $err;
        }
        switch ($label) {
          case 0:
            task1 = AsyncIO.createTask(sayAfter(0.1, "hello"));
            task2 = AsyncIO.createTask(sayAfter(0.2, "world"));
            started = AsyncIO.getRunningLoop().time();
            System.out.println("started");
            $label = 1;
            if (($in = $await(task1)) == $SUSPEND) {
              return $SUSPEND;
            }
          case 1:
            $label = 2;
            if (($in = $await(task2)) == $SUSPEND) {
              return $SUSPEND;
            }
          case 2:
            double elapsed = AsyncIO.getRunningLoop().time() - started;
            System.out.printf("finished in %.1f s%n", elapsed);
            return null;
          default:
            throw new IllegalStateException();
        }
      }
    };
  }

  public static void main(String[] args) {
    AsyncIO.run(main());
  }
}
