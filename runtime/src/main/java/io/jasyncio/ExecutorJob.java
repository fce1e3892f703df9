package io.jasyncio;

import java.util.concurrent.Callable;

/**
 * A function submitted with {@link EventLoop#runInExecutor}: runs on a worker thread and hands its
 * outcome to the loop thread, where it completes the loop future unless that was cancelled.
 */
final class ExecutorJob<T> implements Runnable {
  private final EventLoop loop;
  private final Future<T> future;
  private final Callable<T> function;
  private volatile boolean cancelled;

  ExecutorJob(EventLoop loop, Future<T> future, Callable<T> function) {
    this.loop = loop;
    this.future = future;
    this.function = function;
  }

  /** Keeps the function from starting, if it has not started yet. */
  void cancel() {
    cancelled = true;
  }

  @Override
  public void run() {
    if (cancelled) {
      return;
    }
    T value = null;
    Throwable failure = null;
    try {
      value = function.call();
    } catch (Throwable e) {
      failure = e;
    }
    T result = value;
    Throwable error = failure;
    try {
      loop.callSoonThreadsafe(
          () -> {
            if (future.isDone()) {
              return;
            }
            if (error != null) {
              future.setException(error);
            } else {
              future.setResult(result);
            }
          });
    } catch (IllegalStateException closed) {
      // The loop was closed while the function ran: nobody is waiting for the outcome.
    }
  }
}
