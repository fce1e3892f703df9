package io.jasyncio;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loop's default executor for blocking work ({@code toThread}, {@code runInExecutor(null, ..)}):
 * created on first use, like Python's, with min(32, cores + 4) daemon threads named {@code
 * jasyncio-executor-N} that exit when idle.
 */
final class DefaultExecutor {
  private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

  private ExecutorService executor;
  private boolean shutdown;

  synchronized ExecutorService get() {
    if (shutdown) {
      throw new IllegalStateException("Executor shutdown has been called");
    }
    if (executor == null) {
      int workers = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
      ThreadFactory threads =
          runnable -> {
            Thread t =
                new Thread(runnable, "jasyncio-executor-" + THREAD_NUMBER.incrementAndGet());
            t.setDaemon(true);
            return t;
          };
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(
              workers, workers, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
      pool.allowCoreThreadTimeOut(true);
      executor = pool;
    }
    return executor;
  }

  synchronized void set(ExecutorService replacement) {
    executor = replacement;
  }

  /**
   * Stops accepting work and calls {@code whenIdle} once every running job has finished (from a
   * helper thread), or at once if there was no executor.
   */
  void shutdown(Runnable whenIdle) {
    ExecutorService running;
    synchronized (this) {
      shutdown = true;
      running = executor;
    }
    if (running == null) {
      whenIdle.run();
      return;
    }
    running.shutdown();
    Thread waiter =
        new Thread(
            () -> {
              try {
                running.awaitTermination(300, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              whenIdle.run();
            },
            "jasyncio-executor-shutdown");
    waiter.setDaemon(true);
    waiter.start();
  }

  /** Stops accepting work without waiting for running jobs (the loop is closing). */
  void shutdownWithoutWaiting() {
    ExecutorService running;
    synchronized (this) {
      shutdown = true;
      running = executor;
    }
    if (running != null) {
      running.shutdown();
    }
  }
}
