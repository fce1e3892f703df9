package io.jasyncio.processor.behaviour;

import io.jasyncio.AsyncIO;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * What a body did: the side effects it logged, in order. Also counts the awaits of the helper
 * awaitables ("steps"), so that a run can be cancelled at the n-th await point: the async run
 * cancels its task there, the plain run throws CancelledError there.
 */
public final class Trace {
  private static final List<String> EVENTS = new ArrayList<>();
  private static int steps;
  private static int cancelAt;
  private static boolean async;

  private Trace() {}

  public static void reset(boolean asyncRun, int cancelAtStep) {
    EVENTS.clear();
    steps = 0;
    ticks = 0;
    cancelAt = cancelAtStep;
    async = asyncRun;
  }

  public static List<String> events() {
    return new ArrayList<>(EVENTS);
  }

  public static int steps() {
    return steps;
  }

  /** More events than any correct program of the corpus makes: a runaway loop. */
  private static final int LIMIT = 20_000;

  /** Thrown when a run logs or awaits more than any correct program would: it is looping. */
  public static final class Runaway extends Error {
    private static final long serialVersionUID = 1L;

    Runaway() {
      super("runaway: more than " + LIMIT + " events or steps");
    }
  }

  public static void log(Object value) {
    if (EVENTS.size() >= LIMIT) {
      throw new Runaway();
    }
    EVENTS.add(String.valueOf(value));
  }

  /** An await that does not suspend: not a step, but counted against runaway loops. */
  public static void tick() {
    if (++ticks > 50 * LIMIT) {
      throw new Runaway();
    }
  }

  private static int ticks;

  /** One await of a helper awaitable; cancels at the chosen step. */
  public static void step() {
    if (++steps > LIMIT) {
      throw new Runaway();
    }
    if (steps == cancelAt) {
      if (async) {
        Task<?> task = AsyncIO.currentTask();
        task.cancel("at step " + steps);
      } else {
        throw new CancelledError("at step " + steps);
      }
    }
  }
}
