package io.jasyncio;

/** Rethrows a {@link Throwable} unchanged from code whose signature cannot declare it. */
final class Rethrow {
  private Rethrow() {}

  /**
   * Throws {@code t} as it is, checked or not. Declared to return an exception so that callers can
   * write {@code throw Rethrow.unchecked(t);} and keep javac's flow analysis happy.
   */
  static RuntimeException unchecked(Throwable t) {
    throw Rethrow.<RuntimeException>sneaky(t);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }
}
