package io.jasyncio.benchmarks;

import io.jasyncio.EventLoop;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
 * W2: two tasks exchange 1,000,000 messages through a {@code Queue(maxsize=1)}, so nearly every
 * put and get suspends and is woken by the other side. Reported as time per message (1e9 / that is
 * messages per second). Baseline: two platform threads and an {@link ArrayBlockingQueue} of
 * capacity 1, the plain-Java way to hand items between threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class QueueBenchmark {
  static final int MESSAGES = 1_000_000;

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
  @OperationsPerInvocation(MESSAGES)
  public long jasyncioQueueMaxsize1() {
    return loop.runUntilComplete(AsyncMessaging.pingPong(1, MESSAGES));
  }

  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long jasyncioQueueUnbounded() {
    return loop.runUntilComplete(AsyncMessaging.pingPong(0, MESSAGES));
  }

  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long threadsArrayBlockingQueue1() throws InterruptedException {
    BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(1);
    long[] sum = {0};
    Thread consumer =
        new Thread(
            () -> {
              try {
                long s = 0;
                for (int i = 0; i < MESSAGES; i++) {
                  s += queue.take();
                }
                sum[0] = s;
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    consumer.start();
    for (int i = 0; i < MESSAGES; i++) {
      queue.put(i & 63);
    }
    consumer.join();
    return sum[0];
  }
}
