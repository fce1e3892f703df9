package io.jasyncio;

/** When {@link AsyncIO#waitFutures} returns. */
public enum ReturnWhen {
  /** As soon as any future is done or cancelled. */
  FIRST_COMPLETED,
  /** As soon as any future fails with an exception, else when all are done (like ALL_COMPLETED). */
  FIRST_EXCEPTION,
  /** When every future is done or cancelled. */
  ALL_COMPLETED
}
