package io.jasyncio.sync;

import io.jasyncio.Coro;
import io.jasyncio.Future;
import io.jasyncio.LoopBound;
import java.util.ArrayDeque;

/**
 * A flag tasks can wait for: asyncio's {@code Event}. Initially clear.
 *
 * <p>{@link #set()} wakes every waiter; they resume in the order they started waiting. A {@link
 * #clear()} right after {@code set()} does not take back the wake-ups already given. {@link
 * #waitFor()} on a set event completes without yielding.
 *
 * <p>Not thread-safe; bound to the loop of its first blocking {@code waitFor()}.
 */
public final class Event extends LoopBound {
  private boolean value;
  /** Waiting tasks, oldest first; null until someone first waits. */
  private ArrayDeque<Future<Boolean>> waiters;

  public Event() {}

  /** Whether the flag is set. */
  public boolean isSet() {
    return value;
  }

  /** Sets the flag and wakes every waiter. Setting a set event does nothing. */
  public void set() {
    if (value) {
      return;
    }
    value = true;
    if (waiters != null) {
      for (Future<Boolean> waiter : waiters) {
        if (!waiter.isDone()) {
          waiter.setResult(Boolean.TRUE);
        }
      }
    }
  }

  /** Clears the flag: later {@code waitFor()} calls wait again. */
  public void clear() {
    value = false;
  }

  /**
   * Waits until the flag is set; completes with {@code true}. Python's {@code wait()}. Returns at
   * once, without yielding, if it is set already.
   */
  public Coro<Boolean> waitFor() {
    return new Wait(this);
  }

  @Override
  public String toString() {
    int waiting = waiters == null ? 0 : waiters.size();
    return describe((value ? "set" : "unset") + (waiting > 0 ? ", waiters:" + waiting : ""));
  }

  /** {@code waitFor()}: state 0 returns if set or queues; state 1 leaves the queue. */
  private static final class Wait extends Coro<Boolean> {
    private final Event event;
    private Future<Boolean> waiter;

    Wait(Event event) {
      this.event = event;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      Event event = this.event;
      if ($label == 0) {
        if ($err != null) {
          throw $err;
        }
        if (event.value) {
          return Boolean.TRUE;
        }
        if (event.waiters == null) {
          event.waiters = new ArrayDeque<>();
        }
        waiter = event.newWaiter();
        event.waiters.addLast(waiter);
        $label = 1;
        if ($await(waiter) == $SUSPEND) {
          return $SUSPEND;
        }
      }
      event.waiters.remove(waiter);
      if ($err != null) {
        throw $err;
      }
      return Boolean.TRUE;
    }

    @Override
    protected StackTraceElement $where() {
      return new StackTraceElement(Event.class.getName(), "waitFor", null, -1);
    }
  }
}
