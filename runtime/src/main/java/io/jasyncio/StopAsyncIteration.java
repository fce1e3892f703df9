package io.jasyncio;

/**
 * Python's {@code StopAsyncIteration}: what {@link AsyncIterator#anext()}, {@link
 * AsyncGenerator#asend} and {@link AsyncGenerator#athrow} fail with when there is no next
 * element. A generator body that lets one escape fails with an {@link IllegalStateException}
 * instead (PEP 479), so that it cannot end an outer iteration by accident.
 */
public class StopAsyncIteration extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StopAsyncIteration() {
    super(null, null, false, false);
  }
}
