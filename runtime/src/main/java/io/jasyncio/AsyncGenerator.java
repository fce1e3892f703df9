package io.jasyncio;

import java.util.Map;

/**
 * One call of an {@code @Async} method that returns {@code AsyncGenerator<T>}: Python's
 * asynchronous generator (PEP 525). The body runs lazily, one step per request: nothing of it runs
 * until the first element is asked for, and each request runs it to its next {@code
 * await(emit(v))}, which hands {@code v} to the requester, or to its end.
 *
 * <pre>{@code
 * @Async AsyncGenerator<String> lines(Connection connection) throws IOException {
 *   try {
 *     for (;;) {
 *       byte[] line = await(connection.reader().readline());
 *       if (line.length == 0) return stopIteration();
 *       await(emit(new String(line, UTF_8).strip()));
 *     }
 *   } finally {
 *     connection.writer().close();                  // at the end, on an early exit, on cancellation
 *     await(connection.writer().waitClosed());
 *   }
 * }
 *
 * @Async Coro<Integer> count(Connection connection) throws IOException {
 *   int n = 0;
 *   for (String line : awaitEach(lines(connection))) {   // each pass awaits the next line
 *     if (line.equals("END")) break;                      // closes the generator: its finally runs
 *     n++;
 *   }
 *   return done(n);
 * }
 * }</pre>
 *
 * <h2>States</h2>
 *
 * <table>
 *   <caption>Generator states (Python's {@code ag_running}, {@code ag_frame})</caption>
 *   <tr><th>State</th><th>Meaning</th><th>A request ({@code anext}, {@code asend}, {@code athrow})</th><th>{@link #aclose()}</th></tr>
 *   <tr><td>created</td><td>body not started</td><td>starts it ({@code athrow}: ends it with the
 *       exception, body never run)</td><td>ends it, body never run</td></tr>
 *   <tr><td>suspended</td><td>stopped at an emit</td><td>resumes it there</td><td>throws {@link
 *       GeneratorExit} there; its {@code finally} blocks run</td></tr>
 *   <tr><td>running</td><td>a request is being served</td><td>{@link IllegalStateException}
 *       "already running"</td><td>the same</td></tr>
 *   <tr><td>closed</td><td>returned, failed or closed</td><td>the end ({@link #END}, or {@link
 *       StopAsyncIteration})</td><td>nothing</td></tr>
 * </table>
 *
 * <p>An exception from the body reaches the requester unchanged and closes the generator. A body
 * that lets a {@link StopAsyncIteration} escape fails with {@link IllegalStateException} instead;
 * one that emits again while being closed makes {@code aclose} fail with "async generator ignored
 * GeneratorExit".
 *
 * <p>Every request is an {@link Awaitable} that runs the body inline in the awaiting task, as
 * awaiting a {@link Coro} does: an element that is ready costs no trip through the loop and, while
 * requests are awaited one at a time, no allocation.
 *
 * <p>A generator that was started and not finished is closed by {@link AsyncIO#run} (and {@link
 * Runner#close()}) before the loop closes, as asyncio's {@code shutdown_asyncgens} does; in debug
 * mode each is reported then.
 *
 * <p>Thread-safety: none; a generator belongs to the loop that first ran it.
 *
 * @param <T> the type of the elements
 */
public final class AsyncGenerator<T> implements AsyncIterator<T> {
  static final byte CREATED = 0;
  static final byte SUSPENDED = 1;
  static final byte RUNNING = 2;
  static final byte CLOSED = 3;

  private final GeneratorBody<T> body;
  byte state = CREATED;
  /** The step object not in use, kept for the next request (null while one is out). */
  private Step idle;
  /** The loop that keeps this generator in its set of unfinished ones, once started. */
  private EventLoop loop;

  AsyncGenerator(GeneratorBody<T> body) {
    this.body = body;
  }

  /** The next element, or {@link #END} once the body has returned. */
  @Override
  public Awaitable<?> nextOrEnd() {
    return step(Step.NEXT, null, null);
  }

  /** The next element, or a {@link StopAsyncIteration} once the body has returned. */
  @Override
  @SuppressWarnings("unchecked")
  public Awaitable<T> anext() {
    return (Awaitable<T>) step(Step.ANEXT, null, null);
  }

  /**
   * Resumes the body with {@code value} as the result of the {@code await(emit(..))} it stopped
   * at, and produces the next element ({@link StopAsyncIteration} at the end). The first request
   * may only send {@code null}: the body has no emit to receive anything yet.
   */
  @SuppressWarnings("unchecked")
  public Awaitable<T> asend(Object value) {
    return (Awaitable<T>) step(Step.SEND, value, null);
  }

