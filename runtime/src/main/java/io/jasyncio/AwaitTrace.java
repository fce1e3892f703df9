package io.jasyncio;

import java.util.ArrayList;
import java.util.List;

/**
 * The chain of coroutine frames an exception passed through on its way out, attached to it as a
 * suppressed exception so that a stack trace reads like Python's traceback:
 *
 * <pre>
 * java.io.IOException: connection refused
 *     at ... (where it was thrown)
 *     Suppressed: io.jasyncio.AwaitTrace: awaited by
 *         at demo.Crawler.fetch(Crawler.java:14)
 *         at demo.Crawler.crawl(Crawler.java:21)
 * </pre>
 *
 * Innermost frame first, each at its original source line. The exception object itself is not
 * replaced or wrapped. Cancellations are traced only in debug mode, since they are control flow.
 * Recording happens only on the failure path; at most {@value #LIMIT} frames are listed.
 */
public final class AwaitTrace extends Throwable {
  private static final long serialVersionUID = 1L;
  static final int LIMIT = 256;

  private final transient List<StackTraceElement> frames = new ArrayList<>();
  private int omitted;

  private AwaitTrace() {
    super("awaited by", null, false, true);
  }

  /** Records that {@code error} left {@code frame}. */
  static void record(Coro<?> frame, Throwable error) {
    if (error instanceof CancelledError && !DebugMode.captureCancelTraces) {
      return;
    }
    try {
      recordFrame(frame, error);
    } catch (RuntimeException | StackOverflowError broken) {
      // A trace is a courtesy: it must never replace the error it describes.
    }
  }

  private static void recordFrame(Coro<?> frame, Throwable error) {
    AwaitTrace trace = of(error);
    StackTraceElement where = frame.$where();
    if (trace == null) {
      trace = new AwaitTrace();
      error.addSuppressed(trace);
      if (of(error) != trace) {
        return; // the exception does not accept suppressed exceptions
      }
      where = origin(frame, error, where);
    }
    trace.add(where);
  }

  /** In the frame the error came from: the original line it was thrown at, when known. */
  private static StackTraceElement origin(Coro<?> frame, Throwable error, StackTraceElement where) {
    String machine = frame.getClass().getName();
    for (StackTraceElement element : error.getStackTrace()) {
      if (element.getClassName().equals(machine) && element.getMethodName().equals("$resume")) {
        int line = frame.$sourceLine(element.getLineNumber());
        if (line > 0) {
          return new StackTraceElement(
              where.getClassName(), where.getMethodName(), where.getFileName(), line);
        }
        break;
      }
    }
    return where;
  }

  /** The await trace attached to {@code error}, or null. */
  public static AwaitTrace of(Throwable error) {
    for (Throwable suppressed : error.getSuppressed()) {
      if (suppressed instanceof AwaitTrace trace) {
        return trace;
      }
    }
    return null;
  }

  /** The frames, innermost first. */
  public List<StackTraceElement> frames() {
    return List.copyOf(frames);
  }

  private void add(StackTraceElement where) {
    if (frames.size() >= LIMIT) {
      omitted++;
      return;
    }
    frames.add(where);
    super.setStackTrace(frames.toArray(new StackTraceElement[0]));
  }

  @Override
  public String getMessage() {
    return omitted == 0 ? "awaited by" : "awaited by (" + omitted + " more frames not shown)";
  }
}
