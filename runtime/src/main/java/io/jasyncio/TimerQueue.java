package io.jasyncio;

import java.util.Arrays;

/**
 * The loop's timers ({@link TimerHandle}s and sleeps' futures): a 4-ary min-heap ordered by deadline, then by scheduling order. Each timer
 * knows its index, so cancelling one removes it in O(log n) instead of leaving a corpse in the heap
 * until its deadline (CPython's lazy removal needs periodic compaction; this never does).
 *
 * <p>The deadlines and sequence numbers are kept in arrays beside the timers, so that comparing
 * reads no timer: the four children of a node share a cache line, and a heap of a million timers
 * is half as deep as a binary one. Only the timers that move are touched (their index).
 */
final class TimerQueue {
  private TimerEntry[] heap = new TimerEntry[16];
  /** The deadline of {@code heap[i]}. */
  private double[] whens = new double[16];
  /** The scheduling order of {@code heap[i]}, read only to break ties. */
  private long[] sequences = new long[16];

  private int size;

  int size() {
    return size;
  }

  /** The earliest timer, or null. */
  TimerEntry peek() {
    return size == 0 ? null : heap[0];
  }

  /** The deadline of the earliest timer; the queue must not be empty. */
  double firstWhen() {
    return whens[0];
  }

  void add(TimerEntry timer, double when, long sequence) {
    if (size == heap.length) {
      int capacity = size * 2;
      heap = Arrays.copyOf(heap, capacity);
      whens = Arrays.copyOf(whens, capacity);
      sequences = Arrays.copyOf(sequences, capacity);
    }
    siftUp(size++, timer, when, sequence);
  }

  /** Removes and returns the earliest timer. */
  TimerEntry poll() {
    TimerEntry first = heap[0];
    removeAt(0);
    return first;
  }

  /** Removes {@code timer}, which said its index was {@code i}. */
  void remove(TimerEntry timer, int i) {
    if (i >= 0 && i < size && heap[i] == timer) {
      removeAt(i);
    }
  }

  void clear() {
    for (int i = 0; i < size; i++) {
      heap[i].heapIndex(-1);
      heap[i] = null;
    }
    size = 0;
  }

  private void removeAt(int i) {
    heap[i].heapIndex(-1);
    int last = --size;
    TimerEntry moved = heap[last];
    double when = whens[last];
    long sequence = sequences[last];
    heap[last] = null;
    if (i != last) {
      siftDown(i, moved, when, sequence);
      if (heap[i] == moved) {
        siftUp(i, moved, when, sequence);
      }
    }
  }

  /** Whether the timer at {@code j} runs before one due at {@code when} scheduled as {@code seq}. */
  private boolean before(int j, double when, long seq) {
    double w = whens[j];
    return w < when || (w == when && sequences[j] < seq);
  }

  private void siftUp(int i, TimerEntry timer, double when, long seq) {
    while (i > 0) {
      int parent = (i - 1) >>> 2;
      double w = whens[parent];
      if (!(when < w || (when == w && seq < sequences[parent]))) {
        break;
      }
      moveTo(parent, i);
      i = parent;
    }
    place(i, timer, when, seq);
  }

  private void siftDown(int i, TimerEntry timer, double when, long seq) {
    for (;;) {
      int first = 4 * i + 1;
      if (first >= size) {
        break;
      }
      int end = Math.min(first + 4, size);
      int child = first;
      for (int c = first + 1; c < end; c++) {
        if (before(c, whens[child], sequences[child])) {
          child = c;
        }
      }
      if (!before(child, when, seq)) {
        break;
      }
      moveTo(child, i);
      i = child;
    }
    place(i, timer, when, seq);
  }

  private void moveTo(int from, int to) {
    TimerEntry timer = heap[from];
    heap[to] = timer;
    whens[to] = whens[from];
    sequences[to] = sequences[from];
    timer.heapIndex(to);
  }

  private void place(int i, TimerEntry timer, double when, long seq) {
    heap[i] = timer;
    whens[i] = when;
    sequences[i] = seq;
    timer.heapIndex(i);
  }
}
