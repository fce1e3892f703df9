package io.jasyncio;

/**
 * A callback scheduled on an {@link EventLoop} by {@link EventLoop#callSoon} or {@link
 * EventLoop#callSoonThreadsafe}: it runs once, in the next loop iteration that begins after it was
 * scheduled, unless it is cancelled first. Not thread-safe: cancel it from its loop's thread.
 */
public class Handle {
  final EventLoop loop;
  private final Runnable callback;
  /**
   * The context to run in: an immutable variable table (a snapshot taken when the callback was
   * scheduled) or a {@link Context} given explicitly, whose changes the callback keeps.
   */
  final Object context;

  boolean cancelled;

  Handle(EventLoop loop, Runnable callback, Object context) {
    this.loop = loop;
    this.callback = callback;
    this.context = context;
  }

  /** Prevents the callback from running, if it has not run yet. Calling it again does nothing. */
  public void cancel() {
    cancelled = true;
  }

  /** Whether {@link #cancel()} was called. */
  public final boolean isCancelled() {
    return cancelled;
  }

  /** Runs the callback itself; the loop handles context, errors and timing around it. */
  void invoke() {
    callback.run();
  }

  /** What runs, for logs: the callback's own description. */
  Object target() {
    return callback;
  }

  @Override
  public String toString() {
    return "<Handle " + (cancelled ? "cancelled " : "") + target() + ">";
  }
}
