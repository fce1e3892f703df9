package io.jasyncio;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A done-callback through which something waits for the future it is registered on: gather's
 * outer future, a shield's outer future, a TaskGroup's parent task, the task in waitFor or
 * waitFutures. The call graph follows it to say who awaits what (asyncio 3.14's "awaited by"); the
 * loop runs it as any callback, so it costs nothing more than the lambda it wraps.
 */
final class AwaitingCallback<F> implements Consumer<F> {
  private final Supplier<?> awaiter;
  private final Consumer<F> action;

  AwaitingCallback(Supplier<?> awaiter, Consumer<F> action) {
    this.awaiter = awaiter;
    this.action = action;
  }

  /** The future or task that waits through this callback, or null if not known yet. */
  Object awaiter() {
    return awaiter.get();
  }

  @Override
  public void accept(F future) {
    action.accept(future);
  }
}
