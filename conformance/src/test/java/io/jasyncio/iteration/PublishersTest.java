package io.jasyncio.iteration;

import static io.jasyncio.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Flow (Reactive Streams) bridge, both ways, with backpressure, errors and cancellation. */
@Timeout(20)
abstract class PublishersTest {
  final List<String> log = Collections.synchronizedList(new ArrayList<>());

  /**
   * A publisher that delivers from inside {@code request}, on the caller's thread, and records
   * the demand: the most elements ever requested and not yet delivered, and whether it was
   * cancelled.
   */
  static final class CountingPublisher implements Flow.Publisher<Integer> {
    final int count;
    final RuntimeException failAtEnd;
    final AtomicLong outstandingMax = new AtomicLong();
    volatile boolean cancelled;

    CountingPublisher(int count, RuntimeException failAtEnd) {
      this.count = count;
      this.failAtEnd = failAtEnd;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Integer> subscriber) {
      subscriber.onSubscribe(
          new Flow.Subscription() {
            long requested;
            int next;
            boolean delivering;
            boolean done;

            @Override
            public void request(long n) {
              requested += n;
              outstandingMax.accumulateAndGet(requested, Math::max);
              if (delivering) {
                return; // the loop below goes on with the new demand
              }
              delivering = true;
              while (requested > 0 && next < count && !cancelled) {
                requested--;
                subscriber.onNext(next++);
              }
              delivering = false;
              if (next == count && !done && !cancelled) {
                done = true;
                if (failAtEnd != null) {
                  subscriber.onError(failAtEnd);
                } else {
                  subscriber.onComplete();
                }
              }
            }

            @Override
            public void cancel() {
              cancelled = true;
            }
          });
    }
  }

  @Test
  void aPublisherIsIteratedInOrderWithinTheBuffer() {
    CountingPublisher publisher = new CountingPublisher(100, null);
    List<Integer> got = AsyncIO.run(collect(Publishers.iterate(publisher, 8)));
    assertEquals(100, got.size());
    for (int i = 0; i < 100; i++) {
      assertEquals(i, got.get(i));
    }
    assertTrue(publisher.outstandingMax.get() <= 8, "demand beyond the buffer: " + publisher.outstandingMax);
  }

  @Async
  <T> Coro<List<T>> collect(io.jasyncio.AsyncIterable<T> source) {
    List<T> out = new ArrayList<>();
    for (T x : awaitEach(source)) {
      out.add(x);
    }
    return done(out);
  }

  @Test
  void anErrorArrivesAfterTheElementsDeliveredBeforeIt() {
    IllegalStateException boom = new IllegalStateException("boom");
    CountingPublisher publisher = new CountingPublisher(3, boom);
    assertEquals("[0, 1, 2] same", AsyncIO.run(collectUntilError(publisher)));
  }

  @Async
  Coro<String> collectUntilError(CountingPublisher publisher) {
    List<Integer> out = new ArrayList<>();
    try {
      for (int x : awaitEach(Publishers.iterate(publisher, 2))) {
        out.add(x);
      }
    } catch (IllegalStateException e) {
      return done(out + (e == publisher.failAtEnd ? " same" : " other"));
    }
    return done(out + " no error");
  }

  @Test
  void leavingTheLoopEarlyCancelsTheSubscription() {
    CountingPublisher publisher = new CountingPublisher(1_000, null);
    assertEquals(5, AsyncIO.run(firstFive(publisher)));
    assertTrue(publisher.cancelled);
  }

  @Async
  Coro<Integer> firstFive(CountingPublisher publisher) {
    int n = 0;
    for (int x : awaitEach(Publishers.iterate(publisher))) {
      if (++n == 5) {
        break;
      }
    }
    return done(n);
  }

  @Test
  void elementsSubmittedFromAnotherThreadArrive() {
    assertEquals(500, AsyncIO.run(fromSubmissionPublisher()));
  }

