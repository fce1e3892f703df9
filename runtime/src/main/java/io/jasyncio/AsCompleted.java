package io.jasyncio;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What {@link AsyncIO#asCompleted} returns: CPython 3.13's {@code as_completed} object, iterable
 * both ways.
 *
 * <ul>
 *   <li>As a plain {@link Iterable}: one awaitable per input; awaiting the n-th produces the
 *       outcome of the n-th input to finish.
 *   <li>As an {@link AsyncIterable} ({@code for (Future<T> f : awaitEach(asCompleted(..)))}): the
 *       inputs themselves as they finish (a {@link Coro} given as input is wrapped in a task,
 *       and that task is what comes out), done, so that {@code f.result()} does not wait.
 * </ul>
 *
 * <p>After the timeout, awaits that have nothing left to produce throw {@link TimeoutError};
 * nothing is cancelled.
 *
 * @param <T> the type of the inputs' results
 */
public final class AsCompleted<T> implements Iterable<Awaitable<T>>, AsyncIterable<Future<T>> {
  private static final Object TIMED_OUT = new Object();

  private final EventLoop loop;
  private final Set<Future<?>> todo = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Finished futures (or TIMED_OUT markers) not yet handed to an awaiter. */
  private final ArrayDeque<Object> finished = new ArrayDeque<>();
  private final ArrayDeque<Future<Object>> getters = new ArrayDeque<>();
  private final Consumer<Future<?>> onCompletion = this::onCompletion;
  private TimerHandle timeoutHandle;
  private int remaining;

  AsCompleted(Collection<? extends Awaitable<? extends T>> awaitables, Double timeout) {
    EventLoop running = EventLoop.getRunningLoop();
    this.loop = running;
    // The same awaitable twice counts once, as CPython's set(fs) makes it (a coroutine included:
    // it can only be wrapped in one task).
    Set<Awaitable<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Awaitable<? extends T> awaitable : awaitables) {
      if (awaitable != null && !seen.add(awaitable)) {
        continue;
      }
      if (awaitable instanceof Coro<? extends T> coro) {
        todo.add(running.createTask(coro));
      } else if (awaitable == null) {
        throw new NullPointerException("asCompleted() of null");
      } else {
        todo.add((Future<?>) awaitable);
      }
    }
    for (Future<?> future : todo) {
      WaitFuturesCoro.addCallback(future, onCompletion);
    }
    if (!todo.isEmpty() && timeout != null) {
      timeoutHandle = running.callLater(timeout, this::onTimeout);
    }
    remaining = todo.size();
  }

  @Override
  public Iterator<Awaitable<T>> iterator() {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return remaining > 0;
      }

      @Override
      public Awaitable<T> next() {
        if (remaining <= 0) {
          throw new NoSuchElementException();
        }
        remaining--;
        @SuppressWarnings("unchecked")
        Awaitable<T> one = (Awaitable<T>) (Awaitable<?>) new WaitForOne(false);
        return one;
      }
    };
  }

  /** The inputs as they finish; see the class comment. */
  @Override
  public AsyncIterator<Future<T>> aiter() {
    return () -> {
      if (remaining <= 0) {
        return AsyncIO.done(AsyncIterator.END);
      }
      remaining--;
      return new WaitForOne(true);
    };
  }

  private void onCompletion(Future<?> future) {
    if (todo.isEmpty()) {
      return; // the timeout came first
    }
    todo.remove(future);
    put(future);
    if (todo.isEmpty() && timeoutHandle != null) {
      timeoutHandle.cancel();
    }
  }

  private void onTimeout() {
    for (Future<?> future : todo) {
      WaitFuturesCoro.removeCallback(future, onCompletion);
      put(TIMED_OUT);
    }
    todo.clear();
  }

  private void put(Object item) {
    finished.addLast(item);
    wakeNextGetter();
  }

  private void wakeNextGetter() {
    while (!getters.isEmpty()) {
      Future<Object> getter = getters.pollFirst();
      if (!getter.isDone()) {
        getter.setResult(null);
        break;
      }
    }
  }

  /** One awaitable of the iteration: takes the next finished input, waiting if there is none. */
  private final class WaitForOne extends Coro<Object> {
    private Future<Object> getter;
    /** Produce the finished input itself rather than its outcome. */
    private final boolean itself;

    WaitForOne(boolean itself) {
      this.itself = itself;
    }

    @Override
    @SuppressWarnings("fallthrough")
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      for (; ; ) {
        switch ($label) {
          case 0:
            if ($err != null) {
              throw $err;
            }
            // fall through
          case 2: // loop head: wait until something finished
            if (finished.isEmpty()) {
              getter = loop.createFuture();
              getters.addLast(getter);
              $label = 1;
              try {
                if (($in = $await(getter)) == $SUSPEND) {
                  return $SUSPEND;
                }
              } catch (Throwable e) {
                $err = e;
              }
              continue;
            }
            Object item = finished.pollFirst();
            if (item == TIMED_OUT) {
              throw new TimeoutError();
            }
            return itself ? item : ((Future<?>) item).outcome();
          case 1:
            if ($err != null) {
              getter.cancel();
              getters.remove(getter);
              if (!finished.isEmpty() && !getter.isCancelled()) {
                wakeNextGetter(); // we were woken but will not take the item: pass it on
              }
              throw $err;
            }
            $label = 2;
            continue;
          default:
            throw new IllegalStateException("bad state " + $label);
        }
      }
    }

    @Override
    protected StackTraceElement $where() {
      return new StackTraceElement("io.jasyncio.AsyncIO", "asCompleted", null, -1);
    }
  }
}
