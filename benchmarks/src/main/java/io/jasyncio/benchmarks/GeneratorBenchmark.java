package io.jasyncio.benchmarks;

import io.jasyncio.EventLoop;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
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
 * The cost per element of an async generator consumed by an async for-each loop ({@link
 * Generators}, compiled by the processor):
 *
 * <ul>
 *   <li>elements that are ready (the generator never waits), beside a plain {@link Iterator} loop
 *       over the same values;
 *   <li>elements that each wait for one loop iteration, beside the JDK's {@link
 *       SubmissionPublisher} delivering the same values to a subscriber that requests them one at
 *       a time (on a single-thread executor of its own, as the loop is one thread).
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class GeneratorBenchmark {
  static final int ELEMENTS = 100_000;

  private EventLoop loop;
  private java.util.concurrent.ExecutorService executor;

  @Setup
  public void setUp() {
    loop = new EventLoop();
    executor = java.util.concurrent.Executors.newSingleThreadExecutor();
  }

  @TearDown
  public void tearDown() {
    loop.close();
    executor.shutdownNow();
  }

  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public long generatorReadyElements() {
    return loop.runUntilComplete(AsyncGenerators.sumReady(ELEMENTS));
  }

  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public long iteratorLoop() {
    long sum = 0;
    for (int x : range(ELEMENTS)) {
      sum += x;
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public long generatorSuspendingElements() {
    return loop.runUntilComplete(AsyncGenerators.sumSuspending(ELEMENTS));
  }

  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public long submissionPublisherOneByOne() throws InterruptedException {
    long[] sum = {0};
    CountDownLatch done = new CountDownLatch(1);
    try (SubmissionPublisher<Integer> publisher = new SubmissionPublisher<>(executor, 16)) {
      publisher.subscribe(
          new Flow.Subscriber<Integer>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
              subscription = s;
              s.request(1);
            }

            @Override
            public void onNext(Integer item) {
              sum[0] += item;
              subscription.request(1);
            }

            @Override
            public void onError(Throwable throwable) {
              done.countDown();
            }

            @Override
            public void onComplete() {
              done.countDown();
            }
          });
      for (int i = 0; i < ELEMENTS; i++) {
        publisher.submit(i & 127);
      }
    }
    done.await();
    return sum[0];
  }

  /** 0..127 repeated, as an Iterable: the plain-Java shape of {@link Generators#ready}. */
  static Iterable<Integer> range(int n) {
    return () ->
        new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < n;
          }

          @Override
          public Integer next() {
            return i++ & 127;
          }
        };
  }
}
