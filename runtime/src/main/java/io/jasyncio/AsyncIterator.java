package io.jasyncio;

/**
 * A source of elements that may have to wait for each: Python's asynchronous iterator
 * ({@code __anext__}, {@code aclose}).
 *
 * <p>The loop {@code for (T x : awaitEach(source))} in an {@code @Async} body awaits {@link
 * #nextOrEnd()} before each pass and stops at {@link #END}; when it is left any other way ({@code
 * break}, {@code return}, a labeled jump out, an exception, cancellation of the task) it awaits
 * {@link #aclose()} before going on, so the source's cleanup ({@code finally} blocks of a
 * generator, the cancellation of a subscription) has run by the time the code after the loop runs.
 *
 * <p>Implementations need not be thread-safe: an iterator belongs to the loop of the tasks that
 * iterate it, and only one step runs at a time.
 *
 * @param <T> the type of the elements
 */
public interface AsyncIterator<T> extends AsyncIterable<T> {

  /** What {@link #nextOrEnd()} produces when there are no more elements. */
  Object END =
      new Object() {
        @Override
        public String toString() {
          return "END";
        }
      };

  /**
   * The next element, or {@link #END} when the iteration is over. An element may be {@code null}.
   * Awaiting it after the end produces {@link #END} again. A failure of the source arrives as the
   * exception of the await.
   */
  Awaitable<?> nextOrEnd();

  /**
   * Python's {@code __anext__}: the next element, or a {@link StopAsyncIteration} at the end.
   * The default adapts {@link #nextOrEnd()}.
   */
  @SuppressWarnings("unchecked")
  default Awaitable<T> anext() {
    return (Awaitable<T>) new NextOrStop(nextOrEnd());
  }

  /**
   * Ends the iteration early and releases what the source holds. Closing twice, or after the end,
   * does nothing. The default does nothing.
   */
  default Awaitable<Void> aclose() {
    return AsyncIO.done();
  }

  /** An iterator is iterable once: itself. */
  @Override
  default AsyncIterator<T> aiter() {
    return this;
  }
}
