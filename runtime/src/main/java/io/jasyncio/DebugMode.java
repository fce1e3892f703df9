package io.jasyncio;

/**
 * Process-wide switches for debug mode (DESIGN §4.4). A loop turns debug on for itself with {@link
 * EventLoop#setDebug}; the checks that cannot know their loop (a coroutine object being created, a
 * cancellation being made) read these flags, which go on once any loop enables debug and stay on.
 */
final class DebugMode {
  /**
   * {@code -Djasyncio.debug=true}, or the environment variable {@code JASYNCIO_DEBUG} set to a
   * non-empty string (as Python's {@code PYTHONASYNCIODEBUG}), turns debug mode on for every loop.
   */
  static final boolean DEFAULT = Boolean.getBoolean("jasyncio.debug") || fromEnvironment();

  private static boolean fromEnvironment() {
    String value = System.getenv("JASYNCIO_DEBUG");
    return value != null && !value.isEmpty();
  }

  /** Whether new {@link CancelledError}s record a stack trace. */
  static volatile boolean captureCancelTraces = DEFAULT;

  /**
   * Whether new coroutines are watched for "never awaited". Not volatile: it is read each time a
   * coroutine is made and awaited, in the middle of the loops the JIT optimizes most (an await of a
   * child that completes at once), where a volatile read would keep it from keeping anything in
   * registers. A loop sees it once it starts (loops enable debug before they run, and starting the
   * loop thread publishes it); code already running when another loop turns debug on may go on a
   * while without watching, which only delays a debug report.
   */
  static boolean trackCoroutines = DEFAULT;

  private DebugMode() {}

  static void enable() {
    captureCancelTraces = true;
    trackCoroutines = true;
  }
}
