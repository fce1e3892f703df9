package io.jasyncio;

/**
 * The operation was cancelled: thrown into a coroutine at the await point where it was suspended
 * when its task was cancelled, and thrown by {@link Future#result()} of a cancelled future.
 *
 * <p>It extends {@link Error}, not {@link Exception}, for the reason Python made it a
 * {@code BaseException}: a {@code catch (Exception e)} written to handle failures must not swallow
 * a cancellation by accident. Catch it by name when you mean to; let it propagate otherwise
 * ({@code finally} blocks run, and may await).
 *
 * <p>The message is the one given to {@link Future#cancel(String)}, or {@code null}. The stack
 * trace is not filled in unless debug mode is on ({@code -Djasyncio.debug=true} or {@link
 * AsyncIO#run(Coro, boolean)}): cancellation is control flow and happens often (every timeout),
 * so it is kept cheap; the await chain it crossed is in {@link Task#getStack()} and in the
 * "awaited by" trace of debug mode.
 */
public class CancelledError extends Error {
  private static final long serialVersionUID = 1L;

  /** A cancellation without a message. */
  public CancelledError() {
    this(null);
  }

  /** A cancellation carrying {@code message}, as given to {@code cancel(message)}. */
  public CancelledError(String message) {
    super(message, null, true, DebugMode.captureCancelTraces);
  }
}
