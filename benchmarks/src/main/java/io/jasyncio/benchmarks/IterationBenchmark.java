package io.jasyncio.benchmarks;

import io.jasyncio.EventLoop;
import java.io.IOException;
import java.nio.channels.Pipe;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * What one loop iteration costs, with and without I/O: a callback that re-schedules itself with
 * {@code callSoon} 100,000 times, so that each iteration runs one callback. Without a watched
 * channel an iteration makes no system call; with one (an idle pipe), each iteration polls the
 * selector without waiting, as CPython's {@code _run_once} does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class IterationBenchmark {
  static final int ITERATIONS = 100_000;

  private EventLoop plain;
  private EventLoop watching;
  private Pipe pipe;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    plain = new EventLoop();
    watching = new EventLoop();
    pipe = Pipe.open();
    pipe.source().configureBlocking(false);
    watching.addReader(pipe.source(), () -> {});
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    plain.close();
    watching.close();
    pipe.source().close();
    pipe.sink().close();
  }

  /** Runs {@code ITERATIONS} iterations of one callback each. */
  private static int spin(EventLoop loop) {
    int[] left = {ITERATIONS};
    io.jasyncio.Future<Void> finished = loop.createFuture();
    Runnable[] step = new Runnable[1];
    step[0] =
        () -> {
          if (--left[0] == 0) {
            finished.setResult(null);
          } else {
            loop.callSoon(step[0]);
          }
        };
    loop.callSoon(step[0]);
    loop.runUntilComplete(finished);
    return left[0];
  }

  @Benchmark
  @OperationsPerInvocation(ITERATIONS)
  public int iterationWithoutChannels() {
    return spin(plain);
  }

  @Benchmark
  @OperationsPerInvocation(ITERATIONS)
  public int iterationWithAWatchedChannel() {
    return spin(watching);
  }
}
