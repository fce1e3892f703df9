package io.jasyncio;

/**
 * The deadline of {@link AsyncIO#waitFor}, {@link AsyncIO#timeout} or an {@link
 * AsyncIO#asCompleted} awaitable passed. Python's builtin {@code TimeoutError}.
 *
 * <p>When it comes from {@code waitFor} or {@code timeout}, its {@linkplain #getCause() cause} is
 * the {@link CancelledError} that interrupted the work. Unchecked, so that {@code @Async} bodies
 * can catch it around any {@code await}.
 */
public class TimeoutError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TimeoutError() {
    super();
  }

  public TimeoutError(String message) {
    super(message);
  }

  public TimeoutError(String message, Throwable cause) {
    super(message, cause);
  }
}
