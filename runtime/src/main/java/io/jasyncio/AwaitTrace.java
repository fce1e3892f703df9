package io.jasyncio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Shows, in an exception's own stack trace, the chain of coroutine frames it left, so that it reads
 * like Python's traceback and like the same code run as plain Java:
 *
 * <pre>
 * java.io.IOException: connection refused
 *     at demo.Crawler.connect(Crawler.java:40)      (a plain method the body called)
 *     at demo.Crawler.fetch(Crawler.java:14)        (the @Async frame that called it)
 *     at demo.Crawler.crawl(Crawler.java:21)        (the frame that awaited fetch)
 *     at io.jasyncio.Task.step(Task.java:..)        (the loop below them)
 * </pre>
 *
 * A generated frame ({@code AsyncCrawler$fetch$coro.$resume}) becomes the method it was generated
 * from, at the line of the statement that threw (or the await it was at); a frame that is not on
 * the Java stack any more (it awaited a child that suspended, and was resumed by its task) is put
 * back in its place. Nothing else of the exception changes: it is the same object, with the same
 * type, message, cause and suppressed exceptions as in plain Java. Cancellations are traced only in
 * debug mode, since they are control flow. The work is done only when an exception leaves a frame.
 */
final class AwaitTrace {
  private AwaitTrace() {}

  /** At most this many frames are put back, for a recursion a million deep. */
  static final int LIMIT = 256;

  /**
   * For each exception in flight: where its last frame is, which frame it was (by identity hash:
   * a reference would keep the frame, its task and so the exception itself from being collected),
   * how many were put.
   */
  private record Placed(int index, int frame, int count) {}

  private static final Map<Throwable, Placed> PLACED =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** Records that {@code error} left {@code frame}. */
  static void record(Coro<?> frame, Throwable error) {
    if (!frame.tracedAsFrame()) {
      return;
    }
    record(
        frame.getClass().getName(),
        frame.$where(),
        frame::$sourceLine,
        System.identityHashCode(frame),
        error);
  }

  /**
   * Records that {@code error} left a frame of the class named {@code machine}, described instead
   * of passed (see {@code Coro.$failedAt}): where it was, how its generated lines map to the
   * user's, and its identity hash, or 0 for a frame that cannot be left again.
   */
  static void record(
      String machine,
      StackTraceElement where,
      java.util.function.IntUnaryOperator sourceLine,
      int identity,
      Throwable error) {
    if (error instanceof CancelledError && !DebugMode.captureCancelTraces) {
      return;
    }
    try {
      place(machine, where, sourceLine, identity, error);
    } catch (RuntimeException | StackOverflowError broken) {
      // A trace is a courtesy: it must never replace the error it describes.
    }
  }

  private static void place(
      String machine,
      StackTraceElement where,
      java.util.function.IntUnaryOperator sourceLine,
      int identity,
      Throwable error) {
    StackTraceElement[] trace = error.getStackTrace();
    if (trace.length == 0) {
      return; // an exception without a stack trace stays without one
    }
    Placed placed = PLACED.get(error);
    if (placed != null
        && (placed.count() >= LIMIT || (identity != 0 && placed.frame() == identity))) {
      return; // enough, or the same frame again (it caught the exception and threw it on)
    }
    int from = placed == null ? 0 : placed.index() + 1;
    List<StackTraceElement> frames = new ArrayList<>(Arrays.asList(trace));
    int at = -1;
    for (int i = from; i < frames.size(); i++) {
      StackTraceElement element = frames.get(i);
      if (isStateCode(element, machine)) {
        // On the stack: the statement it was running when the exception came through.
        frames.set(i, running(sourceLine, where, element));
        // Above it, the code of lambdas and classes declared in its body: at the user's lines too.
        for (int j = i - 1; j >= from; j--) {
          StackTraceElement inner = frames.get(j);
          if (inner.getClassName().startsWith(machine + "$")
              || (inner.getClassName().equals(machine) && inner.getMethodName().startsWith("lambda$"))) {
            frames.set(j, declaredIn(sourceLine, machine, where, inner));
          }
        }
        // The plumbing between it and the frame placed before (Coro.$await) is not the user's.
        for (int j = i - 1; j >= from; j--) {
          if (isPlumbing(frames.get(j))) {
            frames.remove(j);
            i--;
          }
        }
        // Below it, the rest of the same frame (the $resume that called the method of a state of a
        // large machine) and its entry $now, that its caller called to create and run it.
        while (i + 1 < frames.size()
            && frames.get(i + 1).getClassName().equals(machine)
            && (isStateCode(frames.get(i + 1), machine)
                || frames.get(i + 1).getMethodName().equals("$now"))) {
          frames.remove(i + 1);
        }
        at = i;
        break;
      }
    }
    if (at < 0) {
      // Resumed by its task after a suspension: it goes right after the frame it awaited.
      at = placed == null ? firstRuntimeFrame(frames) : placed.index() + 1;
      frames.add(Math.min(at, frames.size()), where);
    }
    error.setStackTrace(frames.toArray(new StackTraceElement[0]));
    PLACED.put(error, new Placed(at, identity, placed == null ? 1 : placed.count() + 1));
  }

