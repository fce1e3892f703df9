package io.jasyncio;

import java.util.function.Supplier;

/**
 * Small coroutines shared by the tests, written by hand in exactly the shape the annotation
 * processor generates (see the contract in {@link Coro}); the comment above each shows the
 * {@code @Async} source it stands for.
 */
final class Coros {
  private Coros() {}

  /**
   * <pre>{@code
   * @Async static <T> Coro<T> awaitThen(Awaitable<T> awaitable, Runnable after) {
   *   T value = await(awaitable);
   *   after.run();
   *   return done(value);
   * }
   * }</pre>
   */
  static <T> Coro<T> awaitThen(Awaitable<T> awaitable, Runnable after) {
    return new Coro<T>() {
      T value$1;

      @Override
      @SuppressWarnings("fallthrough")
      protected Object $resume(Object $in, Throwable $err) throws Throwable {
        if ($err != null) {
          throw $err;
        }
        switch ($label) {
          case 0:
            $label = 1;
            if (($in = $await(awaitable)) == $SUSPEND) {
              return $SUSPEND;
            }
            // fall through
          case 1:
            value$1 = $result(false ? () -> awaitable : null, $in);
            after.run();
            return value$1;
          default:
            throw new IllegalStateException();
        }
      }
    };
  }

  /**
   * <pre>{@code
   * @Async static <T> Coro<T> awaiting(Awaitable<T> awaitable) {
   *   return done(await(awaitable));
   * }
   * }</pre>
   */
  static <T> Coro<T> awaiting(Awaitable<T> awaitable) {
    return awaitThen(awaitable, () -> {});
  }

  /**
   * <pre>{@code
   * @Async static <T> Coro<T> call(Supplier<T> body) {
   *   return done(body.get());
   * }
   * }</pre>
   */
  static <T> Coro<T> call(Supplier<T> body) {
    return new Coro<T>() {
      @Override
      @SuppressWarnings("fallthrough")
      protected Object $resume(Object $in, Throwable $err) throws Throwable {
        if ($err != null) {
          throw $err;
        }
        return body.get();
      }
    };
  }

  /**
   * <pre>{@code
   * @Async static Coro<Void> fail(Throwable error) {
   *   throw error;   // (sneakily, for checked ones)
   * }
   * }</pre>
   */
  static <T> Coro<T> failing(Throwable error) {
    return new Coro<T>() {
      @Override
      @SuppressWarnings("fallthrough")
      protected Object $resume(Object $in, Throwable $err) throws Throwable {
        if ($err != null) {
          throw $err;
        }
        throw error;
      }
    };
  }

  /**
   * <pre>{@code
   * @Async static Coro<Integer> depth(int n) {
   *   if (n == 0) return done(0);
   *   int below = await(depth(n - 1));
   *   return done(below + 1);
   * }
   * }</pre>
   */
  static Coro<Integer> depth(int n, Supplier<Awaitable<?>> atBottom) {
    return new Coro<Integer>() {
      final int n$0 = n;

      @Override
      @SuppressWarnings("fallthrough")
      protected Object $resume(Object $in, Throwable $err) throws Throwable {
        if ($err != null) {
          throw $err;
        }
        switch ($label) {
          case 0:
            if (n$0 == 0) {
              $label = 2;
              if (($in = $await(atBottom.get())) == $SUSPEND) {
                return $SUSPEND;
              }
              return 0;
            }
            $label = 1;
            if (($in = $await(depth(n$0 - 1, atBottom))) == $SUSPEND) {
              return $SUSPEND;
            }
            // fall through
          case 1:
            return $result(false ? () -> depth(0, atBottom) : null, $in) + 1;
          case 2:
            return 0;
          default:
            throw new IllegalStateException();
        }
      }
    };
  }

  /**
   * <pre>{@code
   * @Async static <T> Coro<T> worker(List<String> log, String name, double delay, T result) {
   *   log.add(name + " start");
   *   try {
   *     await(sleep(delay));
   *   } catch (CancelledError e) {
   *     log.add(name + " cancelled");
   *     throw e;
   *   }
   *   log.add(name + " end");
   *   return done(result);
   * }
   * }</pre>
   */
  static <T> Coro<T> worker(java.util.List<String> log, String name, double delay, T result) {
    return new Coro<T>() {
      Throwable $caught;

      @Override
      @SuppressWarnings("fallthrough")
      protected Object $resume(Object $in, Throwable $err) throws Throwable {
        for (; ; ) {
          try {
            if ($err != null) {
              throw $err;
            }
            switch ($label) {
              case 0:
                log.add(name + " start");
                $label = 1;
                if (($in = $await(AsyncIO.sleep(delay))) == $SUSPEND) {
                  return $SUSPEND;
                }
                // fall through
              case 1:
                log.add(name + " end");
                return result;
              case 2:
                {
                  CancelledError e = (CancelledError) $caught;
                  $caught = null;
                  log.add(name + " cancelled");
                  throw e;
                }
              default:
                throw new IllegalStateException();
            }
          } catch (Throwable $t) {
            $err = null;
            if ($label == 1 && $t instanceof CancelledError) {
              $caught = $t;
              $label = 2;
              continue;
            }
            throw $t;
          }
        }
      }
    };
  }

  /**
   * <pre>{@code
   * @Async static <T> Coro<T> failAfter(double delay, Throwable error) {
   *   await(sleep(delay));
   *   throw error;
   * }
   * }</pre>
   */
  static <T> Coro<T> failAfter(double delay, Throwable error) {
    return new Coro<T>() {
      @Override
      @SuppressWarnings("fallthrough")
      protected Object $resume(Object $in, Throwable $err) throws Throwable {
        if ($err != null) {
          throw $err;
        }
        if ($label == 0) {
          $label = 1;
          if (($in = $await(AsyncIO.sleep(delay))) == $SUSPEND) {
            return $SUSPEND;
          }
        }
        throw error;
      }
    };
  }

  /**
   * <pre>{@code
   * @Async static <T> Coro<T> deferred(Supplier<Awaitable<T>> body) {
   *   return done(await(body.get()));   // body runs inside the task, when awaited
   * }
   * }</pre>
   */
  static <T> Coro<T> deferred(Supplier<Awaitable<T>> body) {
    return new Coro<T>() {
      @Override
      @SuppressWarnings("fallthrough")
      protected Object $resume(Object $in, Throwable $err) throws Throwable {
        if ($err != null) {
          throw $err;
        }
        if ($label == 0) {
          $label = 1;
          return $await(body.get());
        }
        return $in;
      }
    };
  }
}
