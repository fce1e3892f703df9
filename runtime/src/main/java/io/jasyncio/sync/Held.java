package io.jasyncio.sync;

/**
 * What {@link Lock#acquire()} and {@link Semaphore#acquire()} complete with: a handle whose {@link
 * #close()} releases what was acquired, at once and without yielding. It makes the usual pattern a
 * plain try-with-resources:
 *
 * <pre>{@code
 * try (Held held = await(lock.acquire())) {
 *   ...                      // the lock is held here, across awaits
 * }                          // released here, however the block is left
 * }</pre>
 *
 * Closing it twice releases twice, exactly like calling {@code release()} twice.
 */
@FunctionalInterface
public interface Held extends AutoCloseable {

  /** Releases what was acquired; never yields. */
  @Override
  void close();
}
