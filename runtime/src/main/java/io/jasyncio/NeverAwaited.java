package io.jasyncio;

import java.lang.ref.Cleaner;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Debug mode's "coroutine ... was never awaited": every coroutine created while tracking is on is
 * watched until it is bound to a task; one collected before that is reported.
 */
final class NeverAwaited {
  private static final Cleaner CLEANER = Cleaner.create();
  private static final Map<Coro<?>, Flag> FLAGS = Collections.synchronizedMap(new WeakHashMap<>());

  private NeverAwaited() {}

  private static final class Flag implements Runnable {
    private final String description;
    volatile boolean awaited;

    Flag(String description) {
      this.description = description;
    }

    @Override
    public void run() {
      if (!awaited) {
        EventLoop.LOGGER.log(
            System.Logger.Level.WARNING, "coroutine " + description + " was never awaited");
      }
    }
  }

  static void watch(Coro<?> coro) {
    Flag flag = new Flag(coro.getClass().getName());
    FLAGS.put(coro, flag);
    CLEANER.register(coro, flag);
  }

  static void awaited(Coro<?> coro) {
    Flag flag = FLAGS.remove(coro);
    if (flag != null) {
      flag.awaited = true;
    }
  }
}
