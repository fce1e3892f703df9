package io.jasyncio;

/**
 * A resource for Python's {@code async with}: in an {@code @Async} body, a try-with-resources
 * statement whose resource type implements this interface awaits {@link #aenter()} on entry and
 * {@link #aexit(Throwable)} on exit.
 *
 * <pre>{@code
 * try (TaskGroup tg = new TaskGroup()) { ... }      // exit waits for the group's tasks
 * try (Timeout t = timeout(1.0)) { ... }            // exit turns its cancellation into TimeoutError
 * }</pre>
 *
 * <p>{@code aexit} receives the exception in flight, or {@code null} when the block completed
 * normally (or by {@code return}, {@code break} or {@code continue}). It may throw a replacement
 * (which then propagates instead), or complete with {@code true} to suppress the exception in
 * flight, exactly like {@code __aexit__}. Several resources are entered left to right and exited
 * in reverse order.
 *
 * <p>These types implement {@link AutoCloseable} only so that the original, untransformed body
 * compiles; calling {@link #close()} from plain code throws.
 */
public interface AsyncContext extends AutoCloseable {

  /** Python's {@code __aenter__}: awaited when the try block is entered. */
  Awaitable<?> aenter();

  /**
   * Python's {@code __aexit__}: awaited when the try block is left.
   *
   * @param inFlight the exception leaving the block, or {@code null}
   * @return an awaitable completing with {@code true} to suppress {@code inFlight}
   */
  Awaitable<Boolean> aexit(Throwable inFlight);

  /**
   * Always throws: an async context is entered and exited by awaiting, which only the state
   * machine of an {@code @Async} method can do.
   */
  @Override
  default void close() {
    throw new IllegalStateException(
        getClass().getSimpleName()
            + " is an async context: use it in a try-with-resources statement inside an @Async"
            + " method, where leaving the block awaits aexit()");
  }
}
