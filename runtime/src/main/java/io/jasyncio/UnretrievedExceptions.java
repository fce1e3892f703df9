package io.jasyncio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * asyncio's "Task exception was never retrieved", in every mode. A future that fails gets a {@link
 * Watch} until someone reads its exception (awaiting it, {@code result()}, {@code exception()}).
 * The watch is reported to the loop's exception handler exactly once, at the first of:
 *
 * <ul>
 *   <li>the future is garbage collected (a {@link Cleaner} notices; the report goes through the loop
 *       thread while the loop runs, else straight to the handler);
 *   <li>the loop is closed while the future is still referenced ({@link EventLoop#close()}).
 * </ul>
 *
 * The watch never references its future, so it cannot keep it alive; the loop keeps its watches in
 * a concurrent set, since the cleaner runs on its own thread.
 */
final class UnretrievedExceptions {
  private static final Cleaner CLEANER = Cleaner.create();

  private UnretrievedExceptions() {}

  /** Starts watching {@code future}, which has just failed with {@code exception}. */
  static Watch watch(Future<?> future, Throwable exception) {
    Watch watch = new Watch(future, exception);
    future.loop.unretrievedWatches().add(watch);
    watch.cleanable = CLEANER.register(future, watch);
    return watch;
  }

  /** Reports every watch of {@code loop} not yet retrieved nor reported: the loop is closing. */
  static void reportAtClose(EventLoop loop) {
    for (Watch watch : loop.unretrievedWatches().toArray(new Watch[0])) {
      watch.report();
    }
  }

  static final class Watch implements Runnable {
    private static final int UNRETRIEVED = 0;
    private static final int RETRIEVED = 1;
    private static final int REPORTED = 2;
    private static final VarHandle STATE;

    static {
      try {
        STATE = MethodHandles.lookup().findVarHandle(Watch.class, "state", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final EventLoop loop;
    private final Throwable exception;
    /** "Task 'name' (coro Class)" or "Future": enough to say which, without holding the future. */
    private final String what;
    private final boolean isTask;
    private final StackTraceElement[] createdAt;
    private volatile int state;
    private Cleaner.Cleanable cleanable;

    private Watch(Future<?> future, Throwable exception) {
      this.loop = future.loop;
      this.exception = exception;
      if (future instanceof Task<?> task) {
        isTask = true;
        what = "<Task finished name='" + task.getName() + "' coro=<" + task.getCoro() + ">>";
        createdAt = task.createdAt();
      } else {
        isTask = false;
        what = "<" + future.getClass().getSimpleName() + " finished>";
        createdAt = null;
      }
    }

    Throwable exception() {
      return exception;
    }

    /** Someone read the exception: no report, and the cleaner need not watch any more. */
    void retrieved() {
      if (STATE.compareAndSet(this, UNRETRIEVED, RETRIEVED)) {
        loop.unretrievedWatches().remove(this);
        cleanable.clean();
      }
    }

    /** The future was collected (the cleaner's thread). */
    @Override
    public void run() {
      if (state != UNRETRIEVED) {
        return;
      }
      if (loop.isRunning()) {
        try {
          loop.callSoonThreadsafe(this::report);
          return;
        } catch (IllegalStateException closed) {
          // fall through: report here
        }
      }
      report();
    }

    void report() {
      if (!STATE.compareAndSet(this, UNRETRIEVED, REPORTED)) {
        return;
      }
      loop.unretrievedWatches().remove(this);
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("message", (isTask ? "Task" : "Future") + " exception was never retrieved");
      context.put("exception", exception);
      context.put(isTask ? "task" : "future", what);
      if (createdAt != null) {
        context.put("source_traceback", Arrays.asList(createdAt));
      }
      loop.callExceptionHandler(context);
    }
  }
}
