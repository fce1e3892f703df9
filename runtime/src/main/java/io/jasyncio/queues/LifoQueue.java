package io.jasyncio.queues;

/**
 * A {@link Queue} that hands out the most recently added item first (a stack): asyncio's {@code
 * LifoQueue}. Everything else is as for {@link Queue}.
 *
 * @param <E> the item type; {@code null} items are allowed
 */
public class LifoQueue<E> extends Queue<E> {

  /** An unbounded LIFO queue. */
  public LifoQueue() {
    this(0);
  }

  /** A LIFO queue holding at most {@code maxsize} items; unbounded if {@code maxsize <= 0}. */
  public LifoQueue(int maxsize) {
    super(maxsize, new DequeStorage<>(true));
  }
}
