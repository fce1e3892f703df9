package io.jasyncio.processor.behaviour;

import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The awaitables bodies use, async side: coroutines written by hand in the generated shape.
 * {@code v(x)} suspends once and produces x; {@code now(x)} produces x without suspending;
 * {@code boom(m)} suspends and throws; {@code fail(m)} throws without suspending; {@code io(m)}
 * suspends and throws a checked IOException; {@code stage(x)} is a completed CompletionStage.
 */
public final class AsyncHelpers {
  private AsyncHelpers() {}

  public static void log(Object value) {
    Trace.log(value);
  }

  public static <T> Coro<T> v(T value) {
    return new Step<>(value, null, true);
  }

  public static <T> Coro<T> now(T value) {
    return new Step<>(value, null, false);
  }

  public static <T> Coro<T> boom(String message) {
    return new Step<>(null, new Boom(message), true);
  }

  public static <T> Coro<T> fail(String message) {
    return new Step<>(null, new Boom(message), false);
  }

  public static <T> Coro<T> io(String message) {
    return new Step<>(null, new IOException(message), true);
  }

  public static <T> CompletableFuture<T> stage(T value) {
    Trace.log("stage " + Trace.show(value));
    return CompletableFuture.completedFuture(value);
  }

  /** {@code @Async <T> Coro<T> step(..) { Trace.step(); if (suspend) await(sleep(0)); return/throw } } */
  private static final class Step<T> extends Coro<T> {
    private final T value;
    private final Throwable error;
    private final boolean suspend;

    Step(T value, Throwable error, boolean suspend) {
      this.value = value;
      this.error = error;
      this.suspend = suspend;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      if ($err != null) {
        throw $err;
      }
      if ($label == 0) {
        if (!suspend) {
          Trace.tick();
        }
        if (suspend) {
          Trace.step(); // only awaits that suspend are steps: cancellation lands there
          $label = 1;
          if (($in = $await(AsyncIO.sleep(0))) == $SUSPEND) {
            return $SUSPEND;
          }
        }
      }
      if (error != null) {
        throw error;
      }
      return value;
    }
  }
}
