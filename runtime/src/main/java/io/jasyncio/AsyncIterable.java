package io.jasyncio;

/**
 * Something an {@code @Async} body can iterate with {@code for (T x : awaitEach(iterable))}:
 * Python's {@code __aiter__}. Each call of {@link #aiter()} starts an iteration (for an {@link
 * AsyncGenerator}, which is its own iterator, the one iteration there is).
 *
 * @param <T> the type of the elements
 */
@FunctionalInterface
public interface AsyncIterable<T> {
  /** An iterator over the elements, positioned before the first. */
  AsyncIterator<T> aiter();
}
