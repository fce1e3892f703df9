package io.jasyncio.queues;

import io.jasyncio.Coro;
import io.jasyncio.Future;
import io.jasyncio.LoopBound;
import io.jasyncio.sync.Event;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A FIFO queue between tasks: asyncio's {@code Queue}. Its subclasses {@link PriorityQueue} and
 * {@link LifoQueue} change only the order items come out in.
 *
 * <p><b>Size.</b> {@code maxsize <= 0} means unbounded. {@link #put} waits while the queue is
 * full, {@link #get} while it is empty; both complete at once, without yielding, when they can.
 * <b>Waiters.</b> Blocked getters and putters queue in arrival order; each {@code putNowait} wakes
 * the first getter, each {@code getNowait} the first putter. A waiter that is woken and then
 * cancelled before it runs passes the wake-up on, so no item or free slot is left unclaimed, and a
 * cancelled {@code put} never adds its item. <b>Work tracking.</b> Every put counts an unfinished
 * task; {@link #taskDone()} marks one finished; {@link #join()} waits until none is left.
 * <b>Shutdown</b> (3.13): see {@link #shutdown(boolean)}.
 *
 * <p>Not thread-safe; bound to the loop of its first blocking use.
 *
 * @param <E> the item type; {@code null} items are allowed (except in a {@link PriorityQueue})
 */
public class Queue<E> extends LoopBound {
  private final int maxsize;
  private final Storage<E> items;
  private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
  private final ArrayDeque<Future<Void>> putters = new ArrayDeque<>();
  private int unfinishedTasks;
  private final Event finished = new Event();
  private boolean shutDown;

  /** An unbounded FIFO queue. */
  public Queue() {
    this(0);
  }

  /** A FIFO queue holding at most {@code maxsize} items; unbounded if {@code maxsize <= 0}. */
  public Queue(int maxsize) {
    this(maxsize, new DequeStorage<>(false));
  }

  Queue(int maxsize, Storage<E> items) {
    this.maxsize = maxsize;
    this.items = items;
    finished.set();
  }

  /** The number of items in the queue. */
  public int qsize() {
    return items.size();
  }

  /** The most items the queue holds; 0 or less means unbounded. */
  public int maxsize() {
    return maxsize;
  }

  /** Whether the queue holds no item. */
  public boolean isEmpty() {
    return items.size() == 0;
  }

  /** Whether the queue holds {@code maxsize} items; never true for an unbounded queue. */
  public boolean isFull() {
    return maxsize > 0 && items.size() >= maxsize;
  }

  /**
   * Puts {@code item} in the queue, first waiting for a free slot if it is full.
   *
   * @throws QueueShutDown (when awaited) if the queue is or gets shut down
   */
  public Coro<Void> put(E item) {
    return new Put<>(this, item);
  }

  /**
   * Puts {@code item} in the queue without waiting, and wakes the first waiting getter.
   *
   * @throws QueueFull if the queue is full
   * @throws QueueShutDown if the queue was shut down
   */
  public void putNowait(E item) {
    if (shutDown) {
      throw new QueueShutDown();
    }
    if (isFull()) {
      throw new QueueFull();
    }
    items.put(item);
    unfinishedTasks++;
    finished.clear();
    wakeUpNext(getters);
  }

  /**
   * Takes the next item, first waiting for one if the queue is empty.
   *
   * @throws QueueShutDown (when awaited) if the queue is shut down and empty
   */
  public Coro<E> get() {
    return new Get<>(this);
  }

  /**
   * The items as they are taken, for {@code for (E item : awaitEach(queue.items()))}: each pass
   * awaits {@link #get()}; the iteration ends when the queue is shut down and empty (the {@link
   * QueueShutDown} ends the loop instead of escaping it). Several loops over the same queue share
   * its items, as several consumers calling {@code get()} do. Calls {@link #taskDone()} for no
   * item: a consumer that uses {@link #join()} still calls it.
   */
  public io.jasyncio.AsyncIterable<E> items() {
    return () ->
        new io.jasyncio.iteration.PullIterator<E>() {
          @Override
          protected io.jasyncio.Awaitable<?> request() {
            return get();
          }

          @Override
          protected Object accept(Object item) {
            return item;
          }

          @Override
          protected Object failed(Throwable error) throws Throwable {
            if (error instanceof QueueShutDown) {
              return END;
            }
            throw error;
          }
        };
  }

  /**
   * Takes the next item without waiting, and wakes the first waiting putter.
   *
   * @throws QueueEmpty if the queue is empty
   * @throws QueueShutDown if the queue is empty and was shut down
   */
  public E getNowait() {
    if (isEmpty()) {
      if (shutDown) {
        throw new QueueShutDown();
      }
      throw new QueueEmpty();
    }
    E item = items.get();
    wakeUpNext(putters);
    return item;
  }

  /**
   * Marks one item taken from the queue as fully processed; when none is left unprocessed, {@link
   * #join()} returns.
   *
   * @throws IllegalArgumentException "task_done() called too many times"
   */
  public void taskDone() {
    if (unfinishedTasks <= 0) {
      throw new IllegalArgumentException("task_done() called too many times");
    }
    unfinishedTasks--;
    if (unfinishedTasks == 0) {
      finished.set();
    }
  }

  /**
   * Waits until every item ever put has been marked with {@link #taskDone()}; returns at once if
   * none is outstanding. It waits for the last {@code taskDone()}, not for the queue to be empty.
   */
  public Coro<Void> join() {
    return new Join(this);
  }

  /** Shuts the queue down gently; see {@link #shutdown(boolean)}. */
  public void shutdown() {
    shutdown(false);
  }

  /**
   * Shuts the queue down (Python 3.13). From now on every put throws {@link QueueShutDown}, and so
   * does every get once the queue is empty. Blocked putters and getters are woken to find that out.
   * With {@code immediate}, the items still queued are dropped and each counts as done, which may
   * release {@link #join()}. Calling it again is harmless.
   */
  public void shutdown(boolean immediate) {
    shutDown = true;
    if (immediate) {
      while (!isEmpty()) {
        items.get();
        if (unfinishedTasks > 0) {
          unfinishedTasks--;
        }
      }
      if (unfinishedTasks == 0) {
        finished.set();
      }
    }
    // Every blocked caller re-checks, and finds the queue shut down.
    wakeUpAll(getters);
    wakeUpAll(putters);
  }

  /** Wakes the first waiter not done yet, taking it off the queue. */
  private static void wakeUpNext(ArrayDeque<Future<Void>> waiters) {
    Future<Void> waiter;
    while ((waiter = waiters.pollFirst()) != null) {
      if (!waiter.isDone()) {
        waiter.setResult(null);
        return;
      }
    }
  }

  private static void wakeUpAll(ArrayDeque<Future<Void>> waiters) {
    Future<Void> waiter;
    while ((waiter = waiters.pollFirst()) != null) {
      if (!waiter.isDone()) {
        waiter.setResult(null);
      }
    }
  }

  /** Python's {@code str(queue)}: {@code <Queue maxsize=2 _queue=[1, 2] _getters[1] tasks=2>}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("<").append(getClass().getSimpleName());
    out.append(" maxsize=").append(maxsize);
    List<E> snapshot = items.snapshot();
    if (!snapshot.isEmpty()) {
      out.append(" _queue=").append(snapshot);
    }
    if (!getters.isEmpty()) {
      out.append(" _getters[").append(getters.size()).append(']');
    }
    if (!putters.isEmpty()) {
      out.append(" _putters[").append(putters.size()).append(']');
    }
    if (unfinishedTasks > 0) {
      out.append(" tasks=").append(unfinishedTasks);
    }
    if (shutDown) {
      out.append(" shutdown");
    }
    return out.append('>').toString();
  }

  /** {@code put(item)}: a loop that waits while the queue is full, then {@code putNowait}. */
  private static final class Put<E> extends Coro<Void> {
    private final Queue<E> queue;
    private final E item;
    private Future<Void> putter;

    Put(Queue<E> queue, E item) {
      this.queue = queue;
      this.item = item;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      Queue<E> q = queue;
      if ($label == 1) {
        if ($err != null) {
          putter.cancel(); // in case it is still pending
          q.putters.remove(putter); // gone already if a get or shutdown woke it
          if (!q.isFull() && !putter.isCancelled()) {
            wakeUpNext(q.putters); // we were given a free slot we will not use: pass it on
          }
          throw $err;
        }
      } else if ($err != null) {
        throw $err;
      }
      while (q.isFull()) {
        if (q.shutDown) {
          throw new QueueShutDown();
        }
        putter = q.newWaiter();
        q.putters.addLast(putter);
        $label = 1;
        if ($await(putter) == $SUSPEND) {
          return $SUSPEND;
        }
      }
      $label = 2;
      q.putNowait(item);
      return null;
    }

    @Override
    protected StackTraceElement $where() {
      return new StackTraceElement(Queue.class.getName(), "put", null, -1);
    }
  }

  /** {@code get()}: a loop that waits while the queue is empty, then {@code getNowait}. */
  private static final class Get<E> extends Coro<E> {
    private final Queue<E> queue;
    private Future<Void> getter;

    Get(Queue<E> queue) {
      this.queue = queue;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      Queue<E> q = queue;
      if ($label == 1) {
        if ($err != null) {
          getter.cancel(); // in case it is still pending
          q.getters.remove(getter); // gone already if a put or shutdown woke it
          if (!q.isEmpty() && !getter.isCancelled()) {
            wakeUpNext(q.getters); // we were woken for an item we will not take: pass it on
          }
          throw $err;
        }
      } else if ($err != null) {
        throw $err;
      }
      while (q.isEmpty()) {
        if (q.shutDown) {
          throw new QueueShutDown();
        }
        getter = q.newWaiter();
        q.getters.addLast(getter);
        $label = 1;
        if ($await(getter) == $SUSPEND) {
          return $SUSPEND;
        }
      }
      $label = 2;
      return q.getNowait();
    }

    @Override
    protected StackTraceElement $where() {
      return new StackTraceElement(Queue.class.getName(), "get", null, -1);
    }
  }

  /** {@code join()}: waits on the "all done" event if work is outstanding. */
  private static final class Join extends Coro<Void> {
    private final Queue<?> queue;

    Join(Queue<?> queue) {
      this.queue = queue;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      if ($err != null) {
        throw $err;
      }
      if ($label == 0 && queue.unfinishedTasks > 0) {
        $label = 1;
        if ($await(queue.finished.waitFor()) == $SUSPEND) {
          return $SUSPEND;
        }
      }
      return null;
    }

    @Override
    protected StackTraceElement $where() {
      return new StackTraceElement(Queue.class.getName(), "join", null, -1);
    }
  }
}
