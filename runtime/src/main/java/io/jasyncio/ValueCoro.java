package io.jasyncio;

/**
 * What {@link AsyncIO#done(Object)} returns: a coroutine that completes with a value without
 * suspending. In an {@code @Async} body, {@code return done(v)} never creates one (the processor
 * returns {@code v} directly); awaiting a {@code done(v)} elsewhere produces {@code v}.
 */
final class ValueCoro<T> extends Coro<T> {
  private final T value;

  ValueCoro(T value) {
    this.value = value;
  }

  @Override
  protected Object $resume(Object $in, Throwable $err) throws Throwable {
    if ($err != null) {
      throw $err;
    }
    return value;
  }

  @Override
  protected StackTraceElement $where() {
    return new StackTraceElement("io.jasyncio.AsyncIO", "done", null, -1);
  }
}
