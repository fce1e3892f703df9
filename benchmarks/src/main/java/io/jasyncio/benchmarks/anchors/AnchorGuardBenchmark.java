package io.jasyncio.benchmarks.anchors;

import io.jasyncio.EventLoop;
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
 * The regression guard of issue 10: the anchor workloads' code (generated from {@link Workloads})
 * under JMH, with the allocation profiler ({@code -prof gc}) telling what each operation allocates.
 * W3 uses the anchor's child (a suspension point never taken, results beyond the Integer cache): a
 * box that C2 no longer drops shows here as 16 B/op and several ns.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx4g")
@State(Scope.Benchmark)
public class AnchorGuardBenchmark {
  static final int AWAITS = 10_000_000;
  static final int TASKS = 100_000;

  private EventLoop loop;

  @Setup
  public void setUp() {
    loop = new EventLoop();
  }

  @TearDown
  public void tearDown() {
    loop.close();
  }

  /** W3: {@code s += await(child(i))}, per await. */
  @Benchmark
  @OperationsPerInvocation(AWAITS)
  public long w3AwaitOfACompletedChild() {
    return loop.runUntilComplete(AsyncWorkloads.parent(AWAITS));
  }

  /**
   * W3 with the child's entry ({@code child$coro.$now}, which creates its machine and runs it)
   * compiled apart from the parent, as a large child is: 16 B/await, the box of the result; a
   * machine that escapes its entry again (a handler that passes it on, say) shows as 48 B.
   */
  @Benchmark
  @OperationsPerInvocation(AWAITS)
  @Fork(
      value = 1,
      jvmArgs = "-Xmx4g",
      jvmArgsAppend = {
        "-XX:CompileCommand=quiet",
        "-XX:CompileCommand=dontinline,io.jasyncio.benchmarks.anchors.AsyncWorkloads$child$coro::$now"
      })
  public long w3AwaitOfACompletedChildNotInlined() {
    return loop.runUntilComplete(AsyncWorkloads.parent(AWAITS));
  }

  /** W1: spawn tasks that each yield once, gathered; per task. */
  @Benchmark
  @OperationsPerInvocation(TASKS)
  public int w1SpawnAndYieldOnce() {
    return loop.runUntilComplete(AsyncWorkloads.spawn(TASKS));
  }
}
