package io.jasyncio.streams;

import io.jasyncio.Coro;
import io.jasyncio.Future;

/** A coroutine that awaits one future and names the stream method it stands for in traces. */
final class AwaitFuture<T> extends Coro<T> {
  private final Future<T> future;
  private final String owner;
  private final String method;

  AwaitFuture(Future<T> future, Class<?> owner, String method) {
    this.future = future;
    this.owner = owner.getName();
    this.method = method;
  }

  @Override
  protected Object $resume(Object $in, Throwable $err) throws Throwable {
    if ($err != null) {
      throw $err;
    }
    if ($label == 1) {
      return $in;
    }
    $label = 1;
    return $await(future);
  }

  @Override
  protected StackTraceElement $where() {
    return new StackTraceElement(owner, method, null, -1);
  }
}
