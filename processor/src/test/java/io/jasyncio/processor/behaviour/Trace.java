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
  /** One run's record; each thread runs its own programs (large runs use every core). */
  private static final class State {
    final List<String> events = new ArrayList<>();
    int steps;
    int ticks;
    int cancelAt;
    boolean async;
    /** Plain generators started and not finished (a generator that ignored its close stays so). */
    int openGenerators;
  }

  private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

  private Trace() {}

  public static void reset(boolean asyncRun, int cancelAtStep) {
    State s = new State();
    s.cancelAt = cancelAtStep;
    s.async = asyncRun;
    STATE.set(s);
  }

  /** This thread's record, to be shared with a plain generator's thread ({@link #adopt}). */
  public static Object current() {
    return STATE.get();
  }

  /** Makes this thread log into {@code record}, another thread's {@link #current()}. */
  public static void adopt(Object record) {
    STATE.set((State) record);
  }

  /** A plain generator's body started ({@code +1}) or finished ({@code -1}). */
  public static void generatorOpen(int change) {
    STATE.get().openGenerators += change;
  }

  public static int openGenerators() {
    return STATE.get().openGenerators;
  }

  public static List<String> events() {
    return new ArrayList<>(STATE.get().events);
  }

  public static int steps() {
    return STATE.get().steps;
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

  /** A value as a log line shows it: arrays by their content, not their identity. */
  public static String show(Object value) {
    if (value instanceof int[] ints) {
      return java.util.Arrays.toString(ints);
    }
    if (value instanceof Object[] objects) {
      return java.util.Arrays.deepToString(objects);
    }
    return String.valueOf(value);
  }

  public static void log(Object value) {
    State s = STATE.get();
    if (s.events.size() >= LIMIT) {
      throw new Runaway();
    }
    s.events.add(String.valueOf(value));
  }

  /** An await that does not suspend: not a step, but counted against runaway loops. */
  public static void tick() {
    if (++STATE.get().ticks > 50 * LIMIT) {
      throw new Runaway();
    }
  }

  /** One await of a helper awaitable; cancels at the chosen step. */
  public static void step() {
    State s = STATE.get();
    if (++s.steps > LIMIT) {
      throw new Runaway();
    }
    if (s.steps == s.cancelAt) {
      if (s.async) {
        Task<?> task = AsyncIO.currentTask();
        task.cancel("at step " + s.steps);
      } else {
        throw new CancelledError("at step " + s.steps);
      }
    }
  }
}
