package io.jasyncio;

import java.util.Arrays;

/**
 * The loop's timers: a binary min-heap ordered by deadline, then by scheduling order. Each timer
 * knows its index, so cancelling one removes it in O(log n) instead of leaving a corpse in the heap
 * until its deadline (CPython's lazy removal needs periodic compaction; this never does).
 */
final class TimerQueue {
  private TimerHandle[] heap = new TimerHandle[16];
  private int size;

  int size() {
    return size;
  }

  /** The earliest timer, or null. */
  TimerHandle peek() {
    return size == 0 ? null : heap[0];
  }

  void add(TimerHandle timer) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    siftUp(size++, timer);
  }

  /** Removes and returns the earliest timer. */
  TimerHandle poll() {
    TimerHandle first = heap[0];
    removeAt(0);
    return first;
  }

  void remove(TimerHandle timer) {
    int i = timer.heapIndex;
    if (i >= 0 && i < size && heap[i] == timer) {
      removeAt(i);
    }
  }

  void clear() {
    for (int i = 0; i < size; i++) {
      heap[i].heapIndex = -1;
      heap[i] = null;
    }
    size = 0;
  }

  private void removeAt(int i) {
    TimerHandle removed = heap[i];
    removed.heapIndex = -1;
    int last = --size;
    TimerHandle moved = heap[last];
    heap[last] = null;
    if (i != last) {
      siftDown(i, moved);
      if (heap[i] == moved) {
        siftUp(i, moved);
      }
    }
  }

  private void siftUp(int i, TimerHandle timer) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      TimerHandle p = heap[parent];
      if (!timer.before(p)) {
        break;
      }
      heap[i] = p;
      p.heapIndex = i;
      i = parent;
    }
    heap[i] = timer;
    timer.heapIndex = i;
  }

  private void siftDown(int i, TimerHandle timer) {
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      TimerHandle c = heap[child];
      int right = child + 1;
      if (right < size && heap[right].before(c)) {
        child = right;
        c = heap[child];
      }
      if (!c.before(timer)) {
        break;
      }
      heap[i] = c;
      c.heapIndex = i;
      i = child;
    }
    heap[i] = timer;
    timer.heapIndex = i;
  }
}
