package io.jasyncio.iteration;

import io.jasyncio.AsyncIO;
import io.jasyncio.AsyncIterable;
import io.jasyncio.AsyncIterator;
import io.jasyncio.Awaitable;
import io.jasyncio.Coro;
import io.jasyncio.Task;
import io.jasyncio.queues.Queue;
import io.jasyncio.queues.QueueShutDown;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Operators over asynchronous iterables, in the manner of Kotlin's {@code Flow} operators and
 * Python's {@code itertools}: each takes iterables and returns a new one, lazily (nothing is
 * requested from a source before an element is requested from the result). Closing the result
 * ({@code aclose}, or leaving a {@code for (.. : awaitEach(..))} loop early) closes its sources;
 * an operator that stops before its source ends ({@link #take}, {@link #takeWhile}, {@link #zip})
 * closes that source before it reports the end, so a generator's {@code finally} blocks have run
 * by then.
 *
 * <p>Each {@link AsyncIterable#aiter()} of a result starts a new iteration of its sources.
 * Thread-safety: none; use them on one loop.
 */
public final class AsyncIterables {
  private AsyncIterables() {}

  /** The given elements, each ready at once. */
  @SafeVarargs
  public static <T> AsyncIterable<T> of(T... elements) {
    return from(Arrays.asList(elements));
  }

  /** The elements of a plain {@link Iterable}, each ready at once. */
  public static <T> AsyncIterable<T> from(Iterable<? extends T> elements) {
    return () -> {
      Iterator<? extends T> iterator = elements.iterator();
      return () -> AsyncIO.done(iterator.hasNext() ? iterator.next() : AsyncIterator.END);
    };
  }

  /** Each element of {@code source} passed through {@code function}. */
  public static <T, R> AsyncIterable<R> map(
      AsyncIterable<T> source, Function<? super T, ? extends R> function) {
    return () ->
        new Operator<R>(source.aiter()) {
          @Override
          @SuppressWarnings("unchecked")
          protected Object accept(Object value) {
            return value == END ? END : function.apply((T) value);
          }
        };
  }

  /**
   * Each element of {@code source} passed through an asynchronous {@code function} (an {@code
   * @Async} method, say), one at a time, in order.
   */
  public static <T, R> AsyncIterable<R> mapAwait(
      AsyncIterable<T> source, Function<? super T, ? extends Awaitable<? extends R>> function) {
    return () ->
        new Operator<R>(source.aiter()) {
          private Awaitable<?> mapping;

          @Override
          protected Awaitable<?> request() {
            Awaitable<?> next = mapping;
            return next != null ? next : upstream.nextOrEnd();
          }

          @Override
          @SuppressWarnings("unchecked")
          protected Object accept(Object value) {
            if (mapping != null) {
              mapping = null;
              return value;
            }
            if (value == END) {
              return END;
            }
            mapping = function.apply((T) value);
            return AGAIN;
          }

          @Override
          protected Object failed(Throwable error) throws Throwable {
            mapping = null;
            throw error;
          }
        };
  }

  /** The elements of {@code source} that {@code predicate} accepts. */
  public static <T> AsyncIterable<T> filter(
      AsyncIterable<T> source, Predicate<? super T> predicate) {
    return () ->
        new Operator<T>(source.aiter()) {
          @Override
          @SuppressWarnings("unchecked")
          protected Object accept(Object value) {
            return value == END ? END : predicate.test((T) value) ? value : AGAIN;
          }
        };
  }

  /** The first {@code count} elements of {@code source}; then closes it. */
  public static <T> AsyncIterable<T> take(AsyncIterable<T> source, long count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    return () ->
        new Operator<T>(source.aiter()) {
          private long left = count;

          @Override
          protected Awaitable<?> request() {
            return left == 0 ? closeUpstream() : upstream.nextOrEnd();
          }

          @Override
          protected Object accept(Object value) {
            if (value == END || closing) {
              return END;
            }
            left--;
            return value;
          }
        };
  }

  /** The elements of {@code source} up to the first that {@code predicate} refuses; then closes it. */
  public static <T> AsyncIterable<T> takeWhile(
      AsyncIterable<T> source, Predicate<? super T> predicate) {
    return () ->
        new Operator<T>(source.aiter()) {
          private boolean stop;

          @Override
          protected Awaitable<?> request() {
            return stop ? closeUpstream() : upstream.nextOrEnd();
          }

          @Override
          @SuppressWarnings("unchecked")
          protected Object accept(Object value) {
            if (value == END || closing) {
              return END;
            }
            if (predicate.test((T) value)) {
              return value;
            }
            stop = true;
            return AGAIN;
          }
        };
  }

  /** The elements of {@code source} in lists of {@code size}; the last list may be shorter. */
  public static <T> AsyncIterable<List<T>> chunked(AsyncIterable<T> source, int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("size must be positive: " + size);
    }
    return () ->
        new Operator<List<T>>(source.aiter()) {
          private List<T> chunk = new ArrayList<>(size);

          @Override
          @SuppressWarnings("unchecked")
          protected Object accept(Object value) {
            if (value == END) {
              if (chunk.isEmpty()) {
                return END;
              }
              end();
              return chunk;
            }
            chunk.add((T) value);
            if (chunk.size() < size) {
              return AGAIN;
            }
            List<T> full = chunk;
            chunk = new ArrayList<>(size);
            return full;
          }
        };
  }

  /**
   * Pairs of elements, one from each source, combined by {@code combiner}, until either source
   * ends (the other is then closed). Each pair awaits {@code first}, then {@code second}.
   */
  public static <A, B, R> AsyncIterable<R> zip(
      AsyncIterable<A> first,
      AsyncIterable<B> second,
      BiFunction<? super A, ? super B, ? extends R> combiner) {
    return () -> {
      AsyncIterator<B> right = second.aiter();
      return new Operator<R>(first.aiter()) {
        private boolean haveLeft;
        private Object left;
        private AsyncIterator<?> toClose;

        @Override
        protected Awaitable<?> request() {
          if (toClose != null) {
            closing = true;
            return toClose.aclose();
          }
          return haveLeft ? right.nextOrEnd() : upstream.nextOrEnd();
        }

        @Override
        @SuppressWarnings("unchecked")
        protected Object accept(Object value) {
          if (closing) {
            return END;
          }
          if (!haveLeft) {
            if (value == END) {
              toClose = right;
              return AGAIN;
            }
            left = value;
            haveLeft = true;
            return AGAIN;
          }
          haveLeft = false;
          if (value == END) {
            toClose = upstream;
            return AGAIN;
          }
          Object l = left;
          left = null;
          return combiner.apply((A) l, (B) value);
        }

        private boolean closedBoth;

        @Override
        public Awaitable<Void> aclose() {
          end();
          if (closedBoth) {
            return AsyncIO.done();
          }
          closedBoth = true;
          return new Settled(AsyncIO.shield(AsyncIO.gatherReturnExceptions(upstream.aclose(), right.aclose())));
        }
      };
    };
  }

  /**
   * The elements of {@code source}, each of which must arrive within {@code seconds} of being
   * requested: otherwise the request fails with {@link io.jasyncio.TimeoutError} (and the
   * source, cancelled in the middle of producing it, is finished).
   */
  public static <T> AsyncIterable<T> timeout(AsyncIterable<T> source, double seconds) {
    return () ->
        new Operator<T>(source.aiter()) {
          @Override
          @SuppressWarnings("unchecked")
          protected Awaitable<?> request() {
            return AsyncIO.waitFor((Awaitable<Object>) upstream.nextOrEnd(), seconds);
          }

          @Override
          protected Object accept(Object value) {
            return value;
          }
        };
  }

  /**
   * The elements of {@code source}, read ahead by a task of their own into a buffer of {@code
   * size}: the source works while the consumer does, up to {@code size} elements ahead (Kotlin's
   * {@code buffer}). A failure of the source arrives after the elements before it. Closing the
   * result cancels the reader, which closes the source.
   */
  public static <T> AsyncIterable<T> buffer(AsyncIterable<T> source, int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("size must be positive: " + size);
    }
    return () -> new Buffered<T>(List.of(source), size);
  }

  /**
   * The elements of all {@code sources} as they come, each source read by a task of its own
   * (Kotlin's {@code merge}); ends when all have ended. The first failure cancels the others and
   * arrives once they have finished (their {@code finally} blocks have run). Closing the result cancels the readers, which close their sources.
   */
  @SafeVarargs
  public static <T> AsyncIterable<T> merge(AsyncIterable<? extends T>... sources) {
    List<AsyncIterable<? extends T>> all = List.of(sources);
    return () -> new Buffered<T>(all, Math.max(1, all.size()));
  }

  /** Every element of {@code source}, in a list. */
  public static <T> Coro<List<T>> toList(AsyncIterable<T> source) {
    return new Collect<>(source);
  }

  /** An operator over one source: requests go to it, closing closes it. */
  private abstract static class Operator<R> extends PullIterator<R> {
    final AsyncIterator<?> upstream;
    /** The last request was the close of a source: its outcome ends the iteration. */
    boolean closing;

    Operator(AsyncIterator<?> upstream) {
      this.upstream = upstream;
    }

    @Override
    protected Awaitable<?> request() {
      return upstream.nextOrEnd();
    }

    Awaitable<?> closeUpstream() {
      closing = true;
      return upstream.aclose();
    }

    /** Closed already: a second close (an operator above, and the loop) does nothing. */
    private boolean closed;

    @Override
    public Awaitable<Void> aclose() {
      end();
      if (closed) {
        return AsyncIO.done();
      }
      closed = true;
      return upstream.aclose();
    }
  }

  /** Sources read ahead by tasks into a bounded queue (buffer: one source; merge: several). */
  private static final class Buffered<T> extends PullIterator<T> {
    private final List<? extends AsyncIterable<? extends T>> sources;
    private final Queue<Object> queue;
    private final List<Task<Void>> readers = new ArrayList<>();
    private int running;
    private Throwable failure;

    Buffered(List<? extends AsyncIterable<? extends T>> sources, int size) {
      this.sources = sources;
      this.queue = new Queue<>(size);
    }

    /** A reader failed: the next request waits until every reader has finished, then fails. */
    private boolean settling;

    @Override
    protected Awaitable<?> request() {
      if (settling) {
        return new Settled(AsyncIO.shield(AsyncIO.gatherReturnExceptions(readers)));
      }
      if (readers.isEmpty() && running == 0 && !sources.isEmpty()) {
        for (AsyncIterable<? extends T> source : sources) {
          running++;
          readers.add(AsyncIO.createTask(new Reader(source.aiter())));
        }
      } else if (sources.isEmpty()) {
        queue.shutdown();
      }
      return queue.get();
    }

    @Override
    protected Object accept(Object value) throws Throwable {
      if (settling) {
        throw failure; // the other sources are closed now
      }
      return value;
    }

    @Override
    protected Object failed(Throwable error) throws Throwable {
      if (error instanceof QueueShutDown) {
        if (failure != null) {
          settling = true;
          return AGAIN;
        }
        return END;
      }
      throw error;
    }

    /** The readers were cancelled: a second close only waits for them (cancelling again would
     * interrupt their sources' cleanup). */
    private boolean closing;

    @Override
    public Awaitable<Void> aclose() {
      end();
      if (!closing) {
        closing = true;
        queue.shutdown(true);
        for (Task<Void> reader : readers) {
          reader.cancel();
        }
      }
      // Shielded: a closer cancelled while it waits must not cancel the readers again, which would
      // interrupt their sources' cleanup (a generator's finally blocks).
      return new Settled(AsyncIO.shield(AsyncIO.gatherReturnExceptions(readers)));
    }

    private final class Reader extends Pump {
      Reader(AsyncIterator<?> source) {
        super(source);
      }

      @Override
      Awaitable<?> deliver(Object element) {
        return queue.put(element);
      }

      @Override
      void ended(Throwable error) {
        running--;
        if (error != null) {
          if (failure == null) {
            failure = error;
          }
          if (!closing) {
            closing = true;
            Task<?> self = AsyncIO.currentTask(); // it closes its own source next: not cancelled
            for (Task<Void> reader : readers) {
              if (reader != self) {
                reader.cancel();
              }
            }
          }
          queue.shutdown(true);
        } else if (running == 0) {
          queue.shutdown();
        }
      }
    }
  }

  /** {@link #toList}: awaits every element. */
  private static final class Collect<T> extends Coro<List<T>> {
    private final AsyncIterable<T> source;
    private AsyncIterator<T> iterator;
    private final List<T> list = new ArrayList<>();

    Collect(AsyncIterable<T> source) {
      this.source = source;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object $resume(Object in, Throwable err) throws Throwable {
      if (err != null) {
        throw err;
      }
      if ($label == 0) {
        iterator = source.aiter();
        $label = 1;
      } else if (in == AsyncIterator.END) {
        return list;
      } else {
        list.add((T) in);
      }
      for (; ; ) {
        in = $await(iterator.nextOrEnd());
        if (in == $SUSPEND) {
          return $SUSPEND;
        }
        if (in == AsyncIterator.END) {
          return list;
        }
        list.add((T) in);
      }
    }
  }
}
