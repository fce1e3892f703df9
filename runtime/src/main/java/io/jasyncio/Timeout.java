package io.jasyncio;

/**
 * A deadline for a block of code: Python's {@code asyncio.timeout} / {@code timeout_at}. Use it as
 * an async context in an {@code @Async} body:
 *
 * <pre>{@code
 * try (Timeout t = timeout(1.5)) {
 *   await(slowOperation());
 * } catch (TimeoutError e) { ... }
 * }</pre>
 *
 * When the deadline passes, the task is cancelled; on leaving the block the {@link CancelledError}
 * that caused is turned into a {@link TimeoutError} (whose cause is the cancellation). A
 * cancellation from anywhere else passes through unchanged, and so does an outer timeout's expiry
 * through an inner one: only the timeout that fired converts. A deadline already in the past fires
 * at the block's next await; a block that never awaits cannot be interrupted.
 *
 * <h2>States</h2>
 *
 * <table>
 *   <caption>Timeout states</caption>
 *   <tr><th>State</th><th>Meaning</th></tr>
 *   <tr><td>created</td><td>not entered yet</td></tr>
 *   <tr><td>active</td><td>entered; the deadline is scheduled</td></tr>
 *   <tr><td>expiring</td><td>the deadline passed and the task was cancelled</td></tr>
 *   <tr><td>expired</td><td>left after expiring ({@link #expired()} is true)</td></tr>
 *   <tr><td>finished</td><td>left before the deadline</td></tr>
 * </table>
 */
public final class Timeout implements AsyncContext {
  private enum State {
    CREATED("created"),
    ENTERED("active"),
    EXPIRING("expiring"),
    EXPIRED("expired"),
    EXITED("finished");

    final String text;

    State(String text) {
      this.text = text;
    }
  }

  private State state = State.CREATED;
  private Double when;
  private Task<?> task;
  private Handle handler;
  private int cancellingAtEntry;

  /** A timeout with deadline {@code when} in loop time, or none when {@code null}. */
  Timeout(Double when) {
    this.when = when;
  }

  /** The deadline in {@link EventLoop#time()} seconds, or {@code null} if there is none. */
  public Double when() {
    return when;
  }

  /**
   * Moves the deadline to {@code when} (loop time), or removes it when {@code null}.
   *
   * @throws IllegalStateException "Timeout has not been entered", or "Cannot change state of
   *     expiring Timeout" (and of the other finished states)
   */
  public void reschedule(Double when) {
    if (state != State.ENTERED) {
      if (state == State.CREATED) {
        throw new IllegalStateException("Timeout has not been entered");
      }
      throw new IllegalStateException("Cannot change state of " + state.text + " Timeout");
    }
    this.when = when;
    if (handler != null) {
      handler.cancel();
    }
    if (when == null) {
      handler = null;
    } else {
      EventLoop loop = task.loop;
      handler =
          when <= loop.time() ? loop.callSoon(this::onTimeout) : loop.callAt(when, this::onTimeout);
    }
  }

  /** Whether the deadline passed while the block ran. */
  public boolean expired() {
    return state == State.EXPIRING || state == State.EXPIRED;
  }

  @Override
  public Awaitable<?> aenter() {
    return new SyncCoro<Timeout>(
        "io.jasyncio.Timeout",
        "aenter",
        task -> {
          enter(task);
          return this;
        });
  }

  @Override
  public Awaitable<Boolean> aexit(Throwable inFlight) {
    return new SyncCoro<Boolean>(
        "io.jasyncio.Timeout",
        "aexit",
        task -> {
          Throwable out = exit(inFlight);
          if (out != inFlight) {
            throw out;
          }
          return false;
        });
  }

  void enter(Task<?> current) {
    if (state != State.CREATED) {
      throw new IllegalStateException("Timeout has already been entered");
    }
    if (current == null) {
      throw new IllegalStateException("Timeout should be used inside a task");
    }
    state = State.ENTERED;
    task = current;
    cancellingAtEntry = current.cancelling();
    reschedule(when);
  }

  /** Leaves the block; returns the exception to propagate: {@code inFlight} or a TimeoutError. */
  Throwable exit(Throwable inFlight) {
    if (state != State.ENTERED && state != State.EXPIRING) {
      throw new IllegalStateException("Cannot exit a " + state.text + " Timeout");
    }
    if (handler != null) {
      handler.cancel();
      handler = null;
    }
    if (state == State.EXPIRING) {
      state = State.EXPIRED;
      if (task.uncancel() <= cancellingAtEntry && inFlight instanceof CancelledError) {
        // No newer cancel request: the cancellation is ours.
        return new TimeoutError(null, inFlight);
      }
    } else {
      state = State.EXITED;
    }
    return inFlight;
  }

  private void onTimeout() {
    task.cancel();
    state = State.EXPIRING;
    handler = null;
  }

  @Override
  public String toString() {
    return "<Timeout [" + state.text + "]" + (state == State.ENTERED ? " when=" + when : "") + ">";
  }
}
