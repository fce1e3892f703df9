package io.jasyncio;

/**
 * {@code sleep(0)}: gives up the loop for exactly one iteration (Python's bare {@code yield}) and
 * then completes with its result. No future and no timer are involved.
 */
final class YieldCoro<T> extends Coro<T> {
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
