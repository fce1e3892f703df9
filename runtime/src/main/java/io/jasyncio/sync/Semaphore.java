package io.jasyncio.sync;

import io.jasyncio.AsyncContext;
import io.jasyncio.Awaitable;
import io.jasyncio.CancelledError;
import io.jasyncio.Coro;
import io.jasyncio.Future;
import io.jasyncio.LoopBound;
import java.util.ArrayDeque;

/**
 * A counter of permits: asyncio's {@code Semaphore}. {@link #acquire()} takes a permit, waiting
 * while there is none; {@link #release()} returns one. Releasing more than was acquired is allowed
 * (use {@link BoundedSemaphore} to forbid it).
 *
 * <pre>{@code
 * try (Held permit = await(sem.acquire())) { ... }   // or: try (sem) { ... }
 * }</pre>
 *
 * <p><b>Fairness.</b> Permits go to waiters in arrival order: while anyone waits, or a woken waiter
 * has not run yet, {@link #isLocked()} is true and a newcomer queues even if permits are free.
 * {@code release()} hands its permit to the first waiter at once. <b>Cancellation.</b> A waiter
 * cancelled after it was woken gives its permit back, and it goes to the next waiter.
 *
 * <p>Not thread-safe; bound to the loop of its first contended use.
 */
public class Semaphore extends LoopBound implements AsyncContext, Releasable {
  private int value;
  /** Waiters woken by a release that have not run yet; each holds a permit already taken. */
  private int wakeups;
  /** Waiting acquirers, oldest first; a woken one is removed. Null until first contended. */
  private ArrayDeque<Future<Boolean>> waiters;
  private final Held held = this::release;

  /** A semaphore with one permit. */
  public Semaphore() {
    this(1);
  }

  /**
   * A semaphore with {@code value} permits.
   *
   * @throws IllegalArgumentException "Semaphore initial value must be >= 0"
   */
  public Semaphore(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("Semaphore initial value must be >= 0");
    }
    this.value = value;
  }

  /**
   * Whether {@link #acquire()} would have to wait: no permit is free, or others are ahead in line.
   */
  public boolean isLocked() {
    return value == 0 || wakeups > 0 || anyWaiting();
  }

  private boolean anyWaiting() {
    if (waiters == null) {
      return false;
    }
    for (Future<Boolean> waiter : waiters) {
      if (!waiter.isCancelled()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Takes a permit, waiting in line if there is none or others wait. Completes with a {@link Held}
   * whose {@code close()} releases the permit. Does not yield when a permit is free and no one
   * waits.
   */
  public Coro<Held> acquire() {
    return new Acquire(this);
  }

  /** Returns a permit, and gives it to the first waiter if there is one. */
  @Override
  public void release() {
    value++;
    wakeUpNext();
  }

  /** Python's {@code __aenter__}: awaits {@link #acquire()}. */
  @Override
  public Awaitable<?> aenter() {
    return acquire();
  }

  /** Python's {@code __aexit__}: releases a permit; suppresses nothing. */
  @Override
  public Awaitable<Boolean> aexit(Throwable inFlight) {
    return Releasable.releaseOnExit(this);
  }

  /** The number of free permits (asyncio keeps it private; useful for checks and tests). */
  int value() {
    return value;
  }

  /** Gives a permit to the first waiter not done yet; false if there is none. */
  private boolean wakeUpNext() {
    if (waiters == null) {
      return false;
    }
    Future<Boolean> waiter;
    while ((waiter = waiters.pollFirst()) != null) {
      if (!waiter.isDone()) {
        value--;
        wakeups++;
        waiter.setResult(Boolean.TRUE);
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    int waiting = waiters == null ? 0 : waiters.size();
    return describe(
        (isLocked() ? "locked" : "unlocked, value:" + value)
            + (waiting > 0 ? ", waiters:" + waiting : ""));
  }

  /** {@code acquire()}: state 0 takes a free permit or queues; state 1 runs once woken or cancelled. */
  private static final class Acquire extends Coro<Held> {
    private final Semaphore sem;
    private Future<Boolean> waiter;

    Acquire(Semaphore sem) {
      this.sem = sem;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      Semaphore sem = this.sem;
      if ($label == 0) {
        if ($err != null) {
          throw $err;
        }
        if (!sem.isLocked()) {
          sem.value--;
          return sem.held;
        }
        if (sem.waiters == null) {
          sem.waiters = new ArrayDeque<>();
        }
        waiter = sem.newWaiter();
        sem.waiters.addLast(waiter);
        $label = 1;
        if ($await(waiter) == $SUSPEND) {
          return $SUSPEND;
        }
      }
      try {
        sem.waiters.remove(waiter); // absent if a release already took it off the queue
        if ($err != null) {
          if ($err instanceof CancelledError && waiter.isDone() && !waiter.isCancelled()) {
            // Woken with a permit we will not use: give it back.
            sem.wakeups--;
            sem.value++;
          }
          throw $err;
        }
        sem.wakeups--;
      } finally {
        // Permits may be free with newcomers queued behind us (FIFO): wake as many as allowed.
        while (sem.value > 0 && sem.wakeUpNext()) {
          // woke one
        }
      }
      return sem.held;
    }

    @Override
    protected StackTraceElement $where() {
      return new StackTraceElement(Semaphore.class.getName(), "acquire", null, -1);
    }
  }
}
