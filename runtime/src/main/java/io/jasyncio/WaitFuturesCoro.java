package io.jasyncio;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code waitFutures(futures, timeout, returnWhen)}: Python's {@code asyncio.wait}. Waits on a
 * private future that a done-callback on each input releases, then reports which inputs are done
 * at the moment the waiter resumes. A timeout ends the wait but cancels nothing.
 */
final class WaitFuturesCoro<F extends Future<?>> extends Coro<Done<F>> {
  private final List<F> futures;
  private final Double timeout;
  private final ReturnWhen returnWhen;
  private TimerHandle timeoutHandle;
  private Consumer<Future<?>> onCompletion;
  private int counter;

  WaitFuturesCoro(Collection<? extends F> futures, Double timeout, ReturnWhen returnWhen) {
    Set<F> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    this.futures = new ArrayList<>();
    for (F future : futures) {
      if (distinct.add(future)) {
        this.futures.add(future);
      }
    }
    this.timeout = timeout;
    this.returnWhen = returnWhen;
  }

  @Override
  @SuppressWarnings("fallthrough")
  protected Object $resume(Object $in, Throwable $err) throws Throwable {
    switch ($label) {
      case 0:
        {
          if ($err != null) {
            throw $err;
          }
          if (futures.isEmpty()) {
            throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
          }
          if (returnWhen == null) {
            throw new IllegalArgumentException("Invalid return_when value: null");
          }
          EventLoop loop = $task.loop;
          Future<Object> waiter = loop.createFuture();
          if (timeout != null) {
            timeoutHandle = loop.callLater(timeout, () -> release(waiter));
          }
          counter = futures.size();
          Task<?> waiting = $task;
          onCompletion =
              new AwaitingCallback<>(() -> waiting, f -> {
                counter--;
                if (counter <= 0
                    || returnWhen == ReturnWhen.FIRST_COMPLETED
                    || (returnWhen == ReturnWhen.FIRST_EXCEPTION && f.isFailed())) {
                  if (timeoutHandle != null) {
                    timeoutHandle.cancel();
                  }
                  release(waiter);
                }
              });
          for (F future : futures) {
            addCallback(future, onCompletion);
          }
          $label = 1;
          try {
            if (($in = $await(waiter)) == $SUSPEND) {
              return $SUSPEND;
            }
          } catch (Throwable e) {
            $err = e;
          }
        }
        // fall through
      case 1:
        {
          if (timeoutHandle != null) {
            timeoutHandle.cancel();
          }
          for (F future : futures) {
            removeCallback(future, onCompletion);
          }
          if ($err != null) {
            throw $err;
          }
          Set<F> done = new LinkedHashSet<>();
          Set<F> pending = new LinkedHashSet<>();
          for (F future : futures) {
            (future.isDone() ? done : pending).add(future);
          }
          return new Done<>(done, pending);
        }
      default:
        throw new IllegalStateException("bad state " + $label);
    }
  }

  private static void release(Future<Object> waiter) {
    if (!waiter.isDone()) {
      waiter.setResult(null);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static void addCallback(Future<?> future, Consumer<Future<?>> callback) {
    ((Future) future).addDoneCallback(callback);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static void removeCallback(Future<?> future, Consumer<Future<?>> callback) {
    ((Future) future).removeDoneCallback(callback);
  }

  @Override
  protected StackTraceElement $where() {
    return new StackTraceElement("io.jasyncio.AsyncIO", "waitFutures", null, -1);
  }
}
