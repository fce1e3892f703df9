package io.jasyncio.sync;

import io.jasyncio.AsyncContext;
import io.jasyncio.Awaitable;
import io.jasyncio.CancelledError;
import io.jasyncio.Coro;
import io.jasyncio.Future;
import io.jasyncio.LoopBound;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A condition variable for tasks: asyncio's {@code Condition}. Python's {@code wait()}, {@code
 * wait_for(pred)}, {@code notify(n)} and {@code notify_all()} are {@link #waitFor()}, {@link
 * #waitUntil(BooleanSupplier)}, {@link #signal(int)} and {@link #signalAll()}.
 *
 * <pre>{@code
 * try (Held held = await(cond.acquire())) {
 *   await(cond.waitUntil(() -> !items.isEmpty()));
 *   ...
 * }
 * }</pre>
 *
 * <p>{@code waitFor()} releases the lock, waits to be signalled, then re-acquires the lock before
 * it returns <em>or throws</em>: a waiter cancelled while it waits still holds the lock when the
 * {@link CancelledError} reaches it. {@code signal(n)} wakes the {@code n} oldest waiters; they
 * then take the lock one at a time, in order. A waiter that fails after it may have been signalled
 * passes one signal on, so a notification is never lost; the price is that a wake-up may be
 * spurious, which is why {@link #waitUntil} re-checks its predicate.
 *
 * <p>Not thread-safe; bound to the loop of its first {@code waitFor()}.
 */
public final class Condition extends LoopBound implements AsyncContext, Releasable {
  private final Lock lock;
  /** Waiting tasks, oldest first. */
  private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();

  /** A condition with a lock of its own. */
  public Condition() {
    this(new Lock());
  }

  /** A condition over {@code lock}, which other conditions may share. */
  public Condition(Lock lock) {
    this.lock = Objects.requireNonNull(lock, "lock");
  }

  /** Takes the underlying lock; see {@link Lock#acquire()}. */
  public Coro<Held> acquire() {
    return lock.acquire();
  }

  /** Releases the underlying lock; see {@link Lock#release()}. */
  @Override
  public void release() {
    lock.release();
  }

  /** Whether the underlying lock is held. */
  public boolean isLocked() {
    return lock.isLocked();
  }

  /**
   * Releases the lock, waits until signalled, re-acquires the lock; completes with {@code true}.
   * The lock is held again however this ends, cancellation included.
   *
   * @throws IllegalStateException "cannot wait on un-acquired lock" (thrown when awaited)
   */
  public Coro<Boolean> waitFor() {
    return new Wait(this);
  }

  /**
   * Waits until {@code predicate} holds: checks it, and while it is false waits for a signal and
   * checks again. Completes with {@code true}. The lock must be held, as for {@link #waitFor()}.
   */
  public Coro<Boolean> waitUntil(BooleanSupplier predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return new WaitUntil(this, predicate);
  }

  /** Wakes the oldest waiter, if any; see {@link #signal(int)}. */
  public void signal() {
    signal(1);
  }

  /**
   * Wakes up to {@code n} of the oldest waiters not woken yet. Each takes the lock again before its
   * {@code waitFor()} returns, so nothing runs until the caller releases it.
   *
   * @throws IllegalStateException "cannot notify on un-acquired lock"
   */
  public void signal(int n) {
    if (!lock.isLocked()) {
      throw new IllegalStateException("cannot notify on un-acquired lock");
    }
    wake(n);
  }

  /** Wakes every waiter; see {@link #signal(int)}. */
  public void signalAll() {
    signal(waiters.size());
  }

  private void wake(int n) {
    int woken = 0;
    for (Future<Boolean> waiter : waiters) {
      if (woken >= n) {
        break;
      }
      if (!waiter.isDone()) {
        woken++;
        waiter.setResult(Boolean.FALSE);
      }
    }
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

  @Override
  public String toString() {
    return describe(
        (lock.isLocked() ? "locked" : "unlocked")
            + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()));
  }

  /**
   * {@code waitFor()}. States: 0 checks and releases, then waits for a signal; 1 leaves the queue;
   * 2 starts re-acquiring the lock; 3 has re-acquired it, or retries when cancelled meanwhile.
   */
  private static final class Wait extends Coro<Boolean> {
    private final Condition cond;
    private Future<Boolean> waiter;
    /** What ended the wait for a signal: null when signalled. */
    private Throwable waitError;
    /** The latest cancellation that interrupted re-acquiring the lock. */
    private Throwable reacquireError;

    Wait(Condition cond) {
      this.cond = cond;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      if ($label == 0) {
        if ($err != null) {
          throw $err;
        }
        if (!cond.lock.isLocked()) {
          throw new IllegalStateException("cannot wait on un-acquired lock");
        }
        waiter = cond.newWaiter();
        cond.lock.release();
      }
      try {
        return afterRelease($err);
      } catch (Throwable e) {
        // We may have been signalled and are not going to act on it: pass one signal on. This may
        // make a spurious wake-up, which a condition variable allows.
        cond.wake(1);
        throw e;
      }
    }

    private Object afterRelease(Throwable error) throws Throwable {
      for (; ; ) {
        switch ($label) {
          case 0:
            cond.waiters.addLast(waiter);
            $label = 1;
            if ($await(waiter) == $SUSPEND) {
              return $SUSPEND;
            }
            break;
          case 1:
            cond.waiters.remove(waiter);
            waitError = error;
            error = null;
            $label = 2;
            break;
          case 2:
            // Re-acquire the lock even when cancelled; only a cancellation makes us retry.
            $label = 3;
            try {
              if ($await(cond.lock.acquire()) == $SUSPEND) {
                return $SUSPEND;
              }
            } catch (Throwable e) {
              error = e;
            }
            break;
          case 3:
            if (error instanceof CancelledError) {
              reacquireError = error;
              error = null;
              $label = 2;
              break;
            }
            $label = 4;
            if (error != null) {
              throw error;
            }
            if (reacquireError != null) {
              throw reacquireError;
            }
            if (waitError != null) {
              throw waitError;
            }
            return Boolean.TRUE;
          default:
            throw new IllegalStateException("Condition.waitFor resumed after it finished");
        }
      }
    }

    @Override
    protected StackTraceElement $where() {
      return new StackTraceElement(Condition.class.getName(), "waitFor", null, -1);
    }
  }

  /** {@code waitUntil(predicate)}: a loop of predicate checks and {@code waitFor()}s. */
  private static final class WaitUntil extends Coro<Boolean> {
    private final Condition cond;
    private final BooleanSupplier predicate;

    WaitUntil(Condition cond, BooleanSupplier predicate) {
      this.cond = cond;
      this.predicate = predicate;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      if ($err != null) {
        throw $err;
      }
      $label = 1;
      while (!predicate.getAsBoolean()) {
        if ($await(cond.waitFor()) == $SUSPEND) {
          return $SUSPEND;
        }
      }
      return Boolean.TRUE;
    }

    @Override
    protected StackTraceElement $where() {
      return new StackTraceElement(Condition.class.getName(), "waitUntil", null, -1);
    }
  }
}
