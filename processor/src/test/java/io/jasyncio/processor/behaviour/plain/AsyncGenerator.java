package io.jasyncio.processor.behaviour.plain;

import io.jasyncio.GeneratorExit;
import io.jasyncio.processor.behaviour.Trace;
import java.util.concurrent.Callable;

/**
 * The plain-Java stand-in for an async generator: the body runs on a thread of its own, and it
 * and its consumer take turns strictly (a handoff under one lock), so that the body runs exactly
 * when the async generator's would — up to its next emit on each request — and both log into the
 * consumer's trace. {@link #close()} throws {@link GeneratorExit} in at the emit, as aclose does.
 */
public final class AsyncGenerator<T> {
  static final Object END = new Object();

  private final Callable<?> body;
  private final Object trace;
  private Thread thread;
  private boolean started;
  private boolean finished;
  /** Whose turn it is: the generator's thread runs only while this is true. */
  private boolean generatorTurn;
  private Object emitted;
  private boolean hasEmitted;
  private Throwable failure;
  private Throwable throwIn;

  private static final ThreadLocal<AsyncGenerator<?>> RUNNING = new ThreadLocal<>();

  AsyncGenerator(Callable<?> body) {
    this.body = body;
    this.trace = Trace.current();
  }

  /** The next element, or {@link #END}; throws what the body throws. */
  synchronized Object next() {
    if (finished) {
      return END;
    }
    return resume(null);
  }

  /** aclose(): nothing if not started or finished; else GeneratorExit at the emit. */
  synchronized void close() {
    if (finished) {
      return;
    }
    if (!started) {
      finished = true;
      return;
    }
    Object out = resume(new GeneratorExit());
    if (out != END) {
      throw new IllegalStateException("async generator ignored GeneratorExit");
    }
  }

  private Object resume(Throwable into) {
    throwIn = into;
    hasEmitted = false;
    generatorTurn = true;
    if (!started) {
      started = true;
      if (into != null) {
        finished = true;
        return END;
      }
      Trace.generatorOpen(1);
      thread = new Thread(this::runBody, "plain generator");
      thread.setDaemon(true);
      thread.start();
    } else {
      notifyAll();
    }
    while (generatorTurn) {
      try {
        wait();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    if (hasEmitted) {
      Object value = emitted;
      emitted = null;
      return value;
    }
    Throwable failed = failure;
    failure = null;
    if (failed != null && !(into instanceof GeneratorExit && failed == into)) {
      throw Sync.<RuntimeException>sneakyThrow(failed);
    }
    return END;
  }

  private void runBody() {
    Trace.adopt(trace);
    RUNNING.set(this);
    Throwable failed = null;
    try {
      body.call();
    } catch (Throwable t) {
      failed = t;
    }
    Trace.generatorOpen(-1);
    synchronized (this) {
      finished = true;
      failure = failed;
      generatorTurn = false;
      notifyAll();
    }
  }

  /** On the generator's thread: hands {@code value} out and waits for the next request. */
  static Object emit(Object value) {
    AsyncGenerator<?> self = RUNNING.get();
    if (self == null) {
      throw new IllegalStateException("emit() outside a generator");
    }
    return self.handOut(value);
  }

  private synchronized Object handOut(Object value) {
    emitted = value;
    hasEmitted = true;
    generatorTurn = false;
    notifyAll();
    while (!generatorTurn) {
      try {
        wait();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    Throwable into = throwIn;
    throwIn = null;
    if (into != null) {
      throw Sync.<RuntimeException>sneakyThrow(into);
    }
    return null;
  }

  /** What {@code awaitEach} gives a plain for-each: the elements, closed by try-with-resources. */
  public static final class Each<T> implements Iterable<T>, AutoCloseable {
    private final AsyncGenerator<T> generator;

    Each(AsyncGenerator<T> generator) {
      this.generator = generator;
    }

    @Override
    public java.util.Iterator<T> iterator() {
      return new java.util.Iterator<>() {
        private Object next;
        private boolean fetched;

        @Override
        public boolean hasNext() {
          if (!fetched) {
            next = generator.next();
            fetched = true;
          }
          return next != END;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T next() {
          hasNext();
          fetched = false;
          return (T) next;
        }
      };
    }

    @Override
    public void close() {
      generator.close();
    }
  }
}
