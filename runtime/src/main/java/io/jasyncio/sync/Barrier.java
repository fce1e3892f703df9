package io.jasyncio.sync;

import io.jasyncio.AsyncContext;
import io.jasyncio.AsyncIO;
import io.jasyncio.Awaitable;
import io.jasyncio.Coro;
import io.jasyncio.LoopBound;

/**
 * A meeting point for a fixed number of tasks: asyncio's {@code Barrier}. Each task awaits {@link
 * #waitFor()}; when the last of {@link #parties()} arrives, all are released together and each gets
 * its arrival index, {@code 0} to {@code parties - 1}. The barrier is then reusable (cyclic).
 *
 * <h2>States</h2>
 *
 * <table>
 *   <caption>Barrier states</caption>
 *   <tr><th>State</th><th>Meaning</th></tr>
 *   <tr><td>filling</td><td>tasks are arriving; {@link #nWaiting()} counts them</td></tr>
 *   <tr><td>draining</td><td>the last party arrived; the waiters are leaving, and newcomers wait
 *       until they all have</td></tr>
 *   <tr><td>resetting</td><td>{@link #reset()} was called with waiters present: they leave with
 *       {@link BrokenBarrierError}, then the barrier is filling again</td></tr>
 *   <tr><td>broken</td><td>{@link #abort()} was called: every current and future waiter gets
 *       {@link BrokenBarrierError}, until {@link #reset()}</td></tr>
 * </table>
 *
 * <p>Built, as in Python, on a {@link Condition}: the last arriver returns first, then the others
 * in arrival order. As an async context, entering it waits at the barrier and exiting does nothing.
 *
 * <p>Not thread-safe; bound to the loop of its first {@code waitFor()}.
 */
public final class Barrier extends LoopBound implements AsyncContext {
  private enum State {
    FILLING("filling"),
    DRAINING("draining"),
    RESETTING("resetting"),
    BROKEN("broken");

    final String text;

    State(String text) {
      this.text = text;
    }
  }

  private final Condition cond = new Condition();
  private final int parties;
  private State state = State.FILLING;
  /** Tasks inside {@code waitFor()}, past the entry check. */
  private int count;

  /**
   * A barrier for {@code parties} tasks.
   *
   * @throws IllegalArgumentException "parties must be > 0"
   */
  public Barrier(int parties) {
    if (parties < 1) {
      throw new IllegalArgumentException("parties must be > 0");
    }
    this.parties = parties;
  }

  /**
   * Waits until {@link #parties()} tasks are waiting, then completes with this task's arrival index.
   *
   * @throws BrokenBarrierError "Barrier aborted" on a broken barrier, or "Abort or reset of barrier"
   *     when it is aborted or reset during the wait
   */
  public Coro<Integer> waitFor() {
    return new Wait(this);
  }

  /**
   * Returns the barrier to filling. Tasks waiting at it get {@link BrokenBarrierError}; a broken
   * barrier becomes usable again.
   */
  public Coro<Void> reset() {
    return new Locked(
        this,
        "reset",
        () -> {
          if (count > 0) {
            state = State.RESETTING;
          } else {
            state = State.FILLING;
          }
          cond.signalAll();
        });
  }

  /** Breaks the barrier: current and future waiters get {@link BrokenBarrierError}. */
  public Coro<Void> abort() {
    return new Locked(
        this,
        "abort",
        () -> {
          state = State.BROKEN;
          cond.signalAll();
        });
  }

  /** How many tasks must wait for the barrier to release them. */
  public int parties() {
    return parties;
  }

  /** How many tasks are waiting while it fills; 0 while it drains or resets. */
  public int nWaiting() {
    return state == State.FILLING ? count : 0;
  }

  /** Whether the barrier is broken (by {@link #abort()}). */
  public boolean isBroken() {
    return state == State.BROKEN;
  }

  /** Waits at the barrier; the await completes with the arrival index. */
  @Override
  public Awaitable<?> aenter() {
    return waitFor();
  }

  /** Does nothing. */
  @Override
  public Awaitable<Boolean> aexit(Throwable inFlight) {
    return AsyncIO.done(Boolean.FALSE);
  }

  @Override
  public String toString() {
    return describe(
        state.text + (state == State.BROKEN ? "" : ", waiters:" + nWaiting() + "/" + parties));
  }

  /** The last task out of a drain or reset lets the barrier fill again. */
  private void leave() {
    count--;
    if (count == 0) {
      if (state == State.RESETTING || state == State.DRAINING) {
        state = State.FILLING;
      }
      cond.signalAll();
    }
  }

  /**
   * {@code waitFor()}. States: 0 takes the condition's lock; 1 waits out a drain or reset; 2
   * arrives, and either releases everyone or waits for the barrier to fill; 3 leaves.
   */
  private static final class Wait extends Coro<Integer> {
    private final Barrier barrier;
    private int index;

    Wait(Barrier barrier) {
      this.barrier = barrier;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      Barrier b = barrier;
      Throwable error = $err;
      switch ($label) {
        case 0:
          if (error != null) {
            throw error;
          }
          $label = 1;
          if ($await(b.cond.acquire()) == $SUSPEND) {
            return $SUSPEND;
          }
          // fall through
        case 1:
          if (error != null) {
            throw error; // the lock was not taken
          }
          $label = 2;
          try {
            if ($await(b.cond.waitUntil(() -> b.state != State.DRAINING && b.state != State.RESETTING))
                == $SUSPEND) {
              return $SUSPEND;
            }
          } catch (Throwable e) {
            error = e;
          }
          // fall through
        case 2:
          if (error == null && b.state == State.BROKEN) {
            error = new BrokenBarrierError("Barrier aborted");
          }
          if (error != null) {
            b.cond.release();
            throw error;
          }
          index = b.count++;
          if (index + 1 == b.parties) {
            b.state = State.DRAINING; // we are the last: release everyone
            b.cond.signalAll();
            return leave(null);
          }
          $label = 3;
          try {
            if ($await(b.cond.waitUntil(() -> b.state != State.FILLING)) == $SUSPEND) {
              return $SUSPEND;
            }
          } catch (Throwable e) {
            error = e;
          }
          // fall through
        case 3:
          if (error == null && (b.state == State.BROKEN || b.state == State.RESETTING)) {
            error = new BrokenBarrierError("Abort or reset of barrier");
          }
          return leave(error);
        default:
          throw new IllegalStateException("Barrier.waitFor resumed after it finished");
      }
    }

    private Object leave(Throwable error) throws Throwable {
      $label = 4;
      barrier.leave();
      barrier.cond.release();
      if (error != null) {
        throw error;
      }
      return index;
    }

    @Override
    protected StackTraceElement $where() {
      return new StackTraceElement(Barrier.class.getName(), "waitFor", null, -1);
    }
  }

  /** {@code reset()} and {@code abort()}: an action run with the condition's lock held. */
  private static final class Locked extends Coro<Void> {
    private final Barrier barrier;
    private final String method;
    private final Runnable action;

    Locked(Barrier barrier, String method, Runnable action) {
      this.barrier = barrier;
      this.method = method;
      this.action = action;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      if ($err != null) {
        throw $err;
      }
      if ($label == 0) {
        $label = 1;
        if ($await(barrier.cond.acquire()) == $SUSPEND) {
          return $SUSPEND;
        }
      }
      try {
        action.run();
      } finally {
        barrier.cond.release();
      }
      return null;
    }

    @Override
    protected StackTraceElement $where() {
      return new StackTraceElement(Barrier.class.getName(), method, null, -1);
    }
  }
}
