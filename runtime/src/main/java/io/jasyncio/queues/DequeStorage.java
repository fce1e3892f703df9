package io.jasyncio.queues;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** FIFO or LIFO storage on an {@link ArrayDeque}; {@code null} items are allowed. */
final class DequeStorage<E> implements Storage<E> {
  /** Stands for a null item, which ArrayDeque cannot hold. */
  private static final Object NULL = new Object();

  private final ArrayDeque<Object> items = new ArrayDeque<>();
  private final boolean lifo;

  DequeStorage(boolean lifo) {
    this.lifo = lifo;
  }

  @Override
  public void put(E item) {
    items.addLast(item == null ? NULL : item);
  }

  @Override
  public E get() {
    return unmask(lifo ? items.pollLast() : items.pollFirst());
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public List<E> snapshot() {
    List<E> out = new ArrayList<>(items.size());
    for (Object item : items) {
      out.add(unmask(item));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <E> E unmask(Object item) {
    return item == NULL ? null : (E) item;
  }
}