  /**
   * Throws {@code error} into the body at the emit it stopped at, and produces the next element
   * it emits; the body's failure (that error, unless it catches it) otherwise. On a generator that
   * has not started, ends it with {@code error} without running the body; on a finished one, does
   * nothing and produces {@code null} (as CPython 3.13 does).
   */
  @SuppressWarnings("unchecked")
  public Awaitable<T> athrow(Throwable error) {
    if (error == null) {
      throw new NullPointerException("athrow(null)");
    }
    return (Awaitable<T>) step(Step.THROW, null, error);
  }

  /**
   * Closes the generator: throws {@link GeneratorExit} into the body at the emit it stopped at, so
   * that its {@code finally} blocks run, awaits in them included. On a generator that has not
   * started or is finished, only marks it closed.
   */
  @Override
  @SuppressWarnings("unchecked")
  public Awaitable<Void> aclose() {
    return (Awaitable<Void>) (Awaitable<?>) step(Step.CLOSE, null, null);
  }

  /** Whether the body is running a request now (Python's {@code ag_running}). */
  public boolean isRunning() {
    return state == RUNNING;
  }

  /** Whether the generator is finished: returned, failed or closed. */
  public boolean isClosed() {
    return state == CLOSED;
  }

  /**
   * The next element for a loop's frame {@code caller} ({@code Coro.$awaitNext}): the body runs
   * inline, and a {@link Step} is only put between them if the body suspends. Anything out of the
   * ordinary (running, closed, too deep) takes the ordinary way, an await of a request.
   */
  Object next(Coro<?> caller) throws Throwable {
    byte was = state;
    if ((was != SUSPENDED && was != CREATED) || caller.$depth + 2 >= Coro.$MAX_INLINE_DEPTH) {
      return caller.$await(step(Step.NEXT, null, null));
    }
    if (was == CREATED) {
      started();
    }
    state = RUNNING;
    GeneratorBody<T> b = body;
    b.$task = null;
    b.$bind(caller.$task, caller);
    b.$depth = (byte) (caller.$depth + 1);
    Object out;
    try {
      out = b.$resume(null, null);
    } catch (Throwable e) {
      AwaitTrace.record(b, e);
      closed();
      if (e instanceof StopAsyncIteration) {
        throw new IllegalStateException("async generator raised StopAsyncIteration", e);
      }
      throw e;
    }
    if (out == GeneratorBody.$YIELDED) {
      state = SUSPENDED;
      Object element = b.yielded;
      b.yielded = null;
      return element;
    }
    if (out == Coro.$SUSPEND) {
      // The body waits: from now on a request frame stands between it and the loop, as if the
      // loop had awaited one; the task resumes it with the body's outcome.
      Step request = step(Step.NEXT, null, null);
      request.$label = 1;
      request.$task = caller.$task;
      request.$caller = caller;
      b.$caller = request;
      return Coro.$SUSPEND;
    }
    closed();
    return END;
  }

  private Step step(byte mode, Object value, Throwable error) {
    Step step = idle;
    if (step == null) {
      step = new Step(this);
    } else {
      idle = null;
    }
    step.mode = mode;
    step.value = value;
    step.error = error;
    return step;
  }

  private void started() {
    EventLoop running = EventLoop.runningLoopOrNull();
    if (running != null) {
      loop = running;
      running.asyncGenerators().add(this);
    }
  }

  private void closed() {
    state = CLOSED;
    if (loop != null) {
      loop.asyncGenerators().remove(this);
      loop = null;
    }
  }

  @Override
  public String toString() {
    String where = state == CREATED ? "created" : state == SUSPENDED ? "suspended" : state == RUNNING ? "running" : "closed";
    StackTraceElement at = body.$where();
    String type = at.getClassName();
    return "<async_generator "
        + type.substring(type.lastIndexOf('.') + 1)
        + "."
        + at.getMethodName()
        + (at.getFileName() != null && at.getLineNumber() > 0
            ? " at " + at.getFileName() + ":" + at.getLineNumber()
            : "")
        + " "
        + where
        + ">";
  }

  /**
   * Closes the unfinished generators of {@code loop}, each in a task of its own, all at once;
   * reports their failures, and in debug mode each of them, through the loop's exception handler.
   */
  static void shutDown(EventLoop loop) {
    java.util.Set<AsyncGenerator<?>> left = loop.asyncGenerators();
    if (left.isEmpty()) {
      return;
    }
    java.util.List<AsyncGenerator<?>> generators = new java.util.ArrayList<>(left);
    java.util.List<Task<?>> closing = new java.util.ArrayList<>();
    for (AsyncGenerator<?> generator : generators) {
      if (loop.isDebug()) {
        loop.callExceptionHandler(
            Map.of(
                "message",
                "asynchronous generator " + generator + " was never closed; closing it at shutdown",
                "asyncgen",
                generator));
      }
      closing.add(loop.createTask(generator.step(Step.CLOSE, null, null)));
    }
    loop.runUntil(Gathering.of(closing, true));
    for (int i = 0; i < closing.size(); i++) {
      Task<?> task = closing.get(i);
      Throwable failure = task.isCancelled() ? null : task.exception();
      if (failure != null) {
        loop.callExceptionHandler(
            Map.of(
                "message",
                "an error occurred during closing of asynchronous generator " + generators.get(i),
                "exception",
                failure,
                "asyncgen",
                generators.get(i)));
      }
    }
  }

