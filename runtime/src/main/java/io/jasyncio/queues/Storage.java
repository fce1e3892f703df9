package io.jasyncio.queues;

import java.util.List;

/** Where a queue keeps its items, and so the order it hands them out in. */
interface Storage<E> {
  void put(E item);

  /** Removes and returns the next item; only called when {@link #size()} is positive. */
  E get();

  int size();

  /** The items in storage order, for {@code toString}. */
  List<E> snapshot();
}
