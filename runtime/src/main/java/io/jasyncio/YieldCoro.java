package io.jasyncio;

/**
 * {@code sleep(0)}: gives up the loop for exactly one iteration (Python's bare {@code yield}) and
 * then completes with its result. No future and no timer are involved.
 *
 * <p>{@code sleep(0)} without a result returns the shared {@link #BARE} instance, which is never
 * bound to a task: awaiting it suspends the <em>awaiting</em> frame for one iteration (see {@code
 * Coro.$await}), so the most common way to yield allocates nothing. Anywhere it would have to
 * become a frame of its own (a task's root, a gather), a fresh instance takes its place.
 */
final class YieldCoro<T> extends Coro<T> {
  static final YieldCoro<Void> BARE = new YieldCoro<>(null);

  private final T result;

  YieldCoro(T result) {
    this.result = result;
  }

  @Override
  protected Object $resume(Object $in, Throwable $err) throws Throwable {
    if ($err != null) {
      throw $err;
    }
    if ($label == 0) {
      $label = 1;
      $task.yieldOnce(this);
      return $SUSPEND;
    }
    return result;
  }

  @Override
  protected StackTraceElement $where() {
    return new StackTraceElement("io.jasyncio.AsyncIO", "sleep", null, -1);
  }
}
