package io.jasyncio.benchmarks;

import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W1: spawn 1,000,000 tasks that each yield to the loop once and finish. Baseline: 1,000,000
 * {@link CompletableFuture} pairs (a step, then a second step scheduled after it) on a
 * single-threaded queue executor, so that both sides pay for the same two scheduled steps and
 * neither pays for a thread hand-off.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class SpawnBenchmark {
  static final int TASKS = 1_000_000;

  @Benchmark
  @OperationsPerInvocation(TASKS)
  public int jasyncioSpawnYieldFinish() {
    return runOnNewLoop(AsyncSpawning.spawner(TASKS), false);
  }

  /** W1 with asyncio 3.12's eager task factory: each task's first step runs inside createTask. */
  @Benchmark
  @OperationsPerInvocation(TASKS)
  public int jasyncioEagerSpawnYieldFinish() {
    return runOnNewLoop(AsyncSpawning.spawner(TASKS), true);
  }

  /** Tasks that finish without suspending (cache hits): scheduled, one step each. */
  @Benchmark
  @OperationsPerInvocation(TASKS)
  public int jasyncioSpawnFinishAtOnce() {
    return runOnNewLoop(AsyncSpawning.spawnerOfFinished(TASKS), false);
  }

  /** The same with eager tasks: done inside createTask, never scheduled. */
  @Benchmark
  @OperationsPerInvocation(TASKS)
  public int jasyncioEagerSpawnFinishAtOnce() {
    return runOnNewLoop(AsyncSpawning.spawnerOfFinished(TASKS), true);
  }

  private static int runOnNewLoop(Coro<Integer> main, boolean eager) {
    EventLoop loop = new EventLoop();
    if (eager) {
      loop.setTaskFactory(AsyncIO.eagerTaskFactory());
    }
    try {
      return loop.runUntilComplete(main);
    } finally {
      loop.close();
    }
  }

  @Benchmark
  @OperationsPerInvocation(TASKS)
  public int completableFutureTwoSteps() {
    ArrayDeque<Runnable> queue = new ArrayDeque<>();
    Executor loop = queue::add;
    int[] finished = {0};
    for (int i = 0; i < TASKS; i++) {
      CompletableFuture.runAsync(() -> {}, loop).thenRunAsync(() -> finished[0]++, loop);
    }
    for (Runnable r; (r = queue.poll()) != null; ) {
      r.run();
    }
    return finished[0];
  }
}
