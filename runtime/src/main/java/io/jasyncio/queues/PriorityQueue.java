package io.jasyncio.queues;

import java.util.Comparator;

/**
 * A {@link Queue} that hands out the smallest item first: asyncio's {@code PriorityQueue}. Items
 * are ordered by a comparator, or by their natural order; equal items come out in no promised
 * order, so give each a sequence number to keep insertion order (Python's {@code (priority, seq,
 * data)} idiom). A getter woken by a put takes the smallest item present when it runs, which need
 * not be the item that woke it. Everything else is as for {@link Queue}.
 *
 * @param <E> the item type; not {@code null}
 */
public class PriorityQueue<E> extends Queue<E> {

  /** An unbounded priority queue over comparable items. */
  public PriorityQueue() {
    this(0);
  }

  /** A priority queue over comparable items, holding at most {@code maxsize} (if positive). */
  @SuppressWarnings("unchecked")
  public PriorityQueue(int maxsize) {
    this(maxsize, (Comparator<? super E>) Comparator.naturalOrder());
  }

  /** A priority queue ordered by {@code order}, holding at most {@code maxsize} (if positive). */
  public PriorityQueue(int maxsize, Comparator<? super E> order) {
    super(maxsize, new HeapStorage<>(order));
  }
}
