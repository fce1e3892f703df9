package io.jasyncio.iteration;

import io.jasyncio.AsyncIterable;
import io.jasyncio.EventLoop;
import java.util.concurrent.Flow;

/**
 * The bridge between asynchronous iteration and {@link java.util.concurrent.Flow} (Reactive
 * Streams), both ways, with backpressure: the JVM's reactive sources ({@code HttpClient}'s
 * {@code BodySubscribers.ofPublisher}, {@code SubmissionPublisher}, reactive database drivers)
 * become loops in {@code @Async} code, and an asynchronous iterable becomes a {@code Publisher}
 * any reactive library can subscribe to.
 */
public final class Publishers {
  private Publishers() {}

  /** {@link #iterate(Flow.Publisher, int)} with a buffer of 16 elements. */
  public static <T> AsyncIterable<T> iterate(Flow.Publisher<? extends T> publisher) {
    return iterate(publisher, 16);
  }

  /**
   * The elements {@code publisher} delivers, for {@code for (T x : awaitEach(..))}. Each {@link
   * AsyncIterable#aiter()} subscribes once, from the loop thread. Demand follows the iteration:
   * {@code buffer} elements are requested at first, and as the loop takes half of them, that many
   * more, so that at most {@code buffer} elements are ever held. {@code onNext} may come from any
   * thread; the loop is woken for it. An {@code onError} arrives at the await of the next element
   * after the ones delivered before it; {@code onComplete} ends the loop after them. Leaving the
   * loop early (or closing the iterator) cancels the subscription and drops what is buffered.
   */
  public static <T> AsyncIterable<T> iterate(Flow.Publisher<? extends T> publisher, int buffer) {
    if (buffer <= 0) {
      throw new IllegalArgumentException("buffer must be positive: " + buffer);
    }
    return () -> new PublisherIterator<T>(publisher, buffer);
  }

  /**
   * A publisher of the elements of {@code source}, iterated on {@code loop}. Each subscriber gets
   * an iteration of its own (a new {@code aiter()}), run by a task on the loop; it requests an
   * element from the source only when the subscriber has demand, and calls the subscriber's
   * methods on the loop thread, one at a time (Reactive Streams rules 1.3 and 3.9: a request of
   * zero or less fails the subscription with an {@link IllegalArgumentException}). Cancelling the
   * subscription cancels the task, which closes the iteration (a generator's {@code finally}
   * blocks run). {@code subscribe} and the subscription's methods may be called from any thread.
   */
  public static <T> Flow.Publisher<T> publish(AsyncIterable<T> source, EventLoop loop) {
    return subscriber -> {
      if (subscriber == null) {
        throw new NullPointerException("subscriber");
      }
      loop.callSoonThreadsafe(() -> new IterablePublication<>(source, subscriber, loop).start());
    };
  }
}
