package io.jasyncio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Structured concurrency: asyncio's {@code TaskGroup}. An async context whose exit waits for every
 * task created in it.
 *
 * <pre>{@code
 * try (TaskGroup tg = new TaskGroup()) {
 *   tg.createTask(fetch("a"));
 *   tg.createTask(fetch("b"));
 * }                                   // both are done here
 * }</pre>
 *
 * <ul>
 *   <li>Tasks start when the body next yields, as any task does. The exit waits for all of them,
 *       including tasks that tasks of the group add to it while it waits.
 *   <li>The first task to fail (with anything but {@link CancelledError}) aborts the group: every
 *       unfinished task is cancelled, and so is the body, at its current await, if it has not
 *       finished. Cancelled tasks are not failures.
 *   <li>After all tasks are done, the failures are thrown together as a {@link
 *       TaskGroupException}, in the order they happened; an exception of the body itself comes
 *       last.
 *   <li>A cancellation of the task running the body (from outside) cancels every task of the group
 *       and then propagates as {@link CancelledError}, unless tasks also failed: then the {@code
 *       TaskGroupException} wins, and the cancellation stays requested on the task.
 *   <li>The group's own cancellation of the body is taken back on exit ({@link Task#uncancel()}),
 *       so {@link Task#cancelling()} is as it was (Python 3.13).
 *   <li>A {@link VirtualMachineError} (out of memory, stack overflow) in a task or the body is
 *       rethrown as it is, not grouped, as Python does for {@code SystemExit} and {@code
 *       KeyboardInterrupt}.
 * </ul>
 *
 * <h2>States</h2>
 *
 * <table>
 *   <caption>TaskGroup states</caption>
 *   <tr><th>State</th><th>{@link #createTask}</th></tr>
 *   <tr><td>not entered</td><td>"TaskGroup ... has not been entered"</td></tr>
 *   <tr><td>entered</td><td>starts a task</td></tr>
 *   <tr><td>exiting, tasks left</td><td>starts a task</td></tr>
 *   <tr><td>aborting (a task failed, or cancelled from outside)</td><td>"TaskGroup ... is shutting
 *       down"</td></tr>
 *   <tr><td>finished (exited, no task left)</td><td>"TaskGroup ... is finished"</td></tr>
 * </table>
 *
 * <p>Not thread-safe; used from the task that entered it and the tasks it runs.
 */
public final class TaskGroup implements AsyncContext {
  private boolean entered;
  private boolean exiting;
  private boolean aborting;
  private EventLoop loop;
  private Task<?> parentTask;
  private boolean parentCancelRequested;
  private final LinkedHashSet<Task<?>> tasks = new LinkedHashSet<>();
  private List<Throwable> errors = new ArrayList<>();
  private Throwable baseError;
  private Future<Boolean> onCompleted;
  private final Consumer<Future<?>> onTaskDone =
      new AwaitingCallback<>(() -> parentTask, this::onTaskDone);

  public TaskGroup() {}

  /** Enters the group: binds it to the running task. */
  @Override
  public Awaitable<?> aenter() {
    return new SyncCoro<TaskGroup>(
        "io.jasyncio.TaskGroup",
        "aenter",
        task -> {
          if (entered) {
            throw new IllegalStateException("TaskGroup " + this + " has already been entered");
          }
          if (loop == null) {
            loop = EventLoop.getRunningLoop();
          }
          parentTask = task;
          if (parentTask == null) {
            throw new IllegalStateException("TaskGroup " + this + " cannot determine the parent task");
          }
          entered = true;
          return this;
        });
  }

  /** Exits the group: waits for every task, then throws what failed. See the class comment. */
  @Override
  public Awaitable<Boolean> aexit(Throwable inFlight) {
    return new Exit(this, inFlight);
  }

  /** Starts {@code coro} as a task of the group; see the class comment for when it is refused. */
  public <T> Task<T> createTask(Coro<T> coro) {
    return createTask(coro, null, null);
  }

  /** {@link #createTask(Coro)} with a task name. */
  public <T> Task<T> createTask(Coro<T> coro, String name) {
    return createTask(coro, name, null);
  }

  /**
   * {@link #createTask(Coro)} with a task name, running in {@code context} itself (a copy of the
   * current context when {@code null}).
   *
   * @throws IllegalStateException "TaskGroup ... has not been entered", "... is finished", or "...
   *     is shutting down"; the coroutine is then discarded without running
   */
  public <T> Task<T> createTask(Coro<T> coro, String name, Context context) {
    String refusal = null;
    if (!entered) {
      refusal = "has not been entered";
    } else if (exiting && tasks.isEmpty()) {
      refusal = "is finished";
    } else if (aborting) {
      refusal = "is shutting down";
    }
    if (refusal != null) {
      if (coro != null) {
        NeverAwaited.awaited(coro); // closed, as Python closes it: not "never awaited"
      }
      throw new IllegalStateException("TaskGroup " + this + " " + refusal);
    }
    Task<T> task = loop.createTask(coro, name, context);
    tasks.add(task);
    task.addDoneCallback(onTaskDone);
    return task;
  }

  private static boolean isBaseError(Throwable e) {
    return e instanceof VirtualMachineError;
  }

  private void abort() {
    aborting = true;
    for (Task<?> t : tasks) {
      if (!t.isDone()) {
        t.cancel();
      }
    }
  }

  private void onTaskDone(Future<?> done) {
    Task<?> task = (Task<?>) done;
    tasks.remove(task);
    if (onCompleted != null && tasks.isEmpty() && !onCompleted.isDone()) {
      onCompleted.setResult(Boolean.TRUE);
    }
    if (task.isCancelled()) {
      return;
    }
    Throwable error = task.exception();
    if (error == null) {
      return;
    }
    errors.add(error);
    if (isBaseError(error) && baseError == null) {
      baseError = error;
    }
    if (parentTask.isDone()) {
      Map<String, Object> context = new LinkedHashMap<>();
      context.put(
          "message",
          "Task " + task + " has errored out but its parent task " + parentTask + " is already completed");
      context.put("exception", error);
      context.put("task", task);
      loop.callExceptionHandler(context);
      return;
    }
    if (!aborting && !parentCancelRequested) {
      // Interrupt the body where it waits; exit takes this cancellation back with uncancel().
      abort();
      parentCancelRequested = true;
      parentTask.cancel();
    }
  }

  /** {@code <TaskGroup tasks=2 errors=1 cancelling>}, as Python's repr. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("<TaskGroup");
    if (!tasks.isEmpty()) {
      out.append(" tasks=").append(tasks.size());
    }
    if (errors != null && !errors.isEmpty()) {
      out.append(" errors=").append(errors.size());
    }
    if (aborting) {
      out.append(" cancelling");
    } else if (entered) {
      out.append(" entered");
    }
    return out.append('>').toString();
  }

  /**
   * The exit. States: 0 records what ended the body and aborts if it failed; 1 waits until no
   * task is left (waking each time the last one finishes, or the body's task is cancelled); then it
   * decides what to throw.
   */
  private static final class Exit extends Coro<Boolean> {
    private final TaskGroup group;
    private final Throwable inFlight;
    private Throwable propagateCancellation;

    Exit(TaskGroup group, Throwable inFlight) {
      this.group = group;
      this.inFlight = inFlight;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      TaskGroup g = group;
      try {
        if ($label == 0) {
          if ($err != null) {
            throw $err;
          }
          g.exiting = true;
          if (inFlight != null && isBaseError(inFlight) && g.baseError == null) {
            g.baseError = inFlight;
          }
          if (inFlight instanceof CancelledError) {
            propagateCancellation = inFlight;
          }
          if (inFlight != null && !g.aborting) {
            // The body failed, or its task is being cancelled: stop the tasks.
            g.abort();
          }
          $label = 1;
        } else {
          // Resumed: the last task finished, or our task was cancelled while we waited.
          if ($err instanceof CancelledError) {
            if (!g.aborting) {
              propagateCancellation = $err;
              g.abort();
            }
          } else if ($err != null) {
            throw $err;
          }
          g.onCompleted = null;
        }
        while (!g.tasks.isEmpty()) {
          if (g.onCompleted == null) {
            g.onCompleted = g.loop.createFuture();
          }
          if ($await(g.onCompleted) == $SUSPEND) {
            return $SUSPEND;
          }
          g.onCompleted = null;
        }
        $label = 2;
        return decide(g);
      } catch (Throwable e) {
        release(g);
        throw e;
      }
    }

    /** After the last task: what the exit throws, if anything. */
    private Object decide(TaskGroup g) throws Throwable {
      if (g.baseError != null) {
        throw g.baseError;
      }
      if (g.parentCancelRequested && g.parentTask.uncancel() == 0) {
        // Our own cancellation, and no other is pending: do not propagate it.
        propagateCancellation = null;
      }
      if (propagateCancellation != null && g.errors.isEmpty()) {
        throw propagateCancellation;
      }
      if (inFlight != null && !(inFlight instanceof CancelledError)) {
        g.errors.add(inFlight);
      }
      if (!g.errors.isEmpty()) {
        if (g.parentTask.cancelling() > 0) {
          // Cancelled from outside too: keep that request on the task, counted once.
          g.parentTask.uncancel();
          g.parentTask.cancel();
        }
        throw new TaskGroupException("unhandled errors in a TaskGroup", g.errors);
      }
      release(g);
      return Boolean.FALSE;
    }

    /** Drops what the finished group no longer needs, as Python's {@code __aexit__} does. */
    private static void release(TaskGroup g) {
      g.parentTask = null;
      g.errors = null;
      g.baseError = null;
    }

    @Override
    protected StackTraceElement $where() {
      return new StackTraceElement("io.jasyncio.TaskGroup", "aexit", null, -1);
    }
  }
}
