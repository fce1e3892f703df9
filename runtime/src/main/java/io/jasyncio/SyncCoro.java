package io.jasyncio;

/**
 * A coroutine whose whole body is one synchronous action, run in the awaiting task when it is
 * awaited (never at creation). Async-context entries and exits that need no suspension use it, so
 * that their checks and effects happen at the await point, inside the task, as in Python.
 */
final class SyncCoro<T> extends Coro<T> {

  /** The action; it receives the task that awaits. */
  @FunctionalInterface
  interface Body<T> {
    T run(Task<?> task) throws Throwable;
  }

  private final String owner;
  private final String method;
  private final Body<T> body;

  SyncCoro(String owner, String method, Body<T> body) {
    this.owner = owner;
    this.method = method;
    this.body = body;
  }

  @Override
  protected Object $resume(Object $in, Throwable $err) throws Throwable {
    if ($err != null) {
      throw $err;
    }
    return body.run($task);
  }

  @Override
  protected StackTraceElement $where() {
    return new StackTraceElement(owner, method, null, -1);
  }
}
