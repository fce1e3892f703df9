package io.jasyncio;

import java.lang.ref.Cleaner;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Debug mode's "Task exception was never retrieved": a future that failed is watched until someone
 * reads its exception (awaiting it, {@code result()}, {@code exception()}); one collected before
 * that is reported to its loop's exception handler.
 */
final class UnretrievedExceptions {
  private static final Cleaner CLEANER = Cleaner.create();
  private static final Map<Future<?>, Flag> FLAGS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private UnretrievedExceptions() {}

  private static final class Flag implements Runnable {
    private final EventLoop loop;
    private final Throwable exception;
    private final String what;
    volatile boolean retrieved;

    Flag(EventLoop loop, Throwable exception, String what) {
      this.loop = loop;
      this.exception = exception;
      this.what = what;
    }

    @Override
    public void run() {
      if (retrieved) {
        return;
      }
      Map<String, Object> context = new HashMap<>();
      context.put("message", what + " exception was never retrieved");
      context.put("exception", exception);
      try {
        loop.callSoonThreadsafe(() -> loop.callExceptionHandler(context));
      } catch (IllegalStateException closed) {
        loop.defaultExceptionHandler(context);
      }
    }
  }

  static void watch(Future<?> future, Throwable exception) {
    Flag flag = new Flag(future.loop, exception, future instanceof Task ? "Task" : "Future");
    FLAGS.put(future, flag);
    CLEANER.register(future, flag);
  }

  static void retrieved(Future<?> future) {
    Flag flag = FLAGS.remove(future);
    if (flag != null) {
      flag.retrieved = true;
    }
  }
}
