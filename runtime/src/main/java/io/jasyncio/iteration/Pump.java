package io.jasyncio.iteration;

import io.jasyncio.AsyncIterator;
import io.jasyncio.Awaitable;
import io.jasyncio.CancelledError;
import io.jasyncio.Coro;

/**
 * The body of a task that drains an iterator into something else (a queue, a subscriber): awaits
 * each element, then what {@link #deliver} returns for it. The iterator is closed on every way
 * out but its end: its failure, cancellation while waiting for it or while delivering, a failed
 * delivery.
 */
abstract class Pump extends Coro<Void> {
  private final AsyncIterator<?> source;
  private Throwable failure;

  Pump(AsyncIterator<?> source) {
    this.source = source;
  }

  /** What to await to hand {@code element} on. */
  abstract Awaitable<?> deliver(Object element) throws Throwable;

  /** The source ended (null) or failed. Not called when the pump is cancelled. */
  abstract void ended(Throwable failure);

  // States: 0 start; 1 an element (or the source's failure) arrived; 2 a delivery ended; 3 the
  // close after a failure (of the source, or of a delivery) ended. Each state picks what to await
  // next.
  @Override
  protected Object $resume(Object in, Throwable err) throws Throwable {
    for (; ; ) {
      Awaitable<?> next;
      switch ($label) {
        case 0:
          if (err != null) {
            throw err;
          }
          next = source.nextOrEnd();
          $label = 1;
          break;
        case 1:
          if (err != null) {
            if (!(err instanceof CancelledError)) {
              ended(err);
            }
            // A generator that failed or was cancelled inside is finished already, and closing it
            // does nothing; any other source (a buffer, a publisher) is closed here.
            failure = err;
            next = source.aclose();
            $label = 3;
            break;
          }
          if (in == AsyncIterator.END) {
            ended(null);
            return null;
          }
          $label = 2;
          try {
            next = deliver(in);
          } catch (Throwable e) {
            err = e;
            in = null;
            continue;
          }
          break;
        case 2:
          if (err != null) {
            failure = err;
            next = source.aclose();
            $label = 3;
            break;
          }
          next = source.nextOrEnd();
          $label = 1;
          break;
        case 3:
          if (err != null && err != failure) {
            failure.addSuppressed(err);
          }
          throw failure;
        default:
          throw new IllegalStateException("bad state " + $label);
      }
      err = null;
      try {
        in = $await(next);
      } catch (Throwable e) {
        in = null;
        err = e;
        continue;
      }
      if (in == $SUSPEND) {
        return $SUSPEND;
      }
    }
  }
}
