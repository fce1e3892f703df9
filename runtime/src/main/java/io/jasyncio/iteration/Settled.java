package io.jasyncio.iteration;

import io.jasyncio.Awaitable;
import io.jasyncio.Coro;

/** Awaits something whose value does not matter (a gather of closes): completes with null. */
final class Settled extends Coro<Void> {
  private final Awaitable<?> awaited;

  Settled(Awaitable<?> awaited) {
    this.awaited = awaited;
  }

  @Override
  protected Object $resume(Object in, Throwable err) throws Throwable {
    if (err != null) {
      throw err;
    }
    if ($label == 0) {
      $label = 1;
      if ($await(awaited) == $SUSPEND) {
        return $SUSPEND;
      }
    }
    return null;
  }
}
