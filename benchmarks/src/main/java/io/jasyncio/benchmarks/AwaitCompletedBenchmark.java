package io.jasyncio.benchmarks;

import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W3: an await of a child coroutine that completes without suspending, 10,000,000 times in one
 * task: the most common await in layered code. Baseline: the same loop joining an already
 * completed {@link CompletableFuture} returned by a method.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class AwaitCompletedBenchmark {
  static final int AWAITS = 10_000_000;

  private EventLoop loop;

  @Setup
  public void setUp() {
    loop = new EventLoop();
  }

  @TearDown
  public void tearDown() {
    loop.close();
  }

  @Benchmark
  @OperationsPerInvocation(AWAITS)
  public long jasyncioAwaitCompletedChild() {
    return loop.runUntilComplete(AsyncLayered.parent(AWAITS));
  }

  @Benchmark
  @OperationsPerInvocation(AWAITS)
  public long completableFutureJoinCompleted() {
    long sum = 0;
    for (int i = 0; i < AWAITS; i++) {
      sum += childFuture(i).join();
    }
    return sum;
  }

  private static CompletableFuture<Integer> childFuture(int i) {
    return CompletableFuture.completedFuture(i & 63);
  }
}
