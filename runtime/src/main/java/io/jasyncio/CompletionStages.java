package io.jasyncio;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** Awaiting a {@link CompletionStage}: its outcome as a loop {@link Future}, on the loop thread. */
final class CompletionStages {
  private CompletionStages() {}

  /** The outcome of a completed {@code CompletableFuture}: its value, or its failure unwrapped. */
  static Object outcomeOf(CompletableFuture<?> cf) throws Throwable {
    try {
      return cf.join();
    } catch (CancellationException e) {
      throw new CancelledError(e.getMessage());
    } catch (CompletionException e) {
      throw e.getCause() != null ? e.getCause() : e;
    }
  }

  /**
   * A future of {@code loop} that completes when {@code stage} does. Completion is handed to the
   * loop thread; cancelling the future cancels the stage when it is a {@code CompletableFuture}.
   */
  static Future<Object> toFuture(CompletionStage<?> stage, EventLoop loop) {
    Future<Object> future = new Future<>(loop);
    stage.whenComplete(
        (value, error) -> {
          if (loop.isLoopThread()) {
            deliver(future, value, error);
          } else {
            try {
              loop.callSoonThreadsafe(() -> deliver(future, value, error));
            } catch (IllegalStateException closed) {
              // The loop is gone; nobody is left to resume.
            }
          }
        });
    if (stage instanceof CompletableFuture<?> cf) {
      future.addDoneCallback(
          f -> {
            if (f.isCancelled()) {
              cf.cancel(false);
            }
          });
    }
    loop.completedByOtherThread(future);
    return future;
  }

  private static void deliver(Future<Object> future, Object value, Throwable error) {
    if (future.isDone()) {
      return;
    }
    if (error == null) {
      future.setResult(value);
      return;
    }
    Throwable cause = unwrap(error);
    if (cause instanceof CancellationException) {
      future.cancel(cause.getMessage());
    } else {
      future.setException(cause);
    }
  }

  static Throwable unwrap(Throwable error) {
    while ((error instanceof CompletionException || error instanceof ExecutionException)
        && error.getCause() != null) {
      error = error.getCause();
    }
    return error;
  }
}
