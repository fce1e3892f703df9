package io.jasyncio;

import java.util.function.Consumer;

/**
 * {@code shield(aw)}: an outer future that follows the inner one, except that cancelling the outer
 * leaves the inner running. If the inner is cancelled, so is the outer. CPython's {@code shield}.
 */
final class Shield {
  private Shield() {}

  static <T> Future<T> of(Awaitable<T> awaitable) {
    if (awaitable == null) {
      throw new NullPointerException("shield(null)");
    }
    EventLoop loop =
        awaitable instanceof Future<T> future ? future.loop : EventLoop.getRunningLoop();
    Future<T> inner = loop.ensureFuture(awaitable);
    if (inner.isDone()) {
      return inner;
    }
    Future<T> outer = loop.createFuture();
    Consumer<Future<T>> innerDone =
        new AwaitingCallback<>(() -> outer, in -> {
          if (outer.isCancelled()) {
            if (!in.isCancelled()) {
              in.exception(); // mark retrieved
            }
            return;
          }
          if (in.isCancelled()) {
            outer.cancel();
          } else if (in.isFailed()) {
            outer.setException(in.exception());
          } else {
            outer.setResult(in.result());
          }
        });
    inner.addDoneCallback(innerDone);
    outer.addDoneCallback(
        out -> {
          if (!inner.isDone()) {
            inner.removeDoneCallback(innerDone);
          }
        });
    return outer;
  }
}
