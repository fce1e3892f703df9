package io.jasyncio.benchmarks;

import io.jasyncio.EventLoop;
import io.jasyncio.sync.Lock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
 * An uncontended {@link Lock}: acquire and release 10,000,000 times in one task, three ways a user
 * writes it. Baseline: an uncontended {@link ReentrantLock} lock/unlock in a plain loop.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class LockBenchmark {
  static final int TIMES = 10_000_000;

  private EventLoop loop;
  private final Lock lock = new Lock();
  private final ReentrantLock reentrant = new ReentrantLock();

  @Setup
  public void setUp() {
    loop = new EventLoop();
  }

  @TearDown
  public void tearDown() {
    loop.close();
  }

  @Benchmark
  @OperationsPerInvocation(TIMES)
  public int jasyncioAcquireRelease() {
    return loop.runUntilComplete(AsyncMessaging.acquireRelease(lock, TIMES));
  }

  @Benchmark
  @OperationsPerInvocation(TIMES)
  public int jasyncioAsyncWith() {
    return loop.runUntilComplete(AsyncMessaging.asyncWith(lock, TIMES));
  }

  @Benchmark
  @OperationsPerInvocation(TIMES)
  public int jasyncioHeldBlock() {
    return loop.runUntilComplete(AsyncMessaging.heldBlock(lock, TIMES));
  }

  @Benchmark
  @OperationsPerInvocation(TIMES)
  public int reentrantLockUnlock() {
    int held = 0;
    for (int i = 0; i < TIMES; i++) {
      reentrant.lock();
      held += reentrant.isLocked() ? 1 : 0;
      reentrant.unlock();
    }
    return held;
  }
}
