package io.jasyncio.iteration;

import io.jasyncio.AsyncIterator;
import io.jasyncio.Awaitable;
import io.jasyncio.Coro;

/**
 * A base for asynchronous iterators written by hand: each element is what {@link #accept} makes
 * of the outcome of the awaitable that {@link #request()} returns, and {@link #accept} may ask
 * for another one first ({@link #AGAIN}: a filter) or end the iteration ({@link
 * AsyncIterator#END}). Once ended, the iterator stays at the end.
 *
 * <p>Thread-safety: none; an iterator belongs to the loop of the tasks that iterate it, and only
 * one request runs at a time.
 *
 * @param <T> the type of the elements
 */
public abstract class PullIterator<T> implements AsyncIterator<T> {

  /** Returned by {@link #accept} or {@link #failed}: request again before producing an element. */
  protected static final Object AGAIN =
      new Object() {
        @Override
        public String toString() {
          return "AGAIN";
        }
      };

  private boolean ended;

  /** What to await for the next raw value. */
  protected abstract Awaitable<?> request() throws Throwable;

  /** The element made of a raw value: the element itself, {@link #AGAIN} or {@link #END}. */
  protected abstract Object accept(Object value) throws Throwable;

  /**
   * The element made of a failed request: by default the failure goes on to the awaiter (and the
   * iteration ends). May return {@link #END}, {@link #AGAIN} or an element instead.
   */
  protected Object failed(Throwable error) throws Throwable {
    throw error;
  }

  /** Whether the iteration is over. */
  protected final boolean isEnded() {
    return ended;
  }

  /** Ends the iteration: every request from now on produces {@link #END}. */
  protected final void end() {
    ended = true;
  }

  @Override
  public final Awaitable<?> nextOrEnd() {
    return new Step();
  }

  /** One request: awaits requests until one is accepted as an element or the end. */
  private final class Step extends Coro<Object> {
    @Override
    protected Object $resume(Object in, Throwable err) throws Throwable {
      if ($label == 0 && err != null) {
        throw err;
      }
      for (; ; ) {
        if ($label == 1) {
          $label = 0;
          Object out = err != null ? settle(err) : settleValue(in);
          err = null;
          if (out != AGAIN) {
            return out;
          }
        }
        if (ended) {
          return END;
        }
        $label = 1;
        try {
          in = $await(request());
        } catch (Throwable e) {
          err = e;
          continue;
        }
        if (in == $SUSPEND) {
          return $SUSPEND;
        }
      }
    }

    private Object settleValue(Object value) throws Throwable {
      try {
        return settled(accept(value));
      } catch (Throwable e) {
        ended = true;
        throw e;
      }
    }

    private Object settle(Throwable error) throws Throwable {
      try {
        return settled(failed(error));
      } catch (Throwable e) {
        ended = true;
        throw e;
      }
    }

    private Object settled(Object out) {
      if (out == END) {
        ended = true;
      }
      return out;
    }

    @Override
    protected StackTraceElement $where() {
      return new StackTraceElement(PullIterator.this.getClass().getName(), "nextOrEnd", null, -1);
    }
  }
}
