package io.jasyncio.processor.behaviour.plain;

import io.jasyncio.processor.behaviour.Boom;
import io.jasyncio.processor.behaviour.Trace;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Callable;

/** The same names as AsyncIO and AsyncHelpers, sequential: await runs the coroutine in place. */
public final class Sync {
  private Sync() {}

  public static <T> T await(Coro<T> coro) {
    try {
      return coro.run();
    } catch (Exception e) {
      throw Sync.<RuntimeException>sneaky(e);
    }
  }

  public static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  public static <T> Coro<T> done(T value) {
    return new Coro<>(() -> value);
  }

  public static Coro<Void> done() {
    return new Coro<>(() -> null);
  }

  public static Coro<Void> sleep(double seconds) {
    return new Coro<>(() -> null);
  }

  public static void log(Object value) {
    Trace.log(value);
  }

  public static <T> Coro<T> v(T value) {
    return new Coro<>(
        () -> {
          Trace.step();
          return value;
        });
  }

  public static <T> Coro<T> now(T value) {
    return new Coro<>(
        () -> {
          Trace.tick();
          return value;
        });
  }

  public static <T> Coro<T> boom(String message) {
    return new Coro<>(
        () -> {
          Trace.step();
          throw new Boom(message);
        });
  }

  public static <T> Coro<T> fail(String message) {
    return new Coro<>(
        () -> {
          throw new Boom(message);
        });
  }

  public static <T> Coro<T> io(String message) {
    return new Coro<>(
        () -> {
          Trace.step();
          throw new IOException(message);
        });
  }

  public static <T> CompletableFuture<T> stage(T value) {
    Trace.log("stage " + Trace.show(value));
    return CompletableFuture.completedFuture(value);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }

  @SuppressWarnings("unchecked")
  static <E extends Throwable> E sneakyThrow(Throwable t) throws E {
    throw (E) t;
  }

  /** A generator method's result: {@code body} runs lazily, on its own thread, turn by turn. */
  public static <T> AsyncGenerator<T> generator(Callable<?> body) {
    return new AsyncGenerator<>(body);
  }

  /** {@code await(emit(v))}: hands v to the consumer, on the generator's thread. */
  public static <S> Coro<S> emit(Object value) {
    return new Coro<>(() -> {
      AsyncGenerator.emit(value);
      return null;
    });
  }

  public static <T> AsyncGenerator<T> stopIteration() {
    return null;
  }

  /** The loop's iterable; the program closes it with try-with-resources, as awaitEach does. */
  public static <T> AsyncGenerator.Each<T> awaitEach(AsyncGenerator<T> generator) {
    return new AsyncGenerator.Each<>(generator);
  }
}
