package io.jasyncio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who waits for what, at one instant: asyncio 3.14's {@code capture_call_graph}, and Kotlin's
 * {@code DebugProbes}. For a future or task: its call stack (for a task, the chain of {@code
 * @Async} frames it is suspended in, innermost first, each at its original {@code File.java:line};
 * empty for a plain future) and the graphs of everything that awaits it, through {@code await},
 * {@code gather}, {@code shield}, {@code waitFor}, {@code waitFutures} and {@code TaskGroup}.
 *
 * <pre>
 * * Task(name='fetch-3')
 *   + Call stack:
 *   |   at demo.Crawler.fetch(Crawler.java:14)
 *   + Awaited by:
 *      * Future(gather)
 *         + Awaited by:
 *            * Task(name='Task-1')
 *               + Call stack:
 *               |   at demo.Crawler.crawl(Crawler.java:21)
 * </pre>
 *
 * Built only when asked for, from what the loop keeps anyway: nothing is recorded while tasks run.
 * Capture it on the loop's thread ({@link EventLoop#dumpTasks()} does so from any thread).
 *
 * @param future the future or task the graph is about
 * @param callStack its frames, innermost first (empty for a plain future or a finished task)
 * @param awaitedBy the graphs of what awaits it
 */
public record CallGraph(Future<?> future, List<StackTraceElement> callStack, List<CallGraph> awaitedBy) {

  /** Makes the lists unmodifiable. */
  public CallGraph {
    Objects.requireNonNull(future, "future");
    callStack = List.copyOf(callStack);
    awaitedBy = List.copyOf(awaitedBy);
  }

  /**
   * The graph of {@code future}: its stack and, recursively, who awaits it. A cycle (which a
   * program can build with futures) is cut where it closes.
   */
  public static CallGraph capture(Future<?> future) {
    return capture(future, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static CallGraph capture(Future<?> future, java.util.Set<Future<?>> onPath) {
    List<StackTraceElement> stack = new ArrayList<>();
    if (future instanceof Task<?> task) {
      stack.addAll(task.getStack());
      Collections.reverse(stack);
      if (task == task.loop.currentTask()) {
        runningLines(task, stack);
      }
    }
    List<CallGraph> awaitedBy = new ArrayList<>();
    if (onPath.add(future)) {
      Map<Future<?>, Boolean> seen = new IdentityHashMap<>();
      future.forEachCallback(
          entry -> {
            Future<?> awaiter = awaiterOf(entry);
            if (awaiter != null && awaiter != future && seen.put(awaiter, Boolean.TRUE) == null) {
              awaitedBy.add(capture(awaiter, onPath));
            }
          });
      onPath.remove(future);
    }
    return new CallGraph(future, stack, awaitedBy);
  }

  /**
   * The running task's frames that are on the Java stack are not at an await but at the statement
   * running now: take that line from the Java stack, through each machine's line table.
   */
  private static void runningLines(Task<?> task, List<StackTraceElement> stack) {
    StackTraceElement[] live = new Throwable().getStackTrace();
    int from = 0;
    int index = 0;
    for (Coro<?> frame = task.top; frame != null && index < stack.size(); frame = frame.$caller, index++) {
      String machine = frame.getClass().getName();
      for (int i = from; i < live.length; i++) {
        if (live[i].getClassName().equals(machine)
            && (live[i].getMethodName().equals("$resume") || live[i].getMethodName().startsWith("$s"))) {
          int line = frame.$sourceLine(live[i].getLineNumber());
          if (line > 0) {
            StackTraceElement where = stack.get(index);
            stack.set(
                index,
                new StackTraceElement(
                    where.getClassName(), where.getMethodName(), where.getFileName(), line));
          }
          from = i + 1;
          break;
        }
      }
    }
  }

  private static Future<?> awaiterOf(Object callback) {
    if (callback instanceof Task<?> task) {
      return task; // a task's wake-up: it is suspended on this future
    }
    if (callback instanceof AwaitingCallback<?> awaiting) {
      return awaiting.awaiter() instanceof Future<?> awaiter ? awaiter : null;
    }
    return null;
  }

  /** The graph as text, in the shape of asyncio's {@code format_call_graph}. */
  public String format() {
    StringBuilder text = new StringBuilder();
    format(text, "");
    return text.toString();
  }

  private void format(StringBuilder text, String indent) {
    text.append(indent).append("* ").append(describe(future)).append('\n');
    if (!callStack.isEmpty()) {
      text.append(indent).append("  + Call stack:\n");
      for (StackTraceElement frame : callStack) {
        text.append(indent).append("  |   at ").append(frame).append('\n');
      }
    }
    if (!awaitedBy.isEmpty()) {
      text.append(indent).append("  + Awaited by:\n");
      for (CallGraph graph : awaitedBy) {
        graph.format(text, indent + "     ");
      }
    }
  }

  private static String describe(Future<?> future) {
    if (future instanceof Task<?> task) {
      String state = task.isDone() ? " done" : task.cancelling() > 0 ? " cancelling" : "";
      return "Task(name='" + task.getName() + "'" + state + ")";
    }
    String kind = future instanceof Gathering<?> ? "gather" : future.getClass().getSimpleName();
    return "Future(" + kind + (future.isDone() ? ", done" : "") + ")";
  }
}
