package io.jasyncio.iteration;

import io.jasyncio.AsyncIterable;
import io.jasyncio.AsyncIterator;
import io.jasyncio.CancelledError;
import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.Task;
import java.util.concurrent.Flow;

/**
 * One subscriber of {@link Publishers#publish}: a task on the loop that takes an element from the
 * source only when the subscriber has demand and hands it to {@code onNext}. Demand and
 * cancellation may come from any thread; they reach the task through the loop.
 *
 * <p>States of the task: 0 start; 1 waiting for demand; 2 waiting for an element; 3 closing the
 * source after a cancellation; ends after {@code onComplete} or {@code onError}.
 */
final class IterablePublication<T> extends Coro<Void> implements Flow.Subscription {
  private final AsyncIterable<T> source;
  private final Flow.Subscriber<? super T> subscriber;
  private final EventLoop loop;
  // Touched on the loop thread only:
  private long demand;
  private boolean finished;
  private AsyncIterator<T> iterator;
  private Future<Void> waiter;
  private Task<Void> task;
  /** The cancellation the task goes on with once the source is closed (state 3). */
  private Throwable cancelledBy;

  IterablePublication(AsyncIterable<T> source, Flow.Subscriber<? super T> subscriber, EventLoop loop) {
    this.source = source;
    this.subscriber = subscriber;
    this.loop = loop;
  }

  void start() {
    task = loop.createTask(this);
    subscriber.onSubscribe(this);
  }

  @Override
  public void request(long n) {
    onLoop(() -> {
      if (finished) {
        return;
      }
      if (n <= 0) {
        fail(new IllegalArgumentException("non-positive request: " + n + " (Reactive Streams rule 3.9)"));
        task.cancel();
        return;
      }
      demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
      Future<Void> w = waiter;
      if (w != null && !w.isDone()) {
        waiter = null;
        w.setResult(null);
      }
    });
  }

  @Override
  public void cancel() {
    onLoop(() -> {
      finished = true;
      task.cancel();
    });
  }

  private void onLoop(Runnable action) {
    try {
      loop.callSoonThreadsafe(action);
    } catch (RuntimeException loopClosed) {
      // the loop is gone, and the task with it
    }
  }

  private void fail(Throwable error) {
    if (!finished) {
      finished = true;
      subscriber.onError(error);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  protected Object $resume(Object in, Throwable err) throws Throwable {
    for (; ; ) {
      switch ($label) {
        case 0:
          if (err != null) {
            return null; // cancelled before it started: nothing was opened
          }
          try {
            iterator = source.aiter();
          } catch (Throwable e) {
            fail(e);
            return null;
          }
          $label = 1;
          continue;
        case 1: // wait for demand
          if (err != null) {
            return closeAfter(err);
          }
          if (finished) {
            return closeAfter(null);
          }
          if (demand == 0) {
            waiter = loop.createFuture();
            if ($await(waiter) == $SUSPEND) {
              return $SUSPEND;
            }
            continue;
          }
          $label = 2;
          try {
            in = $await(iterator.nextOrEnd());
          } catch (Throwable e) {
            err = e;
            continue;
          }
          if (in == $SUSPEND) {
            return $SUSPEND;
          }
          continue;
        case 2: // an element, the end, or the source's failure
          if (err != null) {
            if (err instanceof CancelledError) {
              return closeAfter(err); // a source other than a generator is not finished by it
            }
            fail(err);
            return closeAfter(null);
          }
          if (in == AsyncIterator.END) {
            if (!finished) {
              finished = true;
              subscriber.onComplete();
            }
            return null;
          }
          if (finished) {
            return closeAfter(null);
          }
          demand--;
          try {
            subscriber.onNext((T) in);
          } catch (Throwable e) {
            finished = true; // rule 2.13: a subscriber that throws is cancelled
            return closeAfter(null);
          }
          in = null;
          $label = 1;
          continue;
        case 3:
          if (cancelledBy != null) {
            throw cancelledBy;
          }
          return null;
        default:
          throw new IllegalStateException("bad state " + $label);
      }
    }
  }

  /** Closes the source; then ends (rethrowing a cancellation, so that the task ends cancelled). */
  private Object closeAfter(Throwable cancelled) throws Throwable {
    finished = true;
    $label = 3;
    cancelledBy = cancelled instanceof CancelledError ? cancelled : null;
    Object out;
    try {
      out = $await(iterator.aclose());
    } catch (Throwable e) {
      out = null;
    }
    if (out == $SUSPEND) {
      return $SUSPEND;
    }
    if (cancelledBy != null) {
      throw cancelledBy;
    }
    return null;
  }
}
