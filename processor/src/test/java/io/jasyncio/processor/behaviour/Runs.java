package io.jasyncio.processor.behaviour;

import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

/** Runs one body, async on a fresh loop or as plain Java, and records what happened. */
final class Runs {
  private Runs() {}

  /** What a run produced: its result or exception, its trace, and what it left on the loop. */
  record Outcome(
      String result, List<String> events, int steps, int leftovers, List<StackTraceElement> frames) {
    /**
     * The result and the trace, without what differs between the two builds of a program only by
     * construction: their package ({@code gen}, {@code plain}) and class loaders' identities.
     */
    String comparable() {
      // (Not from a word's start: "str" + a lambda gives "strplain.World$Bodies$$Lambda..".)
      // Each pattern only where its text occurs: a program that doubles a string makes an outcome
      // of many megabytes, and a regex tried at each of its positions, for each cancelled run,
      // stalled a batch for minutes (seed 419, programs 2,200 to 2,400).
      String text = result + " " + events;
      if (text.contains("plain.") || text.contains("gen.")) {
        text = text.replaceAll("(plain|gen)\\.(?=(Async)?World)", "");
      }
      if (text.contains("World")) {
        // A local class's name: the plain build's World$Bodies$1Loc, the async one's member of
        // the machine, AsyncWorld_Bodies$b_7$coro$Loc (or Loc$1, renamed; or $coro$1Loc, a local
        // class of $resume where it is not kept across an await), as a default
        // toString() shows it: named for what it is, as the README says of reflection.
        text =
            text.replaceAll("\\bWorld\\$Bodies\\$\\d+([A-Za-z_]\\w*)", "local $1")
                .replaceAll("\\bAsyncWorld_Bodies\\$[bg]_\\d+(?:_\\d+)?\\$coro\\$\\d*([A-Za-z_]\\w*?)(?:\\$\\d+)?(?![\\w$])", "local $1");
      }
      if (text.contains("$$Lambda")) {
        // A lambda's class is named by the class that declares it: the user's, or the machine.
        // (Matched from a word's start only: from every position, a long word, as a program that
        // doubles a string makes, took time quadratic in its length, and a run stopped on it.)
        // (JDK 17 numbers them, World$Bodies$$Lambda$123/0x..; JDK 21 and later do not.)
        text = text.replaceAll("\\b[\\w$]*\\$\\$Lambda[$/\\w]*", "Lambda");
      }
      if (text.contains("\" is null")) {
        // A NullPointerException's message as the JVM makes it up names the expression that was
        // null as the bytecode computes it: this.cell.b in the plain build, this.$self.cell.b in
        // the machine (the long run, seed 411, program 477997, a caught one printed whole).
        text = text.replaceAll("because (the return value of )?\"[^\"\n]*\" is null", "because .. is null");
      }
      return text.indexOf('@') < 0 ? text : text.replaceAll("@[0-9a-f]{4,}", "@");
    }
  }

  /** A new instance of a world's Bodies: made on a new World when Bodies is an inner class. */
  static Object newBodies(Class<?> type) throws ReflectiveOperationException {
    java.lang.reflect.Constructor<?> constructor = type.getConstructors()[0];
    return constructor.getParameterCount() == 0
        ? constructor.newInstance()
        : constructor.newInstance(constructor.getParameterTypes()[0].getConstructor().newInstance());
  }

  static Outcome async(Class<?> type, String method, int cancelAt) {
    Trace.reset(true, cancelAt);
    EventLoop loop = new EventLoop();
    String result;
    int leftovers;
    List<StackTraceElement> frames = List.of();
    try {
      Object instance = newBodies(type);
      java.lang.reflect.Method m = type.getDeclaredMethod(method, int.class);
      m.setAccessible(true);
      Coro<?> coro;
      try {
        coro = (Coro<?>) m.invoke(instance, 3);
      } catch (java.lang.reflect.InvocationTargetException thrown) {
        // Thrown by the call itself (a stub the processor left for a body it took for wrong):
        // an outcome to compare, not the end of the run.
        return new Outcome(
            "! " + describe(thrown.getCause()), Trace.events(), Trace.steps(), 0, worldFrames(thrown.getCause()));
      }
      // A program that never finishes (a transform bug) is stopped and reported, not waited for.
      io.jasyncio.TimerHandle watchdog = loop.callLater(20, loop::stop);
      try {
        result = "= " + loop.runUntilComplete(coro);
      } catch (Throwable e) {
        result = "! " + describe(e);
        frames = worldFrames(e);
      }
      watchdog.cancel();
      leftovers = loop.allTasks().size() + loop.pendingCallbacks() + openGenerators(loop);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    } finally {
      loop.close();
    }
    return new Outcome(result, Trace.events(), Trace.steps(), leftovers, frames);
  }

  /** Generators started on the loop and neither finished nor closed: a loop left them open. */
  private static int openGenerators(EventLoop loop) {
    try {
      java.lang.reflect.Method open = EventLoop.class.getDeclaredMethod("asyncGenerators");
      open.setAccessible(true);
      return ((java.util.Set<?>) open.invoke(loop)).size();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  static Outcome plain(Class<?> type, String method, int cancelAt) {
    Trace.reset(false, cancelAt);
    String result;
    List<StackTraceElement> frames = List.of();
    try {
      Object instance = newBodies(type);
      java.lang.reflect.Method m = type.getDeclaredMethod(method, int.class);
      m.setAccessible(true);
      io.jasyncio.processor.behaviour.plain.Coro<?> coro =
          (io.jasyncio.processor.behaviour.plain.Coro<?>) m.invoke(instance, 3);
      result = "= " + coro.run();
    } catch (InvocationTargetException e) {
      result = "! " + describe(e.getCause());
      frames = worldFrames(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    } catch (Throwable e) {
      result = "! " + describe(e);
      frames = worldFrames(e);
    }
    // What a plain run leaves open: generators that ignored their close, as an async run does.
    return new Outcome(result, Trace.events(), Trace.steps(), Trace.openGenerators(), frames);
  }

  /**
   * The frames of the program's own methods in {@code e}'s stack trace, innermost first: those of
   * the classes of {@code World} (the generated classes and a plain run's lambdas left out). A
   * cancellation's trace is not rewritten (it is control flow), so it has none to compare.
   */
  static List<StackTraceElement> worldFrames(Throwable e) {
    if (e instanceof io.jasyncio.CancelledError) {
      return List.of();
    }
    List<StackTraceElement> frames = new java.util.ArrayList<>();
    for (StackTraceElement element : e.getStackTrace()) {
      String type = element.getClassName();
      if ((type.startsWith("gen.World") || type.startsWith("plain.World"))
          && !element.getMethodName().startsWith("lambda$")) {
        frames.add(element);
      }
    }
    return frames;
  }

  /**
   * The exception's type and message. A NullPointerException's message is left out: the JVM
   * describes the code that failed ("because \"<local4>\" is null"), and the generated code is
   * shaped differently from the original even where it fails at the same point.
   */
  static String describe(Throwable e) {
    String text =
        e instanceof NullPointerException
            ? "NullPointerException"
            : e.getClass().getSimpleName() + ": " + e.getMessage();
    // What plain Java attaches to an exception must be all that is attached to it.
    for (Throwable suppressed : e.getSuppressed()) {
      text += " (suppressed " + describe(suppressed) + ")";
    }
    if (e.getCause() != null && e.getCause() != e) {
      text += " (cause " + e.getCause().getClass().getSimpleName() + ")";
    }
    return text;
  }
}
