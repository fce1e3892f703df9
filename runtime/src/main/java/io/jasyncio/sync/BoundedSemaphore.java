package io.jasyncio.sync;

/**
 * A {@link Semaphore} that refuses to be released above its initial value: asyncio's {@code
 * BoundedSemaphore}. An extra release is almost always a bug, and this catches it where it
 * happens.
 */
public final class BoundedSemaphore extends Semaphore {
  private final int bound;

  /** A bounded semaphore with one permit. */
  public BoundedSemaphore() {
    this(1);
  }

  /**
   * A bounded semaphore with {@code value} permits, which is also the most it may ever have.
   *
   * @throws IllegalArgumentException "Semaphore initial value must be >= 0"
   */
  public BoundedSemaphore(int value) {
    super(value);
    this.bound = value;
  }

  /**
   * Returns a permit.
   *
   * @throws IllegalArgumentException "BoundedSemaphore released too many times" if that would make
   *     more permits than the initial value
   */
  @Override
  public void release() {
    if (value() >= bound) {
      throw new IllegalArgumentException("BoundedSemaphore released too many times");
    }
    super.release();
  }
}
