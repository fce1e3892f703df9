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

  /** Whether new coroutines are watched for "never awaited". */
  static volatile boolean trackCoroutines = DEFAULT;

  private DebugMode() {}

  static void enable() {
    captureCancelTraces = true;
    trackCoroutines = true;
  }
}
