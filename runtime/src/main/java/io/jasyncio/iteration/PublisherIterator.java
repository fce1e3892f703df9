package io.jasyncio.iteration;

import io.jasyncio.AsyncIO;
import io.jasyncio.AsyncIterator;
import io.jasyncio.Awaitable;
import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;

/**
 * A subscription to a publisher, read by asynchronous iteration ({@link Publishers#iterate}).
 * The subscriber's methods may run on any thread: what they deliver is kept under this object's
 * lock, and the loop is woken (once per wait) when an awaiting request can go on.
 */
final class PublisherIterator<T> implements AsyncIterator<T>, Flow.Subscriber<T> {
  private final EventLoop loop;
  private final int buffer;
  private final int refill;
  // Guarded by this:
  private final ArrayDeque<Object> items = new ArrayDeque<>();
  private Flow.Subscription subscription;
  private Throwable error;
  private boolean completed;
  private boolean closed;
  private Future<Void> waiter;
  /** Elements taken since demand was last renewed. */
  private int taken;

  PublisherIterator(Flow.Publisher<? extends T> publisher, int buffer) {
    this.loop = EventLoop.getRunningLoop();
    this.buffer = buffer;
    this.refill = Math.max(1, buffer / 2);
    publisher.subscribe(this);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    boolean refuse;
    synchronized (this) {
      refuse = subscription != null || closed;
      if (!refuse) {
        subscription = s;
      }
    }
    if (refuse) {
      s.cancel(); // rule 2.5: a second subscription, or one for a closed iterator
      return;
    }
    s.request(buffer);
  }

  @Override
  public void onNext(T item) {
    if (item == null) {
      onError(new NullPointerException("onNext(null)"));
      return;
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      items.addLast(item);
    }
    wake();
  }

  @Override
  public void onError(Throwable throwable) {
    synchronized (this) {
      if (closed || completed || error != null) {
        return;
      }
      error = throwable;
    }
    wake();
  }

  @Override
  public void onComplete() {
    synchronized (this) {
      if (closed || error != null) {
        return;
      }
      completed = true;
    }
    wake();
  }

  /** Wakes the request waiting for something to arrive, if there is one, on the loop thread. */
  private void wake() {
    Future<Void> w;
    synchronized (this) {
      w = waiter;
      waiter = null;
    }
    if (w != null) {
      try {
        loop.callSoonThreadsafe(
            () -> {
              if (!w.isDone()) {
                w.setResult(null);
              }
            });
      } catch (RuntimeException loopClosed) {
        // nobody is left to wake
      }
    }
  }

  @Override
  public Awaitable<?> nextOrEnd() {
    return new Next();
  }

  @Override
  public Awaitable<Void> aclose() {
    Flow.Subscription s;
    synchronized (this) {
      if (closed) {
        return AsyncIO.done();
      }
      closed = true;
      items.clear();
      s = completed || error != null ? null : subscription;
    }
    if (s != null) {
      s.cancel();
    }
    return AsyncIO.done();
  }

  /** One request: the next delivered element, or waits for one. */
  private final class Next extends Coro<Object> {
    @Override
    protected Object $resume(Object in, Throwable err) throws Throwable {
      if (err != null) {
        throw err;
      }
      for (; ; ) {
        Object item = null;
        long renew = 0;
        Flow.Subscription s = null;
        Future<Void> wait = null;
        synchronized (PublisherIterator.this) {
          if (closed) {
            return END;
          }
          if (!items.isEmpty()) {
            item = items.pollFirst();
            if (++taken >= refill && !completed && error == null) {
              renew = taken;
              taken = 0;
              s = subscription;
            }
          } else if (error != null) {
            Throwable failure = error;
            closed = true;
            throw failure;
          } else if (completed) {
            closed = true;
            return END;
          } else {
            wait = loop.createFuture();
            waiter = wait;
          }
        }
        if (item != null) {
          if (s != null) {
            s.request(renew);
          }
          return item;
        }
        $label = 1;
        if ($await(wait) == $SUSPEND) {
          return $SUSPEND;
        }
      }
    }
  }
}