  /** The index of {@code frame}'s {@code $resume} in {@code trace} from {@code from}, or -1. */
  static int resumeOf(Coro<?> frame, StackTraceElement[] trace, int from) {
    String machine = frame.getClass().getName();
    for (int i = from; i < trace.length; i++) {
      if (isStateCode(trace[i], machine)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@code where} (the frame's method) at the user's line of {@code resume}, a {@code $resume}
   * element of the frame on a Java stack: where its code was running then.
   */
  static StackTraceElement running(Coro<?> frame, StackTraceElement where, StackTraceElement resume) {
    return running(frame::$sourceLine, where, resume);
  }

  private static StackTraceElement running(
      java.util.function.IntUnaryOperator sourceLine, StackTraceElement where, StackTraceElement resume) {
    int line = sourceLine.applyAsInt(resume.getLineNumber());
    return at(where, line > 0 ? line : where.getLineNumber());
  }

  /**
   * A frame of a lambda or a class declared in the body of the machine's method: named in the
   * user's class ({@code t.Crawler$1.apply} for {@code t.AsyncCrawler$fetch$coro$1.apply}), at the
   * user's line.
   */
  private static StackTraceElement declaredIn(
      java.util.function.IntUnaryOperator sourceLine,
      String machine,
      StackTraceElement where,
      StackTraceElement inner) {
    int line = sourceLine.applyAsInt(inner.getLineNumber());
    return new StackTraceElement(
        where.getClassName() + inner.getClassName().substring(machine.length()),
        inner.getMethodName(),
        where.getFileName(),
        line > 0 ? line : inner.getLineNumber());
  }

  private static StackTraceElement at(StackTraceElement where, int line) {
    return new StackTraceElement(where.getClassName(), where.getMethodName(), where.getFileName(), line);
  }

  /**
   * Whether {@code element} runs the states of the machine class {@code machine}: its {@code
   * $resume}, or for a machine split into a method per state (a large one), one of those ({@code
   * $s12}).
   */
  private static boolean isStateCode(StackTraceElement element, String machine) {
    if (!element.getClassName().equals(machine)) {
      return false;
    }
    String method = element.getMethodName();
    return method.equals("$resume")
        || (method.length() > 2 && method.startsWith("$s") && method.substring(2).chars().allMatch(Character::isDigit));
  }

  private static boolean isPlumbing(StackTraceElement element) {
    return element.getClassName().equals(Coro.class.getName()) && element.getMethodName().equals("$await");
  }

  /** Where the loop's own frames start: a frame put back above them is in its place. */
  private static int firstRuntimeFrame(List<StackTraceElement> frames) {
    for (int i = 0; i < frames.size(); i++) {
      String type = frames.get(i).getClassName();
      if (type.equals(Task.class.getName()) || type.equals(EventLoop.class.getName())) {
        return i;
      }
    }
    return frames.size();
  }
}
