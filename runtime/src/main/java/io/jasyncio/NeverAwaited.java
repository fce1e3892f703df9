package io.jasyncio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Debug mode's "coroutine ... was never awaited": a coroutine created while tracking is on gets a
 * {@link Watch} until it is bound to a task (awaited, or wrapped in one). It is reported once, at
 * the first of:
 *
 * <ul>
 *   <li>the coroutine is garbage collected: logged as a warning, as Python's RuntimeWarning;
 *   <li>the loop it was created on, in debug mode, is closed: reported to that loop's exception
 *       handler with where it was created, so tests and runners can see it deterministically.
 * </ul>
 */
final class NeverAwaited {
  private static final Cleaner CLEANER = Cleaner.create();
  /** Kept beside the coroutines, not in them: outside debug mode a coroutine spends nothing on it. */
  private static final java.util.Map<Coro<?>, Watch> WATCHES =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private NeverAwaited() {}

  static void watch(Coro<?> coro) {
    EventLoop loop = EventLoop.runningLoopOrNull();
    boolean byLoop = loop != null && loop.debug;
    Watch watch = new Watch(coro.getClass().getName(), byLoop ? loop : null, creationSite(loop));
    WATCHES.put(coro, watch);
    watch.cleanable = CLEANER.register(coro, watch);
    if (byLoop) {
      loop.debugCoroutines().add(watch);
    }
  }

  static void awaited(Coro<?> coro) {
    Watch watch = WATCHES.remove(coro);
    if (watch != null) {
      watch.awaited();
    }
  }

  /** Reports the coroutines created on {@code loop} that are still not awaited: it is closing. */
  static void reportAtClose(EventLoop loop) {
    for (Watch watch : loop.debugCoroutines().toArray(new Watch[0])) {
      watch.reportToLoop();
    }
  }

  /**
   * Where the coroutine was created: the running task's current frame at its original line, else
   * the first frame of plain code that called the generated factory.
   */
  private static String creationSite(EventLoop loop) {
    Task<?> task = loop == null ? null : loop.currentTask();
    if (task != null && task.top != null) {
      return task.top.toString() + " in task '" + task.getName() + "'";
    }
    return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(
            frames ->
                frames
                    .dropWhile(
                        frame ->
                            RuntimeCode.contains(frame.getDeclaringClass())
                                || Coro.class.isAssignableFrom(frame.getDeclaringClass()))
                    .skip(1) // the generated factory method
                    .findFirst()
                    .map(StackWalker.StackFrame::toStackTraceElement)
                    .map(String::valueOf)
                    .orElse("unknown"));
  }

  static final class Watch implements Runnable {
    private static final int WATCHING = 0;
    private static final int AWAITED = 1;
    private static final int REPORTED = 2;
    private static final VarHandle STATE;

    static {
      try {
        STATE = MethodHandles.lookup().findVarHandle(Watch.class, "state", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final String coroutine;
    private final EventLoop loop;
    private final String createdAt;
    private volatile int state;
    private Cleaner.Cleanable cleanable;

    Watch(String coroutine, EventLoop loop, String createdAt) {
      this.coroutine = coroutine;
      this.loop = loop;
      this.createdAt = createdAt;
    }

    void awaited() {
      if (STATE.compareAndSet(this, WATCHING, AWAITED)) {
        if (loop != null) {
          loop.debugCoroutines().remove(this);
        }
        cleanable.clean();
      }
    }

    private String message() {
      return "coroutine " + coroutine + " was never awaited";
    }

    /** The coroutine was collected (the cleaner's thread). */
    @Override
    public void run() {
      if (STATE.compareAndSet(this, WATCHING, REPORTED)) {
        if (loop != null) {
          loop.debugCoroutines().remove(this);
        }
        EventLoop.LOGGER.log(
            System.Logger.Level.WARNING, message() + " (created at " + createdAt + ")");
      }
    }

    void reportToLoop() {
      if (STATE.compareAndSet(this, WATCHING, REPORTED)) {
        loop.debugCoroutines().remove(this);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", message());
        context.put("source_traceback", createdAt);
        loop.callExceptionHandler(context);
      }
    }
  }
}
