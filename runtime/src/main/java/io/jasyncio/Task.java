package io.jasyncio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A coroutine running concurrently on an event loop: asyncio's {@code Task}. Creating one
 * schedules its first step with {@code callSoon}: it starts once the creator yields to the loop,
 * after everything already scheduled, in creation order. The loop keeps every pending task
 * strongly reachable, so a task nobody holds on to still runs to the end.
 *
 * <h2>States</h2>
 *
 * <table>
 *   <caption>Task states</caption>
 *   <tr><th>State</th><th>Meaning</th></tr>
 *   <tr><td>scheduled</td><td>a step is in the loop's ready queue (created, yielded by
 *       {@code sleep(0)}, or woken by the future it awaited)</td></tr>
 *   <tr><td>running</td><td>its coroutine is executing; {@link AsyncIO#currentTask()} is this
 *       task</td></tr>
 *   <tr><td>suspended</td><td>waiting on exactly one future, with one wake-up callback on it
 *       </td></tr>
 *   <tr><td>done</td><td>as a {@link Future}: finished with a result, with an exception, or
 *       cancelled</td></tr>
 * </table>
 *
 * <h2>Cancellation</h2>
 *
 * {@link #cancel(String)} asks the task to stop: if it is suspended, the future it awaits is
 * cancelled, which wakes it with a {@link CancelledError} thrown at its await point; otherwise the
 * error is thrown in at its next step (a task cancelled before its first step never runs its body
 * at all). {@code finally} blocks run and may await; the coroutine may catch the error and carry
 * on. The task counts as cancelled ({@link #isCancelled()}) only if its coroutine ends with the
 * CancelledError; the same error object then reaches whoever awaits the task. {@link #cancelling()}
 * counts requests, {@link #uncancel()} takes one back.
 *
 * <p>Not thread-safe, like every loop object: use {@link #toCompletableFuture()} or {@link
 * EventLoop#callSoonThreadsafe} from other threads.
 *
 * @param <T> the type of the result
 */
public final class Task<T> extends Future<T> {
  private static final AtomicInteger NAME_COUNTER = new AtomicInteger();

  private final Coro<T> coro;
  /** The innermost frame: the one to resume at the next step. */
  Coro<?> top;
  /** The future this task is suspended on, or null. */
  private Future<?> waiter;
  /** A table of variables (a private copy) or a Context given explicitly. */
  Object context;
  // An int, read as unsigned: the task is 8 bytes smaller; names repeat after 2^32 unnamed tasks.
  private final int number;
  private String name;
  private int cancelRequests;
  private boolean mustCancel;
  private boolean started;
  /** A frame was handed over by a deep await chain: run it at once instead of returning. */
  private boolean startNext;
  // The loop's list of pending tasks, threaded through the tasks themselves.
  Task<?> previousPending;
  Task<?> nextPending;
  /**
   * Debug mode: where each task was created, for reports about it (asyncio's source_traceback).
   * Kept beside the tasks, not in them: a task outside debug mode spends no field on it.
   */
  private static final java.util.Map<Task<?>, StackTraceElement[]> CREATED_AT =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  Task(EventLoop loop, Coro<T> coro, String name, Object context) {
    this(loop, coro, name, context, false);
  }

  /**
   * A task of {@code loop} running {@code coro}, for {@linkplain TaskFactory task factories}:
   * asyncio's {@code Task(coro, loop=, name=, context=, eager_start=)}. With {@code eagerStart}, and
   * when called on the thread running {@code loop}, the coroutine runs at once, inside this call,
   * up to its first suspension (as its own task: {@code currentTask()} is the new task meanwhile); a
   * coroutine that finishes without suspending gives a task that is done on return and was never
   * scheduled. Otherwise the task starts in a later iteration, as {@link AsyncIO#createTask} does.
   *
   * @param name the task's name, or {@code null} for {@code Task-<n>}
   * @param context the context it runs in, or {@code null} for a copy of the current one
   * @throws IllegalArgumentException for a null coroutine
   * @throws IllegalStateException if the loop is closed or {@code coro} was already awaited
   */
  public static <T> Task<T> create(
      EventLoop loop, Coro<T> coro, String name, Context context, boolean eagerStart) {
    if (coro == null) {
      throw new IllegalArgumentException("a coroutine was expected, got null");
    }
    return loop.newTask(coro, name, context, eagerStart);
  }

  Task(EventLoop loop, Coro<T> coro, String name, Object context, boolean eagerStart) {
    super(loop);
    coro.$bind(this, null);
    this.coro = coro;
    this.top = coro;
    this.context = context;
    this.name = name;
    this.number = name == null ? NAME_COUNTER.incrementAndGet() : 0;
    if (loop.debug) {
      CREATED_AT.put(this, callerFrames());
    }
    loop.register(this);
    if (eagerStart && loop.isLoopThread()) {
      loop.runEagerStep(this);
    } else {
      loop.scheduleStep(this);
    }
  }

  /** Debug mode: where this task was created; null outside debug mode. */
  StackTraceElement[] createdAt() {
    return loop.debug ? CREATED_AT.get(this) : null;
  }

  /** The stack of whoever created the task, from the first frame outside the runtime's own code. */
  private static StackTraceElement[] callerFrames() {
    return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(
            frames ->
                frames
                    .dropWhile(frame -> RuntimeCode.contains(frame.getDeclaringClass()))
                    .map(StackWalker.StackFrame::toStackTraceElement)
                    .toArray(StackTraceElement[]::new));
  }

  /** The task's name: the one it was given, else {@code Task-<n>} from a process-wide counter. */
  public String getName() {
    if (name == null) {
      name = "Task-" + Integer.toUnsignedString(number);
    }
    return name;
  }

  /** Renames the task. */
  public void setName(String name) {
    this.name = String.valueOf(name);
  }

  /** The coroutine this task runs. */
  public Coro<T> getCoro() {
    return coro;
  }

  /**
   * Where the task is: the chain of coroutine frames it is suspended in, outermost first and
   * innermost last, each with its original source line (asked from inside the running task, the
   * line each frame is running). Empty once the task is done.
   */
  public List<StackTraceElement> getStack() {
    if (isDone()) {
      return List.of();
    }
    List<StackTraceElement> stack = new ArrayList<>();
    // Asked from inside the task itself: the frames running on this thread are where their code
    // is now (a frame stores its state only when it suspends).
    StackTraceElement[] running =
        loop.currentTask() == this && loop.isLoopThread() ? new Throwable().getStackTrace() : null;
    int searched = 0;
    for (Coro<?> frame = top; frame != null; frame = frame.$caller) {
      StackTraceElement where = frame.$where();
      int at = running == null ? -1 : AwaitTrace.resumeOf(frame, running, searched);
      if (at >= 0) {
        where = AwaitTrace.running(frame, where, running[at]);
        searched = at + 1; // its caller, if running too, is further down
      }
      stack.add(where);
    }
    Collections.reverse(stack);
    return stack;
  }

  /** Tasks are completed by their coroutine: always throws {@link IllegalStateException}. */
  @Override
  public void setResult(T value) {
    throw new IllegalStateException("Task does not support setResult operation");
  }

  /** Tasks are completed by their coroutine: always throws {@link IllegalStateException}. */
  @Override
  public void setException(Throwable exception) {
    throw new IllegalStateException("Task does not support setException operation");
  }

  /**
   * Asks the task to cancel itself, see the class comment. Returns {@code false} if the task is
   * already done; otherwise counts the request and returns {@code true}, although the coroutine
   * may still refuse by catching the {@link CancelledError}.
   */
  @Override
  public boolean cancel(String message) {
    if (isDone()) {
      return false;
    }
    cancelRequests++;
    Future<?> awaited = waiter;
    if (awaited != null && awaited.cancel(message)) {
      // The wake-up will deliver the CancelledError. The waiter stays set: it may be a task that
      // refuses the cancellation, which we may have to cancel again later.
      return true;
    }
    mustCancel = true;
    cancelMessage = message;
    return true;
  }

  /** How many cancellation requests are outstanding: {@link #cancel} calls minus uncancels. */
  public int cancelling() {
    return cancelRequests;
  }

  /**
   * Takes back one cancellation request and returns how many remain; never goes below zero. When
   * the count reaches zero, a cancellation not yet delivered is dropped (Python 3.13).
   */
  public int uncancel() {
    if (cancelRequests > 0) {
      cancelRequests--;
      if (cancelRequests == 0) {
        mustCancel = false;
      }
    }
    return cancelRequests;
  }

  // ---------------------------------------------------------------------------------------------
  // Stepping, called by the loop and by coroutines' await points.

  /** Suspends on {@code future}: registers one wake-up on it. Called from {@code $await}. */
  void suspendOn(Future<?> future, Coro<?> frame) {
    top = frame;
    waiter = future;
    future.addWakeup(this);
    if (mustCancel && future.cancel(cancelMessage)) {
      mustCancel = false;
    }
  }

  /** Gives up the loop for exactly one iteration (a bare yield, as {@code sleep(0)} does). */
  void yieldOnce(Coro<?> frame) {
    top = frame;
    loop.scheduleStep(this);
  }

  /** Takes over a frame from a chain of awaits that got too deep for the Java stack. */
  void startNext(Coro<?> frame) {
    top = frame;
    startNext = true;
  }

  /** One step: resume the innermost frame with what it waited for, until it suspends or ends. */
  void step() {
    Object value = null;
    Throwable error = null;
    Future<?> awaited = waiter;
    if (awaited != null) {
      waiter = null;
      error = awaited.failureOrNull();
      if (error == null) {
        value = awaited.rawResult();
      }
    }
    if (mustCancel) {
      if (!(error instanceof CancelledError)) {
        error = new CancelledError(cancelMessage);
      }
      mustCancel = false;
    }
    EventLoop loop = this.loop;
    loop.enterTask(this);
    try {
      runFrames(value, error);
    } catch (Throwable broken) {
      // Something outside the coroutines failed (a broken frame's bookkeeping): end the task
      // with it rather than leave it pending forever.
      if (!isDone()) {
        finish(null, broken);
      }
    } finally {
      loop.leaveTask(this);
    }
  }

  private void runFrames(Object value, Throwable error) {
    Coro<?> frame = top;
    if (!started) {
      started = true;
      if (error != null) {
        // Cancelled before the first step: the body never runs.
        finish(null, error);
        return;
      }
    }
    for (; ; ) {
      Object out;
      Throwable failure = null;
      try {
        frame.$depth = 0; // resumed from the task loop: nothing below it on the Java stack
        out = frame.$resume(value, error);
      } catch (Throwable e) {
        out = null;
        failure = e;
      }
      if (out == Coro.$SUSPEND) {
        if (startNext) {
          startNext = false;
          frame = top;
          value = null;
          error = null;
          continue;
        }
        return;
      }
      Coro<?> caller = frame.$caller;
      frame.$caller = null;
      if (failure != null) {
        AwaitTrace.record(frame, failure);
      }
      if (caller == null) {
        finish(out, failure);
        return;
      }
      frame = caller;
      value = out;
      error = failure;
    }
  }

  private void finish(Object result, Throwable failure) {
    top = null;
    loop.unregister(this);
    if (failure == null) {
      if (mustCancel) {
        // Cancelled right before the coroutine returned: the task still ends cancelled.
        mustCancel = false;
        cancelWith(new CancelledError(cancelMessage), cancelMessage);
      } else {
        complete(result);
      }
    } else if (failure instanceof CancelledError cancelled) {
      cancelWith(cancelled, null);
    } else {
      fail(failure);
    }
  }

  @Override
  String describeState() {
    if (!isDone()) {
      // As 3.13: a task asked to cancel shows "cancelling" in place of "pending".
      StringBuilder text = new StringBuilder(cancelRequests > 0 ? "cancelling" : "pending");
      text.append(" name='").append(getName()).append('\'');
      Coro<?> frame = top != null ? top : coro;
      text.append(" coro=<").append(frame).append('>');
      if (waiter != null) {
        text.append(" wait_for=").append(waiter);
      }
      return text.toString();
    }
    return super.describeState().replaceFirst("^(\\w+)", "$1 name='" + getName() + "'");
  }

  @Override
  public String toString() {
    return "<Task " + describeState() + ">";
  }
}
