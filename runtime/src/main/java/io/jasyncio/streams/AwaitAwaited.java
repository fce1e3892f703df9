package io.jasyncio.streams;

import io.jasyncio.Coro;
import io.jasyncio.Future;

/**
 * Awaits a coroutine that yields a future, then that future: a step that must finish later than
 * the coroutine that starts it (a TLS connection is ready after its handshake, not its connect).
 *
 * <p>States: 0 start; 1 waiting for the coroutine; 2 waiting for its future.
 */
final class AwaitAwaited<T> extends Coro<T> {
  private final Coro<Future<T>> first;
  private final String method;

  AwaitAwaited(Coro<Future<T>> first, String method) {
    this.first = first;
    this.method = method;
  }

  @Override
  @SuppressWarnings("unchecked")
  protected Object $resume(Object $in, Throwable $err) throws Throwable {
    if ($err != null) {
      throw $err;
    }
    switch ($label) {
      case 0:
        $label = 1;
        $in = $await(first);
        if ($in == $SUSPEND) {
          return $SUSPEND;
        }
        // fall through
      case 1:
        $label = 2;
        $in = $await((Future<T>) $in);
        if ($in == $SUSPEND) {
          return $SUSPEND;
        }
        // fall through
      default:
        return $in;
    }
  }

  @Override
  protected StackTraceElement $where() {
    return new StackTraceElement(Streams.class.getName(), method, null, -1);
  }
}
