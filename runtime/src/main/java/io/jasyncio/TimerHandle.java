package io.jasyncio;

/**
 * A callback scheduled for a point in time by {@link EventLoop#callLater} or {@link
 * EventLoop#callAt}. Timers with equal deadlines run in the order they were scheduled. Cancelling
 * a timer removes it from the loop's timer heap at once, so cancelled timers cost no memory. Not
 * thread-safe: cancel it from its loop's thread.
 */
public final class TimerHandle extends Handle implements TimerEntry {
  private final double when;
  /** Position in the loop's timer heap, or -1 when not in it (fired or cancelled). */
  int heapIndex = -1;

  TimerHandle(EventLoop loop, Runnable callback, Object context, double when) {
    super(loop, callback, context);
    this.when = when;
  }

  /** The deadline, in {@link EventLoop#time()} seconds, exactly as given to {@code callAt}. */
  public double when() {
    return when;
  }

  @Override
  public void cancel() {
    if (!cancelled) {
      cancelled = true;
      if (heapIndex >= 0) {
        loop.timers.remove(this, heapIndex);
      }
    }
  }

  @Override
  public void heapIndex(int index) {
    heapIndex = index;
  }

  @Override
  public String toString() {
    return "<TimerHandle " + (cancelled ? "cancelled " : "") + "when=" + when + " " + target() + ">";
  }
}
