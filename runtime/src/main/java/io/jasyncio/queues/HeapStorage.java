package io.jasyncio.queues;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A binary min-heap that moves items exactly as Python's {@code heapq} does (push sifts the new
 * item up; pop moves the last item to the root, walks the hole down to a leaf along the smaller
 * children, then sifts up), comparing with "less than" only. {@code java.util.PriorityQueue} stops
 * its sift-down early instead, which can hand out equal-priority items in a different order than
 * CPython; this keeps the order, and the {@code toString}, the same.
 */
final class HeapStorage<E> implements Storage<E> {
  private final ArrayList<E> heap = new ArrayList<>();
  private final Comparator<? super E> order;

  HeapStorage(Comparator<? super E> order) {
    this.order = order;
  }

  @Override
  public void put(E item) {
    heap.add(item);
    siftTowardRoot(0, heap.size() - 1);
  }

  @Override
  public E get() {
    E last = heap.remove(heap.size() - 1);
    if (heap.isEmpty()) {
      return last;
    }
    E smallest = heap.get(0);
    heap.set(0, last);
    siftTowardLeaves(0);
    return smallest;
  }

  @Override
  public int size() {
    return heap.size();
  }

  @Override
  public List<E> snapshot() {
    return new ArrayList<>(heap);
  }

  private boolean less(E a, E b) {
    return order.compare(a, b) < 0;
  }

  /** Moves the item at {@code pos} up while it is less than its parent, not above {@code top}. */
  private void siftTowardRoot(int top, int pos) {
    E item = heap.get(pos);
    while (pos > top) {
      int parentPos = (pos - 1) >> 1;
      E parent = heap.get(parentPos);
      if (!less(item, parent)) {
        break;
      }
      heap.set(pos, parent);
      pos = parentPos;
    }
    heap.set(pos, item);
  }

  /** Walks the hole at {@code pos} down to a leaf, then settles the displaced item from there. */
  private void siftTowardLeaves(int pos) {
    int end = heap.size();
    int start = pos;
    E item = heap.get(pos);
    int child = 2 * pos + 1;
    while (child < end) {
      int right = child + 1;
      if (right < end && !less(heap.get(child), heap.get(right))) {
        child = right;
      }
      heap.set(pos, heap.get(child));
      pos = child;
      child = 2 * pos + 1;
    }
    heap.set(pos, item);
    siftTowardRoot(start, pos);
  }
}
