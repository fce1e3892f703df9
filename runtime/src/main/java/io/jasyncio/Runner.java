package io.jasyncio;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * asyncio's {@code Runner}: owns one event loop and runs coroutines on it, one {@link #run} call
 * after another, so that they can share loop-bound objects (a connection pool, a queue). {@link
 * AsyncIO#run} is a runner used once.
 *
 * <pre>{@code
 * try (Runner runner = new Runner()) {
 *   runner.run(connect());
 *   runner.run(serveForAWhile());
 * }
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 *
 * <table>
 *   <caption>Runner states</caption>
 *   <tr><th>State</th><th>{@link #run}</th><th>{@link #getLoop()}</th><th>{@link #close()}</th></tr>
 *   <tr><td>new</td><td>makes the loop, then runs</td><td>makes the loop</td>
 *       <td>closed, no loop made</td></tr>
 *   <tr><td>has a loop</td><td>runs</td><td>the loop</td><td>cleans up, closes the loop</td></tr>
 *   <tr><td>closed</td><td colspan="2">throw "Runner is closed"</td><td>nothing</td></tr>
 * </table>
 *
 * <p>Cleanup on {@link #close()} is {@code AsyncIO.run}'s: every task still pending is cancelled
 * and the loop runs until they have finished (their {@code finally} blocks may await); failures
 * they end with are reported to the exception handler; the default executor is shut down, waiting
 * for running jobs; the loop is closed, which reports failed tasks whose exception nobody read.
 *
 * <p>Not thread-safe: use a runner from one thread.
 */
public final class Runner implements AutoCloseable {
  private final Boolean debug;
  private final Supplier<EventLoop> loopFactory;
  private EventLoop loop;
  private boolean closed;

  /** A runner whose loop is made on first use, with debug mode as {@code -Djasyncio.debug}. */
  public Runner() {
    this(null, null);
  }

  /**
   * A runner whose loop {@code loopFactory} makes on first use ({@code null}: {@link
   * AsyncIO#newEventLoop()}), with debug mode {@code debug} ({@code null}: left as the loop has it,
   * which follows {@code -Djasyncio.debug}). For virtual time: {@code new Runner(null,
   * EventLoop::withVirtualTime)}.
   */
  public Runner(Boolean debug, Supplier<EventLoop> loopFactory) {
    this.debug = debug;
    this.loopFactory = loopFactory;
  }

  /** A runner on a {@linkplain EventLoop#withVirtualTime() virtual-time} loop. */
  public static Runner withVirtualTime() {
    return new Runner(null, EventLoop::withVirtualTime);
  }

  /**
   * Runs {@code coro} as a task of this runner's loop, in a copy of the current context, until it
   * is done, and returns its result or throws its exception unchanged. Tasks it leaves pending stay
   * pending until the next {@code run} or {@link #close()}.
   *
   * @throws IllegalStateException "Runner.run() cannot be called from a running event loop", or
   *     "Runner is closed"
   */
  public <T> T run(Coro<T> coro) {
    return run(coro, null);
  }

  /** {@link #run(Coro)} with the task running in {@code context} itself. */
  public <T> T run(Coro<T> coro, Context context) {
    if (EventLoop.runningLoopOrNull() != null) {
      throw new IllegalStateException("Runner.run() cannot be called from a running event loop");
    }
    if (coro == null) {
      throw new IllegalArgumentException("a coroutine was expected, got null");
    }
    EventLoop loop = getLoop();
    try {
      Task<T> task = loop.createTask(coro, null, context);
      return loop.runUntil(task);
    } finally {
      loop.reassertInterrupt();
    }
  }

  /**
   * This runner's loop, made now if it was not yet.
   *
   * @throws IllegalStateException "Runner is closed"
   */
  public EventLoop getLoop() {
    if (closed) {
      throw new IllegalStateException("Runner is closed");
    }
    if (loop == null) {
      EventLoop made = loopFactory == null ? new EventLoop() : loopFactory.get();
      Objects.requireNonNull(made, "the loop factory returned null");
      if (debug != null) {
        made.setDebug(debug);
      }
      loop = made;
    }
    return loop;
  }

  /** Cleans up and closes the loop, as described above. Closing twice does nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    EventLoop loop = this.loop;
    if (loop == null || loop.isClosed()) {
      return;
    }
    shutDown(loop);
  }

  /**
   * The cleanup of {@link #close()} for any loop that is not running: cancels what is left, shuts
   * the default executor down, closes the loop. Also used by {@link EventLoopGroup} on each of its
   * threads.
   */
  static void shutDown(EventLoop loop) {
    try {
      cancelAllTasks(loop);
      AsyncGenerator.shutDown(loop);
      loop.runUntil(loop.shutdownDefaultExecutor());
    } finally {
      loop.close();
      loop.reassertInterrupt();
    }
  }

  private static void cancelAllTasks(EventLoop loop) {
    Set<Task<?>> pending = loop.allTasks();
    if (pending.isEmpty()) {
      return;
    }
    for (Task<?> task : pending) {
      task.cancel();
    }
    loop.runUntil(Gathering.of(pending, true));
    for (Task<?> task : pending) {
      if (!task.isCancelled() && task.exception() != null) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", "unhandled exception during AsyncIO.run() shutdown");
        context.put("exception", task.exception());
        context.put("task", task);
        loop.callExceptionHandler(context);
      }
    }
  }
}
