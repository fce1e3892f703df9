package io.jasyncio.sync;

import io.jasyncio.Coro;

/** A primitive that is an async context by acquiring on entry and releasing on exit. */
interface Releasable {
  void release();

  /** The exit of {@code async with}: releases when awaited, suppresses nothing. */
  static Coro<Boolean> releaseOnExit(Releasable primitive) {
    return new Coro<Boolean>() {
      @Override
      protected Object $resume(Object $in, Throwable $err) throws Throwable {
        if ($err != null) {
          throw $err;
        }
        primitive.release();
        return Boolean.FALSE;
      }

      @Override
      protected StackTraceElement $where() {
        return new StackTraceElement(primitive.getClass().getName(), "aexit", null, -1);
      }
    };
  }
}
