package io.jasyncio;

/**
 * An operation was not allowed in the {@link Future}'s current state: a second {@code setResult},
 * or {@code result()} / {@code exception()} before the future is done ("Result is not set.").
 */
public class InvalidStateError extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public InvalidStateError(String message) {
    super(message);
  }
}
