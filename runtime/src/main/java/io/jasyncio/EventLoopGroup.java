package io.jasyncio;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Several event loops, each running forever on a thread of its own, sharing nothing: with one per
 * core, this is how a jasyncio program uses more than one core (asyncio's answer is one process per
 * core; Netty's is its event loop group). {@link io.jasyncio.streams.ServerGroup} spreads the
 * connections of one listening port over the loops of a group.
 *
 * <p>Each loop is an ordinary {@link EventLoop}: everything on it runs on its thread, and work
 * reaches it from elsewhere only through its thread-safe entry points ({@link #submit}, {@link
 * EventLoop#callSoonThreadsafe}). So tasks, futures, locks and queues belong to one loop and must
 * not be shared with coroutines on another; hand values between loops with the {@link
 * CompletableFuture}s that {@link #submit} returns.
 *
 * <p>{@link #close()} stops every loop and waits for its thread: each loop then cancels the tasks
 * still on it, lets them unwind, shuts its default executor down and closes, as {@link
 * AsyncIO#run} does at its end. Futures handed out by {@link #submit} that had not completed
 * complete cancelled.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class EventLoopGroup implements AutoCloseable {
  private final List<EventLoop> loops;
  private final List<Thread> threads;
  private final AtomicInteger next = new AtomicInteger();
  private final Object closing = new Object();
  private boolean closed;

  /** A group of {@code size} loops on threads named {@code jasyncio-loop-<group>-<i>}. */
  public EventLoopGroup(int size) {
    this(size, "jasyncio-loop-" + GROUPS.incrementAndGet() + "-");
  }

  /**
   * A group of {@code size} loops on threads named {@code namePrefix + i}; returns once every loop
   * is running.
   *
   * @throws IllegalArgumentException if {@code size} is not positive
   */
  public EventLoopGroup(int size, String namePrefix) {
    if (size <= 0) {
      throw new IllegalArgumentException("size must be > 0: " + size);
    }
    Objects.requireNonNull(namePrefix, "namePrefix");
    List<EventLoop> made = new ArrayList<>(size);
    List<Thread> started = new ArrayList<>(size);
    CountDownLatch running = new CountDownLatch(size);
    for (int i = 0; i < size; i++) {
      EventLoop loop = new EventLoop();
      made.add(loop);
      Thread thread =
          new Thread(
              () -> {
                loop.callSoon(running::countDown);
                try {
                  loop.runForever();
                } finally {
                  Runner.shutDown(loop);
                }
              },
              namePrefix + i);
      started.add(thread);
    }
    this.loops = List.copyOf(made);
    this.threads = List.copyOf(started);
    for (Thread thread : started) {
      thread.start();
    }
    try {
      running.await();
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the loops were starting", e);
    }
  }

  private static final AtomicInteger GROUPS = new AtomicInteger();

  /** How many loops the group has. */
  public int size() {
    return loops.size();
  }

  /** The loops, in a fixed order. */
  public List<EventLoop> loops() {
    return loops;
  }

  /** The loop to give the next piece of work to: each in turn (round robin). */
  public EventLoop next() {
    return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
  }

  /**
   * Runs the coroutine that {@code coroutine} makes as a task on the {@link #next()} loop; the
   * coroutine is made on that loop's thread. The result completes as the task does (cancelling it
   * cancels the task).
   *
   * @throws IllegalStateException if the group is closed
   */
  public <T> CompletableFuture<T> submit(Supplier<? extends Coro<T>> coroutine) {
    return submit(next(), coroutine);
  }

  /** {@link #submit(Supplier)} on {@code loop}, one of this group's. */
  public <T> CompletableFuture<T> submit(EventLoop loop, Supplier<? extends Coro<T>> coroutine) {
    Objects.requireNonNull(coroutine, "coroutine");
    if (!loops.contains(loop)) {
      throw new IllegalArgumentException("not a loop of this group: " + loop);
    }
    checkOpen();
    return AsyncIO.runCoroutineThreadsafe(new MadeOnLoop<T>(coroutine), loop);
  }

  private void checkOpen() {
    synchronized (closing) {
      if (closed) {
        throw new IllegalStateException("EventLoopGroup is closed");
      }
    }
  }

  /**
   * Stops every loop and waits until each has cleaned up and closed (see the class comment).
   * Closing again does nothing. Called from one of the group's own threads, it stops the loops
   * without waiting for them.
   */
  @Override
  public void close() {
    synchronized (closing) {
      if (closed) {
        return;
      }
      closed = true;
    }
    for (EventLoop loop : loops) {
      loop.stop();
    }
    if (threads.contains(Thread.currentThread())) {
      return;
    }
    boolean interrupted = false;
    for (Thread thread : threads) {
      for (; ; ) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "<EventLoopGroup size=" + loops.size() + ">";
  }

  /** Makes the coroutine on the loop's thread, in the task, then awaits it. */
  private static final class MadeOnLoop<T> extends Coro<T> {
    private final Supplier<? extends Coro<T>> maker;

    MadeOnLoop(Supplier<? extends Coro<T>> maker) {
      this.maker = maker;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      if ($err != null) {
        throw $err;
      }
      if ($label == 0) {
        $label = 1;
        return $await(Objects.requireNonNull(maker.get(), "the supplier made no coroutine"));
      }
      return $in;
    }

    @Override
    protected StackTraceElement $where() {
      return new StackTraceElement(EventLoopGroup.class.getName(), "submit", null, -1);
    }
  }
}
