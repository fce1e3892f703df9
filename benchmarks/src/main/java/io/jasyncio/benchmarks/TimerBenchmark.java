package io.jasyncio.benchmarks;

import io.jasyncio.EventLoop;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
 * Timer insert: 1,000,000 {@code callLater} with random delays (0 to 1000 s) on a loop. Baseline:
 * the same on a {@link ScheduledThreadPoolExecutor}, which is what {@code
 * CompletableFuture.delayedExecutor} schedules on.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class TimerBenchmark {
  static final int TIMERS = 1_000_000;
  private static final Runnable NOTHING = () -> {};

  @Benchmark
  @OperationsPerInvocation(TIMERS)
  public EventLoop jasyncioCallLater() {
    EventLoop loop = new EventLoop();
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < TIMERS; i++) {
      loop.callLater(random.nextDouble(1000.0), NOTHING);
    }
    loop.close();
    return loop;
  }

  @Benchmark
  @OperationsPerInvocation(TIMERS)
  public ScheduledThreadPoolExecutor scheduledExecutorSchedule() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < TIMERS; i++) {
      executor.schedule(NOTHING, (long) (random.nextDouble(1000.0) * 1e9), TimeUnit.NANOSECONDS);
    }
    executor.shutdownNow();
    return executor;
  }
}
