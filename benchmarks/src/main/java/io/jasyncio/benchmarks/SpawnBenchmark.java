package io.jasyncio.benchmarks;

import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
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
    EventLoop loop = new EventLoop();
    try {
      return loop.runUntilComplete(new Spawner(TASKS));
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

  /**
   * <pre>{@code
   * @Async Coro<Integer> spawner(int n) {
   *   Future<Integer> allDone = getRunningLoop().createFuture();
   *   int[] left = {n};
   *   for (int i = 0; i < n; i++) createTask(yieldOnce(left, allDone));
   *   return done(await(allDone));
   * }
   * @Async Coro<Void> yieldOnce(int[] left, Future<Integer> allDone) {
   *   await(sleep(0));
   *   if (--left[0] == 0) allDone.setResult(n);
   *   return done();
   * }
   * }</pre>
   */
  private static final class Spawner extends Coro<Integer> {
    private final int n;

    Spawner(int n) {
      this.n = n;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      if ($err != null) {
        throw $err;
      }
      if ($label == 0) {
        Future<Integer> allDone = AsyncIO.getRunningLoop().createFuture();
        int[] left = {n};
        for (int i = 0; i < n; i++) {
          AsyncIO.createTask(new YieldOnce(left, allDone, n));
        }
        $label = 1;
        if (($in = $await(allDone)) == $SUSPEND) {
          return $SUSPEND;
        }
      }
      return $in;
    }
  }

  private static final class YieldOnce extends Coro<Void> {
    private final int[] left;
    private final Future<Integer> allDone;
    private final int n;

    YieldOnce(int[] left, Future<Integer> allDone, int n) {
      this.left = left;
      this.allDone = allDone;
      this.n = n;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      if ($err != null) {
        throw $err;
      }
      if ($label == 0) {
        $label = 1;
        if (($in = $await(AsyncIO.sleep(0))) == $SUSPEND) {
          return $SUSPEND;
        }
      }
      if (--left[0] == 0) {
        allDone.setResult(n);
      }
      return null;
    }
  }
}
