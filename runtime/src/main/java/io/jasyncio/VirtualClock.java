package io.jasyncio;

/**
 * The clock of a loop made by {@link EventLoop#withVirtualTime()}. Touched by the loop thread only.
 */
final class VirtualClock {
  /** The loop's time in seconds. */
  double now;
  /** How many futures other threads are still to complete; the clock jumps only when none is. */
  int outstanding;
}
