package io.jasyncio;

/**
 * What a thread knows about jasyncio: the loop it is running, if any, and its current context.
 * One thread-local lookup gives both.
 */
final class ThreadState {
  private static final ThreadLocal<ThreadState> CURRENT = ThreadLocal.withInitial(ThreadState::new);

  /** The loop running on this thread, or null. */
  EventLoop runningLoop;

  /**
   * The cell holding this thread's current context variables. The loop swaps its contents when it
   * switches between tasks and callbacks, so that switching allocates nothing.
   */
  final Context context = new Context(Context.EMPTY_VARS);

  static ThreadState current() {
    return CURRENT.get();
  }

  private ThreadState() {}
}
