package io.jasyncio;

/**
 * The close of an iterator that a {@code for (.. : awaitEach(..))} loop leaves early: awaits its
 * {@code aclose()}. When the loop is left by an exception ({@code pending}), a failure of the close
 * is added to it as suppressed, as try-with-resources does, and the exception goes on; otherwise
 * the failure of the close is the outcome.
 */
final class AsyncForExit extends Coro<Void> {
  @Override
  boolean tracedAsFrame() {
    return false; // the runtime's step between the user's frames
  }

  private final AsyncIterator<?> iterator;
  private final Throwable pending;

  AsyncForExit(AsyncIterator<?> iterator, Throwable pending) {
    this.iterator = iterator;
    this.pending = pending;
  }

  @Override
  protected Object $resume(Object in, Throwable err) throws Throwable {
    try {
      if (err != null) {
        throw err;
      }
      if ($label == 0) {
        $label = 1;
        if ($await(iterator.aclose()) == $SUSPEND) {
          return $SUSPEND;
        }
      }
      return null;
    } catch (Throwable failure) {
      if (pending == null || failure == pending) {
        throw failure;
      }
      pending.addSuppressed(failure);
      return null;
    }
  }
}
