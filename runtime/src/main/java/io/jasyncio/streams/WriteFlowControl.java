package io.jasyncio.streams;

/**
 * A transport's write-buffer water marks and whether its protocol is paused (asyncio's
 * {@code FlowControlMixin} for transports): above the high mark the protocol is paused, at or below
 * the low mark it is resumed. The transport calls the protocol when told to.
 */
final class WriteFlowControl {
  static final int DEFAULT_HIGH_WATER = 64 * 1024;

  private int high = DEFAULT_HIGH_WATER;
  private int low = DEFAULT_HIGH_WATER / 4;
  private boolean paused;

  /**
   * Sets the water marks; a null one is derived from the other (high = 4 × low, low = high / 4).
   *
   * @throws IllegalArgumentException unless high &gt;= low &gt;= 0
   */
  void setLimits(Integer high, Integer low) {
    int h = high != null ? high : low != null ? 4 * low : DEFAULT_HIGH_WATER;
    int l = low != null ? low : h / 4;
    if (!(h >= l && l >= 0)) {
      throw new IllegalArgumentException("high (" + h + ") must be >= low (" + l + ") must be >= 0");
    }
    this.high = h;
    this.low = l;
  }

  /** {@code {low, high}}. */
  int[] limits() {
    return new int[] {low, high};
  }

  /** The buffer holds {@code size} bytes: whether the protocol must be paused now. */
  boolean pauseAt(long size) {
    if (paused || size <= high) {
      return false;
    }
    paused = true;
    return true;
  }

  /** The buffer holds {@code size} bytes: whether the protocol must be resumed now. */
  boolean resumeAt(long size) {
    if (!paused || size > low) {
      return false;
    }
    paused = false;
    return true;
  }
}
