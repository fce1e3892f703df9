package io.jasyncio;

import java.util.function.Consumer;

/**
 * {@code waitFor(awaitable, timeout)}, as CPython 3.12+ writes it: {@code async with
 * timeout(t): return await aw}, so a coroutine runs in the calling task. A timeout of zero or less
 * is special: the awaitable is turned into a future (a coroutine into a task, whose body then
 * never runs), cancelled unless already done, waited for, and its cancellation reported as {@link
 * TimeoutError}.
 */
final class WaitForCoro<T> extends Coro<T> {
  private final Awaitable<T> awaitable;
  private final double timeout;
  private Timeout scope;
  private Future<T> future;
  private Consumer<Future<T>> release;

  WaitForCoro(Awaitable<T> awaitable, double timeout) {
    this.awaitable = awaitable;
    this.timeout = timeout;
  }

  @Override
  @SuppressWarnings("fallthrough")
  protected Object $resume(Object $in, Throwable $err) throws Throwable {
    for (; ; ) {
      switch ($label) {
        case 0:
          {
            EventLoop loop = $task.loop;
            if (timeout <= 0) {
              future = loop.ensureFuture(awaitable);
              if (future.isDone()) {
                return future.outcome();
              }
              // Cancel it and wait until the cancellation has finished.
              Future<Object> waiter = loop.createFuture();
              release =
                  f -> {
                    if (!waiter.isDone()) {
                      waiter.setResult(null);
                    }
                  };
              future.addDoneCallback(release);
              future.cancel();
              $label = 2;
              try {
                if (($in = $await(waiter)) == $SUSPEND) {
                  return $SUSPEND;
                }
              } catch (Throwable e) {
                $err = e;
              }
              continue;
            }
            scope = new Timeout(loop.time() + timeout);
            scope.enter($task);
            $label = 1;
            try {
              if (($in = $await(awaitable)) == $SUSPEND) {
                return $SUSPEND;
              }
            } catch (Throwable e) {
              $err = e;
            }
            continue;
          }
        case 1:
          {
            Throwable out = scope.exit($err);
            if (out != null) {
              throw out;
            }
            return $in;
          }
        case 2:
          {
            future.removeDoneCallback(release);
            if ($err != null) {
              throw $err;
            }
            try {
              return future.outcome();
            } catch (CancelledError e) {
              throw new TimeoutError(null, e);
            }
          }
        default:
          throw new IllegalStateException("bad state " + $label);
      }
    }
  }

  @Override
  protected StackTraceElement $where() {
    return new StackTraceElement("io.jasyncio.AsyncIO", "waitFor", null, -1);
  }
}