  @Async
  Coro<Integer> fromSubmissionPublisher() {
    SubmissionPublisher<Integer> publisher = new SubmissionPublisher<>();
    io.jasyncio.AsyncIterable<Integer> items = Publishers.iterate(publisher, 16);
    io.jasyncio.AsyncIterator<Integer> it = items.aiter();
    Thread producer =
        new Thread(
            () -> {
              for (int i = 0; i < 500; i++) {
                publisher.submit(i); // blocks while the subscriber's buffer is full
              }
              publisher.close();
            });
    producer.start();
    int sum = 0;
    int expected = 0;
    for (int x : awaitEach(it)) {
      if (x != expected++) {
        throw new AssertionError("out of order: " + x);
      }
      sum++;
    }
    return done(sum);
  }

  // ---------------------------------------------------------------------------------------------
  // publish: an async iterable as a Flow.Publisher

  @Async
  AsyncGenerator<Integer> produced(int n) {
    try {
      for (int i = 0; i < n; i++) {
        log.add("emit " + i);
        await(emit(i));
      }
    } finally {
      await(sleep(0));
      log.add("closed");
    }
    return stopIteration();
  }

  /** A subscriber that requests one element at a time from its own thread of control. */
  static final class OneAtATime implements Flow.Subscriber<Integer> {
    final List<String> log;
    final int cancelAfter;
    final CompletableFuture<String> finished = new CompletableFuture<>();
    Flow.Subscription subscription;
    int seen;

    OneAtATime(List<String> log, int cancelAfter) {
      this.log = log;
      this.cancelAfter = cancelAfter;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(1);
    }

    @Override
    public void onNext(Integer item) {
      log.add("got " + item);
      if (++seen == cancelAfter) {
        subscription.cancel();
        finished.complete("cancelled");
        return;
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable throwable) {
      finished.complete("error " + throwable.getClass().getSimpleName());
    }

    @Override
    public void onComplete() {
      finished.complete("complete");
    }
  }

  @Test
  void aPublishedGeneratorRunsOnlyAsFarAsTheDemand() {
    assertEquals(
        "complete [emit 0, got 0, emit 1, got 1, emit 2, got 2, closed]",
        AsyncIO.run(publishTo(new OneAtATime(log, -1), 3)));
  }

  @Test
  void cancellingTheSubscriptionClosesTheGenerator() {
    assertEquals("cancelled [emit 0, got 0, emit 1, got 1, closed]", AsyncIO.run(publishTo(new OneAtATime(log, 2), 100)));
  }

  @Async
  Coro<String> publishTo(OneAtATime subscriber, int n) {
    Flow.Publisher<Integer> publisher = Publishers.publish(produced(n), getRunningLoop());
    publisher.subscribe(subscriber);
    String outcome = await(subscriber.finished);
    for (int i = 0; i < 10 && !log.contains("closed"); i++) {
      await(sleep(0)); // the close runs in the publication's task
    }
    return done(outcome + " " + log);
  }

  @Test
  void aRequestOfZeroFailsTheSubscription() {
    assertEquals("error IllegalArgumentException", AsyncIO.run(requestZero()));
  }

  @Async
  Coro<String> requestZero() {
    CompletableFuture<String> outcome = new CompletableFuture<>();
    Publishers.publish(produced(3), getRunningLoop())
        .subscribe(
            new Flow.Subscriber<Integer>() {
              @Override
              public void onSubscribe(Flow.Subscription s) {
                s.request(0);
              }

              @Override
              public void onNext(Integer item) {
                outcome.complete("next");
              }

              @Override
              public void onError(Throwable throwable) {
                outcome.complete("error " + throwable.getClass().getSimpleName());
              }

              @Override
              public void onComplete() {
                outcome.complete("complete");
              }
            });
    return done(await(outcome));
  }

  @Test
  void publishedThenIteratedOnTheSameLoopRoundTrips() {
    List<Integer> got = AsyncIO.run(roundTrip());
    assertEquals(List.of(0, 1, 2, 3, 4), got);
    assertSame("closed", log.get(log.size() - 1));
  }

  @Async
  Coro<List<Integer>> roundTrip() {
    List<Integer> got = await(collect(Publishers.iterate(Publishers.publish(produced(5), getRunningLoop()), 2)));
    for (int i = 0; i < 10 && !log.contains("closed"); i++) {
      await(sleep(0));
    }
    return done(got);
  }
}
