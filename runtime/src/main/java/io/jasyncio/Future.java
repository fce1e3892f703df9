package io.jasyncio;

import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A value that will be available later: asyncio's {@code Future}. It is bound to one {@link
 * EventLoop} and, like asyncio's, is not thread-safe: use it from its loop's thread (from other
 * threads, go through {@link EventLoop#callSoonThreadsafe} or {@link #toCompletableFuture()}).
 *
 * <h2>States</h2>
 *
 * <table>
 *   <caption>Future states</caption>
 *   <tr><th>State</th><th>{@link #isDone()}</th><th>{@link #isCancelled()}</th>
 *       <th>{@link #result()}</th><th>{@link #exception()}</th></tr>
 *   <tr><td>pending</td><td>false</td><td>false</td>
 *       <td>throws {@link InvalidStateError} "Result is not set."</td>
 *       <td>throws {@link InvalidStateError} "Exception is not set."</td></tr>
 *   <tr><td>finished with a result</td><td>true</td><td>false</td><td>the result</td>
 *       <td>{@code null}</td></tr>
 *   <tr><td>finished with an exception</td><td>true</td><td>false</td>
 *       <td>throws the exception, unchanged</td><td>the exception</td></tr>
 *   <tr><td>cancelled</td><td>true</td><td>true</td>
 *       <td colspan="2">throw {@link CancelledError} carrying the cancel message</td></tr>
 * </table>
 *
 * A future leaves the pending state once; {@link #setResult}/{@link #setException} on a done
 * future throw {@link InvalidStateError}, {@link #cancel()} on a done future returns {@code false}.
 *
 * <h2>Done-callbacks</h2>
 *
 * Callbacks never run inline: when the future completes, each is scheduled with {@link
 * EventLoop#callSoon} in registration order, in the context that was current when it was added;
 * adding one to a done future schedules it the same way.
 *
 * <h2>Awaiting</h2>
 *
 * Awaiting a done future produces its outcome without yielding to the loop; awaiting a pending one
 * suspends the task exactly once, until the future is done.
 *
 * @param <T> the type of the result
 */
public non-sealed class Future<T> implements Awaitable<T> {

  // Internal states. FINISHED is split by outcome so that one field holds either.
  //   PENDING    outcome: null
  //   RESULT     outcome: the result
  //   FAILED     outcome: the exception once someone has read it; before that, the Watch that
  //              reports it if nobody ever does (it holds the exception: no field is spent on it)
  //   CANCELLED  outcome: the CancelledError, once made (null until someone asks for it)
  private static final byte PENDING = 0;
  private static final byte RESULT = 1;
  private static final byte FAILED = 2;
  private static final byte CANCELLED = 3;

  final EventLoop loop;
  private byte state;
  private Object outcome;
  /** The message of cancel(msg); a Task also keeps the message of a cancel still to deliver. */
  String cancelMessage;

  // Done-callbacks in registration order. The first is kept in a field, the rest in a list only
  // when there is more than one (most futures have exactly one listener: the task awaiting it).
  // An entry is a Task (its wake-up) or a DoneCallback. Invariant: callback0 == null implies
  // that callbacks is null or empty.
  private Object callback0;
  private ArrayList<Object> callbacks;

  /** A pending future bound to {@code loop}. Same as {@link EventLoop#createFuture()}. */
  public Future(EventLoop loop) {
    this.loop = Objects.requireNonNull(loop, "loop");
  }

  /**
   * A pending future bound to the running loop.
   *
   * @throws IllegalStateException "no running event loop" when called outside a running loop
   */
  public Future() {
    this(EventLoop.getRunningLoop());
  }

  /** The loop this future is bound to. */
  public final EventLoop getLoop() {
    return loop;
  }

  /** Whether the future has a result, an exception, or was cancelled. */
  public final boolean isDone() {
    return state != PENDING;
  }

  /** Whether the future was cancelled. */
  public final boolean isCancelled() {
    return state == CANCELLED;
  }

  /**
   * The result. Throws the future's exception unchanged if it failed (checked exceptions too,
   * although this method does not declare them), {@link CancelledError} if it was cancelled, and
   * {@link InvalidStateError} "Result is not set." while it is pending.
   */
  @SuppressWarnings("unchecked")
  public final T result() {
    switch (state) {
      case RESULT:
        return (T) outcome;
      case FAILED:
        throw Rethrow.unchecked(takeFailure());
      case CANCELLED:
        throw cancelledError();
      default:
        throw new InvalidStateError("Result is not set.");
    }
  }

  /**
   * The exception the future failed with, or {@code null} if it finished with a result. Throws
   * {@link CancelledError} if it was cancelled and {@link InvalidStateError} "Exception is not
   * set." while it is pending.
   */
  public final Throwable exception() {
    switch (state) {
      case RESULT:
        return null;
      case FAILED:
        return takeFailure();
      case CANCELLED:
        throw cancelledError();
      default:
        throw new InvalidStateError("Exception is not set.");
    }
  }

  /**
   * Completes the future with {@code value} and schedules its callbacks.
   *
   * @throws InvalidStateError if the future is already done
   */
  public void setResult(T value) {
    checkPending();
    complete(value);
  }

  /**
   * Fails the future with {@code exception} and schedules its callbacks. Awaiting it, or calling
   * {@link #result()}, then throws that same exception object.
   *
   * @throws InvalidStateError if the future is already done
   */
  public void setException(Throwable exception) {
    Objects.requireNonNull(exception, "exception");
    checkPending();
    fail(exception);
  }

  /** Cancels the future without a message; see {@link #cancel(String)}. */
  public final boolean cancel() {
    return cancel(null);
  }

  /**
   * Cancels the future if it is pending and schedules its callbacks. Returns {@code false} if it
   * was already done. After this, {@link #result()} and {@link #exception()} throw a {@link
   * CancelledError} whose message is {@code message}.
   */
  public boolean cancel(String message) {
    if (state != PENDING) {
      return false;
    }
    cancelMessage = message;
    state = CANCELLED;
    scheduleCallbacks();
    return true;
  }

  /**
   * Adds {@code callback}, to be called with this future once it is done. It is scheduled with
   * {@link EventLoop#callSoon} (never run inline), in the context current now; if the future is
   * already done, it is scheduled right away.
   */
  public final void addDoneCallback(Consumer<? super Future<T>> callback) {
    Objects.requireNonNull(callback, "callback");
    DoneCallback entry = new DoneCallback(this, callback, Context.currentVars());
    if (state != PENDING) {
      loop.scheduleDoneCallback(entry);
    } else {
      addCallbackEntry(entry);
    }
  }

  /**
   * Removes every registration of {@code callback} (compared with {@code equals}) that has not been
   * scheduled yet, and returns how many were removed.
   */
  public final int removeDoneCallback(Consumer<? super Future<T>> callback) {
    if (callback0 == null) {
      return 0;
    }
    ArrayList<Object> entries = new ArrayList<>();
    entries.add(callback0);
    if (callbacks != null) {
      entries.addAll(callbacks);
    }
    int before = entries.size();
    entries.removeIf(entry -> entry instanceof DoneCallback dc && dc.callback.equals(callback));
    int removed = before - entries.size();
    if (removed > 0) {
      callback0 = entries.isEmpty() ? null : entries.remove(0);
      callbacks = entries.isEmpty() ? null : entries;
    }
    return removed;
  }

  /**
   * A {@link CompletableFuture} that completes (from the loop thread) when this future does: with
   * its result, its exception, or cancelled. Cancelling the {@code CompletableFuture}, from any
   * thread, cancels this future on its loop.
   */
  public final CompletableFuture<T> toCompletableFuture() {
    CompletableFuture<T> cf = new CompletableFuture<>();
    addDoneCallback(
        f -> {
          if (f.isCancelled()) {
            cf.cancel(false);
          } else if (f.state == FAILED) {
            cf.completeExceptionally(f.exception());
          } else {
            cf.complete(f.result());
          }
        });
    cf.whenComplete(
        (v, e) -> {
          if (cf.isCancelled() && !isDone()) {
            if (loop.isLoopThread()) {
              cancel();
            } else {
              try {
                loop.callSoonThreadsafe(this::cancel);
              } catch (IllegalStateException closed) {
                // The loop is gone: nothing is left to cancel.
              }
            }
          }
        });
    loop.handOut(cf);
    return cf;
  }

  // ---------------------------------------------------------------------------------------------
  // Internals used by Task, the loop and await.

  final void checkPending() {
    if (state != PENDING) {
      throw new InvalidStateError(stateName() + ": " + this);
    }
  }

  final void complete(Object value) {
    outcome = value;
    state = RESULT;
    scheduleCallbacks();
  }

  final void fail(Throwable exception) {
    outcome = exception;
    state = FAILED;
    outcome = UnretrievedExceptions.watch(this, exception);
    scheduleCallbacks();
  }

  /**
   * Ends the future cancelled with the given error: a Task whose coroutine ended with it ({@code
   * message} null: like CPython, the message then lives only in the error object) or whose pending
   * cancellation was due when it returned.
   */
  final void cancelWith(CancelledError error, String message) {
    cancelMessage = message;
    outcome = error;
    state = CANCELLED;
    scheduleCallbacks();
  }

  /** The outcome of a done future, for await: the result, or the exception thrown unchanged. */
  final Object outcome() throws Throwable {
    switch (state) {
      case RESULT:
        return outcome;
      case FAILED:
        throw takeFailure();
      default:
        throw cancelledError();
    }
  }

  /** The exception of a done future (a CancelledError if it was cancelled), or null. */
  final Throwable failureOrNull() {
    switch (state) {
      case FAILED:
        return takeFailure();
      case CANCELLED:
        return cancelledError();
      default:
        return null;
    }
  }

  /** The raw result of a future finished with a result. */
  final Object rawResult() {
    return outcome;
  }

  /** Whether the future finished with an exception (not a cancellation). */
  final boolean isFailed() {
    return state == FAILED;
  }

  final CancelledError cancelledError() {
    if (outcome instanceof CancelledError error) {
      return error;
    }
    CancelledError error = new CancelledError(cancelMessage);
    outcome = error;
    return error;
  }

  /**
   * Passes each registered done-callback, in order, to {@code action}: a Task (its wake-up) or the
   * user's {@code Consumer}. For the call graph; reads only.
   */
  final void forEachCallback(Consumer<Object> action) {
    if (callback0 == null) {
      return;
    }
    action.accept(unwrap(callback0));
    if (callbacks != null) {
      for (Object entry : callbacks) {
        action.accept(unwrap(entry));
      }
    }
  }

  private static Object unwrap(Object entry) {
    return entry instanceof DoneCallback callback ? callback.callback : entry;
  }

  /** Whether the callback registered last, and not scheduled yet, is {@code callback}. */
  final boolean lastCallbackIs(Consumer<?> callback) {
    ArrayList<Object> rest = callbacks;
    Object last = rest != null && !rest.isEmpty() ? rest.get(rest.size() - 1) : callback0;
    return last instanceof DoneCallback entry && entry.callback == callback;
  }

  /** Registers a task's wake-up: the task is scheduled itself, with no callback object. */
  final void addWakeup(Task<?> task) {
    addCallbackEntry(task);
  }

  private void addCallbackEntry(Object entry) {
    if (callback0 == null) {
      callback0 = entry;
      return;
    }
    if (callbacks == null) {
      callbacks = new ArrayList<>(2);
    }
    callbacks.add(entry);
  }

  private void scheduleCallbacks() {
    Object first = callback0;
    if (first == null) {
      return;
    }
    callback0 = null;
    loop.scheduleDoneCallback(first);
    ArrayList<Object> rest = callbacks;
    if (rest != null) {
      callbacks = null;
      for (Object entry : rest) {
        loop.scheduleDoneCallback(entry);
      }
    }
  }

  /** The exception of a failed future, now read: it will not be reported as never retrieved. */
  private Throwable takeFailure() {
    Object held = outcome;
    if (held instanceof UnretrievedExceptions.Watch watch) {
      Throwable exception = watch.exception();
      outcome = exception;
      watch.retrieved();
      return exception;
    }
    return (Throwable) held;
  }

  /** The exception of a failed future, without reading it. */
  private Throwable peekFailure() {
    Object held = outcome;
    return held instanceof UnretrievedExceptions.Watch watch ? watch.exception() : (Throwable) held;
  }

  final String stateName() {
    switch (state) {
      case PENDING:
        return "PENDING";
      case CANCELLED:
        return "CANCELLED";
      default:
        return "FINISHED";
    }
  }

  /** What the future holds, for {@link #toString()}: "pending", "finished result=42", ... */
  String describeState() {
    switch (state) {
      case PENDING:
        return "pending";
      case CANCELLED:
        return "cancelled";
      case FAILED:
        return "finished exception=" + peekFailure();
      default:
        return "finished result=" + outcome;
    }
  }

  @Override
  public String toString() {
    return "<Future " + describeState() + ">";
  }

  /**
   * A user's done-callback, the context it runs in, and the future it was registered on. It is
   * registered on one future and scheduled once, when that future is done: so it is itself the
   * handle the loop runs, and completing a future allocates nothing per callback.
   */
  static final class DoneCallback extends Handle {
    final Consumer<? super Future<?>> callback;
    private final Future<?> future;

    @SuppressWarnings("unchecked")
    DoneCallback(Future<?> future, Consumer<?> callback, Object[] vars) {
      super(future.loop, null, vars);
      this.callback = (Consumer<? super Future<?>>) callback;
      this.future = future;
    }

    @Override
    void invoke() {
      callback.accept(future);
    }

    @Override
    Object target() {
      return callback;
    }
  }
}
