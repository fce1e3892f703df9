package io.jasyncio.benchmarks;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * W4: heap bytes retained per task suspended on a pending future, 100,000 tasks. Each task awaits
 * its own future, as a task waiting for its own I/O would; the count includes the task, its
 * coroutine frame, the future and the future's wake-up registration. Baseline: a pending {@link
 * CompletableFuture} with one dependent continuation, the cheapest way to "wait" with futures.
 *
 * <p>Method: full GC, used heap, create the waiters, full GC, used heap again; the median of
 * several rounds, divided by the number of waiters. Run it with the command in BENCHMARKS.md.
 */
public final class SuspendedTaskFootprint {
  static final int TASKS = 100_000;
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private SuspendedTaskFootprint() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    double[] jasyncio = new double[rounds];
    double[] completable = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      jasyncio[r] = measure(SuspendedTaskFootprint::suspendedTasks);
      completable[r] = measure(SuspendedTaskFootprint::pendingContinuations);
    }
    System.out.printf("W4 jasyncio task suspended on a pending future: %.0f bytes/task%n",
        median(jasyncio));
    System.out.printf("W4 CompletableFuture with one pending continuation: %.0f bytes/waiter%n",
        median(completable));
  }

  /** Retained bytes per waiter of what {@code make} keeps alive. */
  private static double measure(java.util.function.Supplier<Object> make) {
    long before = usedAfterGc();
    Object keep = make.get();
    long after = usedAfterGc();
    if (keep.hashCode() == 42) {
      System.out.print(""); // keep it reachable until measured
    }
    return (after - before) / (double) TASKS;
  }

  private static Object suspendedTasks() {
    EventLoop loop = new EventLoop();
    List<Future<Object>> futures = new ArrayList<>(TASKS);
    for (int i = 0; i < TASKS; i++) {
      Future<Object> future = loop.createFuture();
      futures.add(future);
      loop.createTask(AsyncWaiting.awaitOne(future));
    }
    loop.stop();
    loop.runForever(); // one iteration: every task runs to its await and suspends
    if (loop.allTasks().size() != TASKS) {
      throw new AssertionError("tasks did not all suspend");
    }
    // The futures list itself is the caller's, not the task's: subtract it.
    futures.clear();
    futures = null;
    return loop;
  }

  private static Object pendingContinuations() {
    // The pending sources are what someone will complete; each holds its continuation and the
    // dependent future. The array costs 4 bytes a slot, counted in the figure.
    Object[] sources = new Object[TASKS];
    for (int i = 0; i < TASKS; i++) {
      CompletableFuture<Object> pending = new CompletableFuture<>();
      pending.thenApply(v -> v);
      sources[i] = pending;
    }
    return sources;
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
