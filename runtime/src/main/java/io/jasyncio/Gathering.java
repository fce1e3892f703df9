package io.jasyncio;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code gather(...)}: the future of a list of results, in argument order. See {@link
 * AsyncIO#gather(Awaitable[])} for the semantics; the implementation follows CPython's {@code
 * _GatheringFuture}.
 */
final class Gathering<T> extends Future<List<T>> {
  private final List<Future<?>> children;
  private boolean cancelRequested;
  /** How many different children (an awaitable given twice is one child). */
  private int distinct;

  private Gathering(EventLoop loop, List<Future<?>> children) {
    super(loop);
    this.children = children;
  }

  /** Cancels every child that is not done; the gather then ends with a CancelledError. */
  @Override
  public boolean cancel(String message) {
    if (isDone()) {
      return false;
    }
    boolean any = false;
    for (Future<?> child : children) {
      if (child.cancel(message)) {
        any = true;
      }
    }
    if (any) {
      // Propagate the cancellation whatever returnExceptions says (bpo-32684).
      cancelRequested = true;
    }
    return any;
  }

  static <T> Future<List<T>> of(
      Collection<? extends Awaitable<? extends T>> awaitables, boolean returnExceptions) {
    if (awaitables.isEmpty()) {
      Future<List<T>> outer = EventLoop.getRunningLoop().createFuture();
      outer.setResult(new ArrayList<>());
      return outer;
    }
    List<Future<?>> children = new ArrayList<>(awaitables.size());
    Gathering<T>[] outerRef = newRef();
    int[] finished = {0};
    Consumer<Future<?>> onChildDone =
        new AwaitingCallback<>(
            () -> outerRef[0],
            child -> {
              finished[0]++;
              Gathering<T> outer = outerRef[0];
              outer.childDone(child, finished[0], outer.distinct, returnExceptions);
            });
    // The same awaitable given twice is gathered once (one task, one callback). Telling repeats
    // apart needs a map only once an awaitable may repeat: a coroutine already bound to a task, a
    // future already done or whose last callback is this gather's; until then none is hashed.
    Map<Awaitable<?>, Future<?>> seen = null;
    int distinct = 0;
    EventLoop loop = null;
    for (Awaitable<? extends T> awaitable : awaitables) {
      if (seen == null && mayRepeat(awaitable, onChildDone)) {
        seen = new IdentityHashMap<>();
        int k = 0;
        for (Awaitable<? extends T> earlier : awaitables) {
          if (k == children.size()) {
            break;
          }
          seen.put(earlier, children.get(k++));
        }
      }
      Future<?> child = seen == null ? null : seen.get(awaitable);
      if (child == null) {
        if (awaitable instanceof Coro<?> coro) {
          child = (loop != null ? loop : EventLoop.getRunningLoop()).createTask(coro);
        } else if (awaitable == null) {
          throw new NullPointerException("gather() of null");
        } else {
          child = (Future<?>) awaitable;
          if (loop != null && child.loop != loop) {
            throw new IllegalArgumentException("gather(): futures belong to different loops");
          }
        }
        if (loop == null) {
          loop = child.loop;
        }
        if (seen != null) {
          seen.put(awaitable, child);
        }
        distinct++;
        addCallback(child, onChildDone);
      }
      children.add(child);
    }
    Gathering<T> outer = new Gathering<>(loop, children);
    outer.distinct = distinct;
    outerRef[0] = outer;
    return outer;
  }

  @SuppressWarnings("unchecked")
  private static <T> Gathering<T>[] newRef() {
    return (Gathering<T>[]) new Gathering<?>[1];
  }

  private static boolean mayRepeat(Awaitable<?> awaitable, Consumer<Future<?>> onChildDone) {
    if (awaitable instanceof Coro<?> coro) {
      return coro.$task != null;
    }
    return awaitable instanceof Future<?> future
        && (future.isDone() || future.lastCallbackIs(onChildDone));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void addCallback(Future<?> child, Consumer<Future<?>> callback) {
    ((Future) child).addDoneCallback(callback);
  }

  private void childDone(Future<?> child, int finished, int total, boolean returnExceptions) {
    if (isDone()) {
      if (!child.isCancelled()) {
        child.exception(); // mark retrieved: nobody else will look
      }
      return;
    }
    if (!returnExceptions) {
      if (child.isCancelled()) {
        setException(child.cancelledError());
        return;
      }
      Throwable failure = child.exception();
      if (failure != null) {
        setException(failure);
        return;
      }
    }
    if (finished == total) {
      List<Object> results = new ArrayList<>(children.size());
      for (Future<?> each : children) {
        if (each.isCancelled()) {
          results.add(new CancelledError(each.cancelMessage == null ? "" : each.cancelMessage));
        } else {
          Throwable failure = each.exception();
          results.add(failure != null ? failure : each.rawResult());
        }
      }
      if (cancelRequested) {
        setException(child.cancelledError());
      } else {
        @SuppressWarnings("unchecked")
        List<T> typed = (List<T>) results;
        setResult(typed);
      }
    }
  }
}
