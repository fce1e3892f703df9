package io.jasyncio;

/**
 * What the loop's timer heap holds: a {@link TimerHandle}, or a sleep's own future (which then
 * needs no handle). It is told its index in the heap each time it moves, so that cancelling it
 * removes it in O(log n).
 */
interface TimerEntry {
  /** Its new index in the heap, or -1 once it has left it (fired, cancelled or cleared). */
  void heapIndex(int index);
}
