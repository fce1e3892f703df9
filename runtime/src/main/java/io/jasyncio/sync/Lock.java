package io.jasyncio.sync;

import io.jasyncio.AsyncContext;
import io.jasyncio.Awaitable;
import io.jasyncio.CancelledError;
import io.jasyncio.Coro;
import io.jasyncio.Future;
import io.jasyncio.LoopBound;
import java.util.ArrayDeque;

/**
 * A mutual-exclusion lock for tasks: asyncio's {@code Lock}. Not owned by a task (any task may
 * release it) and not re-entrant.
 *
 * <pre>{@code
 * try (Held held = await(lock.acquire())) { ... }    // or, as Python's "async with lock":
 * try (lock) { ... }
 * }</pre>
 *
 * <h2>States</h2>
 *
 * <table>
 *   <caption>Lock states</caption>
 *   <tr><th>State</th><th>{@link #isLocked()}</th><th>acquire()</th></tr>
 *   <tr><td>unlocked, no live waiter</td><td>false</td><td>takes it without yielding</td></tr>
 *   <tr><td>unlocked, a waiter woken but not run yet</td><td>false</td><td>queues behind the
 *       waiters</td></tr>
 *   <tr><td>locked</td><td>true</td><td>queues</td></tr>
 * </table>
 *
 * <p><b>Fairness.</b> Waiters get the lock in arrival order. {@link #release()} does not hand the
 * lock over: it wakes the first waiter, which takes the lock when it runs; a task that calls {@code
 * acquire()} in between queues behind it rather than barging in. <b>Cancellation.</b> A waiter
 * cancelled while queued just leaves the queue; one cancelled after it was woken, before it ran,
 * wakes the next waiter instead, so the wake-up is never lost.
 *
 * <p>Not thread-safe; bound to the loop of its first contended use.
 */
public final class Lock extends LoopBound implements AsyncContext, Releasable {
  private boolean locked;
  /** Waiting acquirers, oldest first; null until the lock is first contended. */
  private ArrayDeque<Future<Boolean>> waiters;
  private final Held held = this::release;

  public Lock() {}

  /** Whether the lock is held. */
  public boolean isLocked() {
    return locked;
  }

  /**
   * Takes the lock, waiting in line if it is held or others are already waiting. Completes with a
   * {@link Held} whose {@code close()} releases it. Does not yield when the lock is free and no one
   * waits.
   */
  public Coro<Held> acquire() {
    return new Acquire(this);
  }

  /**
   * Releases the lock and wakes the first waiter, if any.
   *
   * @throws IllegalStateException "Lock is not acquired." when it is not held
   */
  @Override
  public void release() {
    if (!locked) {
      throw new IllegalStateException("Lock is not acquired.");
    }
    locked = false;
    wakeUpFirst();
  }

  /** Python's {@code __aenter__}: awaits {@link #acquire()}. */
  @Override
  public Awaitable<?> aenter() {
    return acquire();
  }

  /** Python's {@code __aexit__}: releases the lock; suppresses nothing. */
  @Override
  public Awaitable<Boolean> aexit(Throwable inFlight) {
    return Releasable.releaseOnExit(this);
  }

  private boolean free() {
    return !locked && (waiters == null || waiters.isEmpty() || allCancelled());
  }

  private boolean allCancelled() {
    for (Future<Boolean> waiter : waiters) {
      if (!waiter.isCancelled()) {
        return false;
      }
    }
    return true;
  }

  /** Makes sure the first waiter will run; a waiter already woken is left as it is. */
  private void wakeUpFirst() {
    if (waiters == null) {
      return;
    }
    Future<Boolean> first = waiters.peekFirst();
    if (first != null && !first.isDone()) {
      first.setResult(Boolean.TRUE);
    }
  }

  @Override
  public String toString() {
    int waiting = waiters == null ? 0 : waiters.size();
    return describe((locked ? "locked" : "unlocked") + (waiting > 0 ? ", waiters:" + waiting : ""));
  }

  /** {@code acquire()}: state 0 takes a free lock or queues; state 1 runs once woken or cancelled. */
  private static final class Acquire extends Coro<Held> {
    private final Lock lock;
    private Future<Boolean> waiter;

    Acquire(Lock lock) {
      this.lock = lock;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      Lock lock = this.lock;
      if ($label == 0) {
        if ($err != null) {
          throw $err;
        }
        if (lock.free()) {
          lock.locked = true;
          return lock.held;
        }
        if (lock.waiters == null) {
          lock.waiters = new ArrayDeque<>();
        }
        waiter = lock.newWaiter();
        lock.waiters.addLast(waiter);
        $label = 1;
        if ($await(waiter) == $SUSPEND) {
          return $SUSPEND;
        }
      }
      lock.waiters.remove(waiter);
      if ($err != null) {
        if ($err instanceof CancelledError && !lock.locked) {
          // Keep the invariant: while the lock is free, the first waiter is on its way.
          lock.wakeUpFirst();
        }
        throw $err;
      }
      lock.locked = true;
      return lock.held;
    }

    @Override
    protected StackTraceElement $where() {
      return new StackTraceElement(Lock.class.getName(), "acquire", null, -1);
    }
  }
}
