package io.jasyncio.sync;

/**
 * Thrown by {@link Barrier#waitFor()} when the barrier is aborted, or reset while the task waits:
 * asyncio's {@code BrokenBarrierError}, a {@code RuntimeError} there and an {@link
 * IllegalStateException} here.
 */
public class BrokenBarrierError extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public BrokenBarrierError(String message) {
    super(message);
  }
}