  /**
   * One request to the generator, awaited as a coroutine: it runs the body inline in the awaiting
   * task until the body emits, returns or fails. Reused for the next request once it is over.
   */
  private static final class Step extends Coro<Object> {
    @Override
    boolean tracedAsFrame() {
      return false; // the runtime's step between the user's frames
    }

    static final byte NEXT = 0;
    static final byte ANEXT = 1;
    static final byte SEND = 2;
    static final byte THROW = 3;
    static final byte CLOSE = 4;

    private static final String[] NAMES = {"anext", "anext", "asend", "athrow", "aclose"};

    private final AsyncGenerator<?> generator;
    byte mode;
    Object value;
    Throwable error;

    Step(AsyncGenerator<?> generator) {
      this.generator = generator;
      if (DebugMode.trackCoroutines) {
        NeverAwaited.awaited(this); // reused; a request made and dropped is harmless
      }
    }

    // States: 0 not entered; 1 the body suspended and the task resumes this frame with the body's
    // outcome; 2 handed to the task to enter the body with an empty Java stack (deep chains).
    @Override
    protected Object $resume(Object in, Throwable err) throws Throwable {
      switch ($label) {
        case 0:
          return enter();
        case 2:
          return run(0);
        default:
          if (err != null) {
            return failed(err);
          }
          return outcome(in);
      }
    }

    private Object enter() throws Throwable {
      AsyncGenerator<?> g = generator;
      switch (g.state) {
        case RUNNING:
          release();
          throw new IllegalStateException(
              NAMES[mode] + "(): asynchronous generator is already running");
        case CLOSED:
          return atEnd();
        case CREATED:
          if (mode == CLOSE) {
            g.closed();
            release();
            return null;
          }
          if (mode == THROW) {
            Throwable thrown = error;
            g.closed();
            release();
            throw thrown;
          }
          if (mode == SEND && value != null) {
            release();
            throw new IllegalArgumentException(
                "can't send non-None value to a just-started async generator");
          }
          g.started();
          break;
        default:
          break;
      }
      g.state = RUNNING;
      int depth = $depth + 1;
      if (depth >= $MAX_INLINE_DEPTH) {
        $label = 2;
        $task.startNext(this);
        return $SUSPEND;
      }
      return run(depth);
    }

    /** Runs the body inline, {@code depth} frames above the task. */
    private Object run(int depth) throws Throwable {
      $label = 1;
      GeneratorBody<?> body = generator.body;
      body.$task = null; // a generator's frame is entered once per request, by whichever task asks
      body.$bind($task, this);
      body.$depth = (byte) depth;
      Object send = mode == SEND ? value : null;
      Throwable into = mode == THROW ? error : mode == CLOSE ? new GeneratorExit() : null;
      value = null;
      error = null;
      Object out;
      try {
        out = body.$resume(send, into);
      } catch (Throwable e) {
        AwaitTrace.record(body, e);
        return failed(e);
      }
      if (out == $SUSPEND) {
        body.$caller = this;
        return $SUSPEND;
      }
      return outcome(out);
    }

    private Object outcome(Object out) {
      AsyncGenerator<?> g = generator;
      if (out == GeneratorBody.$YIELDED) {
        GeneratorBody<?> body = g.body;
        Object element = body.yielded;
        body.yielded = null;
        g.state = SUSPENDED;
        if (mode == CLOSE) {
          release();
          throw new IllegalStateException("async generator ignored GeneratorExit");
        }
        release();
        return element;
      }
      g.closed();
      return atEnd();
    }

    private Object failed(Throwable failure) throws Throwable {
      generator.closed();
      byte was = mode;
      release();
      if (was == CLOSE && failure instanceof GeneratorExit) {
        return null;
      }
      if (failure instanceof StopAsyncIteration) {
        throw new IllegalStateException("async generator raised StopAsyncIteration", failure);
      }
      throw failure;
    }

    /** A request to a finished generator. */
    private Object atEnd() {
      byte was = mode;
      release();
      switch (was) {
        case NEXT:
          return AsyncIterator.END;
        case CLOSE:
        case THROW:
          return null; // as CPython 3.13: athrow on a finished generator does nothing
        default:
          throw new StopAsyncIteration();
      }
    }

    /** Ready for the next request: a fresh frame again, kept by the generator. */
    private void release() {
      $label = 0;
      $task = null;
      value = null;
      error = null;
      generator.idle = this;
    }

    @Override
    protected StackTraceElement $where() {
      return generator.body.$where();
    }
  }
}
