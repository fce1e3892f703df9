package io.jasyncio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * asyncio's module-level functions. Use them through {@code import static io.jasyncio.AsyncIO.*;}
 * so that code reads as it would in Python: {@code await(sleep(0.5))}, {@code createTask(work())},
 * {@code return done(value)}.
 *
 * <p>Everything here runs on, and is bound to, the event loop running on the current thread
 * ({@link #getRunningLoop()}), except {@link #run}, {@link #newEventLoop} and {@link
 * #runCoroutineThreadsafe}, which are the ways in from plain Java. Nothing here is thread-safe
 * unless it says so.
 */
public final class AsyncIO {
  private AsyncIO() {}

  // ---------------------------------------------------------------------------------------------
  // Entry points

  /**
   * Runs {@code main} to completion on a new event loop and returns its result, or throws its
   * exception unchanged (checked exceptions too, although they are not declared).
   *
   * <p>Like {@code asyncio.run}: the loop is new for every call; the coroutine runs as a task; when
   * it is done, every task still pending is cancelled and the loop runs until they have finished
   * (their {@code finally} blocks may await); then the default executor is shut down, waiting for
   * jobs that are running, and the loop is closed. Debug mode follows {@code
   * -Djasyncio.debug=true}.
   *
   * @throws IllegalStateException "AsyncIO.run() cannot be called from a running event loop"
   *     (before {@code main} is touched)
   */
  public static <T> T run(Coro<T> main) {
    return run(main, DebugMode.DEFAULT);
  }

  /** {@link #run(Coro)} with debug mode on or off (DESIGN §4.4). */
  public static <T> T run(Coro<T> main, boolean debug) {
    return runOn(main, new Runner(debug, null));
  }

  /**
   * {@link #run(Coro)} on a loop with a {@linkplain EventLoop#withVirtualTime() virtual clock}: {@code
   * await(sleep(3600))} returns at once with the loop's time one hour later, unless a channel is
   * watched or another thread's work is outstanding. For tests and simulations.
   */
  public static <T> T runWithVirtualTime(Coro<T> main) {
    return runOn(main, Runner.withVirtualTime());
  }

  private static <T> T runOn(Coro<T> main, Runner runner) {
    if (EventLoop.runningLoopOrNull() != null) {
      throw new IllegalStateException("AsyncIO.run() cannot be called from a running event loop");
    }
    if (main == null) {
      throw new IllegalArgumentException("a coroutine was expected, got null");
    }
    try (runner) {
      return runner.run(main);
    }
  }

  private static final TaskFactory EAGER = (loop, coro, name, context) ->
      Task.create(loop, coro, name, context, true);

  /**
   * asyncio's {@code eager_task_factory} (3.12): {@code loop.setTaskFactory(eagerTaskFactory())}
   * makes {@code createTask} run each new coroutine at once, up to its first suspension, instead of
   * in a later iteration. A coroutine that finishes without suspending (a cache hit, a full buffer)
   * then costs no trip through the loop at all. The order of events changes accordingly: the new
   * task's first step runs before {@code createTask} returns.
   */
  public static TaskFactory eagerTaskFactory() {
    return EAGER;
  }

  /** A new event loop, not running. */
  public static EventLoop newEventLoop() {
    return new EventLoop();
  }

  /** A new event loop on virtual time, not running: {@link EventLoop#withVirtualTime()}. */
  public static EventLoop newVirtualTimeEventLoop() {
    return EventLoop.withVirtualTime();
  }

  /**
   * The event loop running on this thread.
   *
   * @throws IllegalStateException "no running event loop"
   */
  public static EventLoop getRunningLoop() {
    return EventLoop.getRunningLoop();
  }

  // ---------------------------------------------------------------------------------------------
  // Await and return: what @Async bodies are written with

  /**
   * Waits for {@code awaitable} and returns its result, or throws its exception unchanged: Python's
   * {@code await}. A {@link Coro} runs inline in the current task; a done {@link Future} produces its
   * outcome without yielding; a pending one suspends the task until it is done.
   *
   * <p>Only meaningful inside an {@code @Async} method, whose body the annotation processor
   * rewrites. Called from plain Java (the original, untransformed body run directly) it throws
   * {@link IllegalStateException} naming the generated method to call instead.
   */
  public static <T> T await(Awaitable<T> awaitable) {
    throw notTransformed();
  }

  /**
   * Waits for {@code stage} and returns its value, or throws its exception unchanged (a {@link
   * java.util.concurrent.CompletionException} wrapper removed). The task resumes on its loop
   * thread, whichever thread completes the stage. See {@link #await(Awaitable)}.
   */
  public static <T> T await(CompletionStage<T> stage) {
    throw notTransformed();
  }

  private static IllegalStateException notTransformed() {
    StackWalker.StackFrame caller =
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
            .walk(frames -> frames.skip(2).findFirst().orElse(null));
    if (caller == null) {
      return new IllegalStateException("await() called outside an @Async method");
    }
    Class<?> owner = caller.getDeclaringClass();
    String generated = generatedName(owner);
    return new IllegalStateException(
        "await() ran as plain Java in "
            + owner.getSimpleName()
            + "."
            + caller.getMethodName()
            + ": the original body of an @Async method is never run. Call the generated "
            + generated
            + "."
            + caller.getMethodName()
            + "(...) instead (on an instance of "
            + generated
            + " for an instance method). await() is only valid inside @Async methods.");
  }

  /** {@code pkg.Outer$Inner} becomes {@code AsyncOuter_Inner}: the processor's naming rule. */
  private static String generatedName(Class<?> owner) {
    String name = owner.getName();
    String simple = name.substring(name.lastIndexOf('.') + 1).replace('$', '_');
    return "Async" + simple;
  }

  /**
   * {@code return done()} ends a {@code Coro<Void>} method. Anywhere else it is a coroutine that
   * completes with {@code null} without suspending.
   */
  public static Coro<Void> done() {
    return new ValueCoro<>(null);
  }

  /**
   * {@code return done(value)} ends an {@code @Async} method with {@code value}. Anywhere else it
   * is a coroutine that completes with {@code value} without suspending.
   */
  public static <T> Coro<T> done(T value) {
    return new ValueCoro<>(value);
  }

  // ---------------------------------------------------------------------------------------------
  // Async generators and async iteration

  /**
   * In an {@code @Async} method that returns {@link AsyncGenerator}: {@code await(emit(v))} hands
   * {@code v} to whoever asked for the next element and suspends the body there until the next
   * request (Python's {@code yield v} in an {@code async def}). The await produces the value the
   * next request sent ({@link AsyncGenerator#asend}), {@code null} for a plain next; it throws
   * what {@link AsyncGenerator#athrow} threw in, or {@link GeneratorExit} when the generator is
   * closed. Anywhere else the processor refuses it.
   *
   * @param <S> the type of the values sent in
   */
  public static <S> Coro<S> emit(Object value) {
    throw notTransformed();
  }

  /**
   * {@code return stopIteration();} ends the body of an {@code @Async} method that returns
   * {@link AsyncGenerator} (Python's bare {@code return} in an async generator): the iteration is
   * over. Its value only serves to make the method's plain-Java body compile.
   */
  public static <T> AsyncGenerator<T> stopIteration() {
    throw notTransformed();
  }

  /**
   * {@code for (T x : awaitEach(source)) { ... }} in an {@code @Async} body is Python's {@code
   * async for x in source}: before each pass the loop awaits {@code source}'s next element, and
   * it ends at the end of the source. Leaving it early by {@code break}, {@code return}, a jump
   * to an outer label, an exception or cancellation awaits {@link AsyncIterator#aclose()} first,
   * so that a generator's {@code finally} blocks have run when the code after the loop runs.
   * Anywhere but as the iterable of a for-each loop in an {@code @Async} body the processor
   * refuses it.
   */
  public static <T> Iterable<T> awaitEach(AsyncIterable<T> source) {
    throw notTransformed();
  }

  // ---------------------------------------------------------------------------------------------
  // Sleeping

  /**
   * A coroutine that completes after {@code seconds}. Zero or less yields to the loop for exactly
   * one iteration, with no timer. As in Python, the time starts when the coroutine is awaited.
   *
   * @throws IllegalArgumentException if {@code seconds} is NaN
   */
  public static Coro<Void> sleep(double seconds) {
    return sleep(seconds, null);
  }

  /** {@link #sleep(double)}, completing with {@code result}. */
  public static <T> Coro<T> sleep(double seconds, T result) {
    if (Double.isNaN(seconds)) {
      throw new IllegalArgumentException("Invalid delay: NaN (not a number)");
    }
    if (seconds > 0) {
      return new SleepCoro<>(seconds, result);
    }
    if (result == null) {
      @SuppressWarnings("unchecked")
      Coro<T> bare = (Coro<T>) YieldCoro.BARE;
      return bare;
    }
    return new YieldCoro<>(result);
  }

  /** {@link #sleep(double)} for a {@link Duration}. */
  public static Coro<Void> sleep(Duration delay) {
    return sleep(EventLoop.seconds(delay), null);
  }

  /** {@link #sleep(double, Object)} for a {@link Duration}. */
  public static <T> Coro<T> sleep(Duration delay, T result) {
    return sleep(EventLoop.seconds(delay), result);
  }

  // ---------------------------------------------------------------------------------------------
  // Tasks

  /**
   * Runs {@code coro} concurrently as a task of the running loop. The task starts once the caller
   * yields to the loop (at its next await that suspends), after everything already scheduled.
   */
  public static <T> Task<T> createTask(Coro<T> coro) {
    return EventLoop.getRunningLoop().createTask(coro, null, null);
  }

  /** {@link #createTask(Coro)} with a name. */
  public static <T> Task<T> createTask(Coro<T> coro, String name) {
    return EventLoop.getRunningLoop().createTask(coro, name, null);
  }

  /** {@link #createTask(Coro)}, running the task in {@code context} itself (no copy is made). */
  public static <T> Task<T> createTask(Coro<T> coro, Context context) {
    return EventLoop.getRunningLoop().createTask(coro, null, context);
  }

  /**
   * asyncio's {@code ensure_future}, on the running loop: a future is returned as it is, a
   * coroutine is wrapped in a new task. See {@link EventLoop#ensureFuture}, which also works on a
   * loop that is not running.
   *
   * @throws IllegalStateException "no running event loop"
   */
  public static <T> Future<T> ensureFuture(Awaitable<T> awaitable) {
    return EventLoop.getRunningLoop().ensureFuture(awaitable);
  }

  /** Like {@link #createTask(Coro, String)}, running the task in {@code context} itself. */
  public static <T> Task<T> createTask(Coro<T> coro, String name, Context context) {
    return EventLoop.getRunningLoop().createTask(coro, name, context);
  }

  /**
   * The call graph of the current task: the {@code @Async} frames it is in, innermost first, each
   * at its original line, and who awaits it (asyncio 3.14's {@code capture_call_graph()}).
   *
   * @throws IllegalStateException outside a task
   */
  public static CallGraph captureCallGraph() {
    Task<?> task = EventLoop.getRunningLoop().currentTask();
    if (task == null) {
      throw new IllegalStateException("captureCallGraph() outside a task: pass the future");
    }
    return CallGraph.capture(task);
  }

  /** The call graph of {@code future}: see {@link CallGraph}. */
  public static CallGraph captureCallGraph(Future<?> future) {
    return CallGraph.capture(future);
  }

  /** Prints the call graph of the current task to {@code System.out}: asyncio's print_call_graph. */
  public static void printCallGraph() {
    System.out.print(captureCallGraph().format());
  }

  /** The task running now, or {@code null} outside any task (in a plain callback). */
  public static Task<?> currentTask() {
    return EventLoop.getRunningLoop().currentTask();
  }

  /** The running loop's pending tasks. */
  public static Set<Task<?>> allTasks() {
    return EventLoop.getRunningLoop().allTasks();
  }

  // ---------------------------------------------------------------------------------------------
  // Waiting on several things

  /**
   * The future of all {@code awaitables}' results, in argument order.
   *
   * <ul>
   *   <li>Coroutines are wrapped in tasks in argument order, and start in that order; an awaitable
   *       listed twice runs once.
   *   <li>The first failure is passed on at once; the other awaitables keep running.
   *   <li>Cancelling the returned future cancels every child not done; it then ends with a {@link
   *       CancelledError} (as an exception: {@code isCancelled()} stays false). A child cancelled
   *       on its own fails the gather with a CancelledError, and its siblings keep running.
   *   <li>No awaitables: a future already done with an empty list.
   * </ul>
   */
  @SafeVarargs
  public static <T> Future<List<T>> gather(Awaitable<? extends T>... awaitables) {
    List<Awaitable<? extends T>> list = new ArrayList<>(awaitables.length);
    for (Awaitable<? extends T> awaitable : awaitables) {
      list.add(awaitable);
    }
    return Gathering.of(list, false);
  }

  /** {@link #gather(Awaitable[])} over a collection, in its iteration order. */
  public static <T> Future<List<T>> gather(Collection<? extends Awaitable<? extends T>> awaitables) {
    return Gathering.of(awaitables, false);
  }

  /**
   * Like {@link #gather(Awaitable[])}, but a failure takes its place in the list as its {@link
   * Throwable} (a cancelled child as a {@link CancelledError}) instead of failing the gather.
   * Cancelling the returned future still makes it fail with a CancelledError.
   */
  public static Future<List<Object>> gatherReturnExceptions(Awaitable<?>... awaitables) {
    return Gathering.of(Arrays.asList(awaitables), true);
  }

  /** {@link #gatherReturnExceptions(Awaitable[])} over a collection. */
  public static Future<List<Object>> gatherReturnExceptions(
      Collection<? extends Awaitable<?>> awaitables) {
    return Gathering.of(awaitables, true);
  }

  /**
   * Awaits {@code awaitable} for at most {@code seconds}. A coroutine runs in the calling task
   * (Python 3.12+). On timeout the awaitable is cancelled, waited for until its cancellation is
   * over ({@code finally} blocks have run), and a {@link TimeoutError} is thrown whose cause is
   * the {@link CancelledError}; if the awaitable swallows the cancellation and returns a value,
   * that value is returned. If the caller is cancelled, so is the awaitable. {@code seconds <= 0}
   * cancels anything not already done (an unstarted coroutine never runs).
   */
  public static <T> Coro<T> waitFor(Awaitable<T> awaitable, double seconds) {
    if (awaitable == null) {
      throw new NullPointerException("waitFor(null, ...)");
    }
    return new WaitForCoro<>(awaitable, seconds);
  }

  /** {@link #waitFor(Awaitable, double)}; a {@code null} timeout waits without limit. */
  public static <T> Coro<T> waitFor(Awaitable<T> awaitable, Duration timeout) {
    if (timeout == null) {
      return awaitable instanceof Coro<T> coro ? coro : new AwaitCoro<>(awaitable);
    }
    return waitFor(awaitable, EventLoop.seconds(timeout));
  }

  /**
   * Python's {@code asyncio.wait}: waits until the futures are all done ({@code ALL_COMPLETED}),
   * any is done ({@code FIRST_COMPLETED}) or any fails ({@code FIRST_EXCEPTION}), or {@code
   * seconds} pass. Returns the done and the pending futures; a timeout cancels nothing.
   *
   * @throws IllegalArgumentException (when awaited) "Set of Tasks/Futures is empty."
   */
  public static <F extends Future<?>> Coro<Done<F>> waitFutures(
      Collection<? extends F> futures, double seconds, ReturnWhen returnWhen) {
    return new WaitFuturesCoro<>(futures, seconds, returnWhen);
  }

  /** {@link #waitFutures(Collection, double, ReturnWhen)}; a {@code null} timeout waits without limit. */
  public static <F extends Future<?>> Coro<Done<F>> waitFutures(
      Collection<? extends F> futures, Duration timeout, ReturnWhen returnWhen) {
    return new WaitFuturesCoro<>(
        futures, timeout == null ? null : EventLoop.seconds(timeout), returnWhen);
  }

  /** {@link #waitFutures(Collection, double, ReturnWhen)} until all are done or the time is up. */
  public static <F extends Future<?>> Coro<Done<F>> waitFutures(
      Collection<? extends F> futures, double seconds) {
    return new WaitFuturesCoro<>(futures, seconds, ReturnWhen.ALL_COMPLETED);
  }

  /** {@link #waitFutures(Collection, double, ReturnWhen)} without a timeout. */
  public static <F extends Future<?>> Coro<Done<F>> waitFutures(
      Collection<? extends F> futures, ReturnWhen returnWhen) {
    return new WaitFuturesCoro<>(futures, null, returnWhen);
  }

  /** {@link #waitFutures(Collection, double, ReturnWhen)} until all are done. */
  public static <F extends Future<?>> Coro<Done<F>> waitFutures(Collection<? extends F> futures) {
    return new WaitFuturesCoro<>(futures, null, ReturnWhen.ALL_COMPLETED);
  }

  /**
   * One awaitable per input, in completion order: awaiting the n-th produces the outcome (result or
   * exception) of the n-th input to finish. Coroutines are wrapped in tasks at once. After {@code
   * seconds}, the awaits with nothing left to produce throw {@link TimeoutError}; nothing is
   * cancelled.
   */
  public static <T> AsCompleted<T> asCompleted(
      Collection<? extends Awaitable<? extends T>> awaitables, double seconds) {
    return new AsCompleted<>(awaitables, seconds);
  }

  /** {@link #asCompleted(Collection, double)}; a {@code null} timeout waits without limit. */
  public static <T> AsCompleted<T> asCompleted(
      Collection<? extends Awaitable<? extends T>> awaitables, Duration timeout) {
    return new AsCompleted<>(awaitables, timeout == null ? null : EventLoop.seconds(timeout));
  }

  /** {@link #asCompleted(Collection, double)} without a timeout. */
  public static <T> AsCompleted<T> asCompleted(
      Collection<? extends Awaitable<? extends T>> awaitables) {
    return new AsCompleted<>(awaitables, null);
  }

  /**
   * Protects {@code awaitable} from cancellation: cancelling the returned future (or the task
   * awaiting it) does not cancel {@code awaitable}, which keeps running; the awaiter still gets a
   * {@link CancelledError}. If {@code awaitable} itself is cancelled, so is the returned future. A
   * coroutine is wrapped in a task; an awaitable already done is returned as it is.
   */
  public static <T> Future<T> shield(Awaitable<T> awaitable) {
    return Shield.of(awaitable);
  }

  /**
   * An async context that cancels the block it guards after {@code seconds} and turns that
   * cancellation into a {@link TimeoutError}: {@code try (Timeout t = timeout(1.0)) { ... }}.
   */
  public static Timeout timeout(double seconds) {
    return new Timeout(EventLoop.getRunningLoop().time() + seconds);
  }

  /** {@link #timeout(double)}; {@code null} means no deadline (it can be set later). */
  public static Timeout timeout(Duration delay) {
    return delay == null ? new Timeout(null) : timeout(EventLoop.seconds(delay));
  }

  /** A timeout at loop time {@code when} ({@code null}: no deadline). */
  public static Timeout timeoutAt(Double when) {
    return new Timeout(when);
  }

  // ---------------------------------------------------------------------------------------------
  // Streams

  /**
   * asyncio's {@code open_connection}: connects to {@code host:port} and returns its reader and
   * writer. See {@link io.jasyncio.streams.Streams#openConnection(String, int)}.
   */
  public static Coro<io.jasyncio.streams.Connection> openConnection(String host, int port)
      throws java.io.IOException {
    return io.jasyncio.streams.Streams.openConnection(host, port);
  }

  /**
   * {@link io.jasyncio.streams.Streams#createConnection(java.util.function.Supplier, String, int)}:
   * asyncio's {@code loop.create_connection}.
   */
  public static <P extends io.jasyncio.protocols.BaseProtocol>
      Coro<io.jasyncio.transports.Connected<P>> createConnection(
          java.util.function.Supplier<P> protocolFactory, String host, int port) {
    return io.jasyncio.streams.Streams.createConnection(protocolFactory, host, port);
  }

  /**
   * {@link io.jasyncio.streams.Streams#createServer(java.util.function.Supplier, String, int)}:
   * asyncio's {@code loop.create_server}.
   */
  public static Coro<io.jasyncio.streams.Server> createServer(
      java.util.function.Supplier<? extends io.jasyncio.protocols.BaseProtocol> protocolFactory,
      String host,
      int port) {
    return io.jasyncio.streams.Streams.createServer(protocolFactory, host, port);
  }

  /**
   * A UDP endpoint bound to {@code local} and/or connected to {@code remote}, broadcast off: see
   * {@link io.jasyncio.transports.DatagramEndpoints#create}. asyncio's {@code
   * loop.create_datagram_endpoint}.
   */
  public static <P extends io.jasyncio.protocols.DatagramProtocol>
      Coro<io.jasyncio.transports.DatagramEndpoint<P>> createDatagramEndpoint(
          java.util.function.Supplier<P> protocolFactory,
          java.net.InetSocketAddress local,
          java.net.InetSocketAddress remote)
          throws java.io.IOException {
    return io.jasyncio.transports.DatagramEndpoints.create(protocolFactory, local, remote, false);
  }

  /**
   * {@link io.jasyncio.subprocess.Subprocesses#exec}: asyncio's {@code create_subprocess_exec}.
   */
  public static Coro<io.jasyncio.subprocess.Subprocess> createSubprocessExec(
      java.util.List<String> command,
      io.jasyncio.subprocess.Stdio stdin,
      io.jasyncio.subprocess.Stdio stdout,
      io.jasyncio.subprocess.Stdio stderr)
      throws java.io.IOException {
    return io.jasyncio.subprocess.Subprocesses.exec(command, stdin, stdout, stderr);
  }

  /**
   * {@link io.jasyncio.subprocess.Subprocesses#shell}: asyncio's {@code create_subprocess_shell}.
   */
  public static Coro<io.jasyncio.subprocess.Subprocess> createSubprocessShell(
      String command,
      io.jasyncio.subprocess.Stdio stdin,
      io.jasyncio.subprocess.Stdio stdout,
      io.jasyncio.subprocess.Stdio stderr)
      throws java.io.IOException {
    return io.jasyncio.subprocess.Subprocesses.shell(command, stdin, stdout, stderr);
  }

  /**
   * {@link io.jasyncio.streams.Streams#openConnection(String, int, javax.net.ssl.SSLContext)}:
   * a TLS connection (asyncio's {@code open_connection(..., ssl=context)}).
   */
  public static Coro<io.jasyncio.streams.Connection> openConnection(
      String host, int port, javax.net.ssl.SSLContext ssl) throws java.io.IOException {
    return io.jasyncio.streams.Streams.openConnection(host, port, ssl);
  }

  /** {@link #openConnection(String, int, javax.net.ssl.SSLContext)} with a handshake timeout. */
  public static Coro<io.jasyncio.streams.Connection> openConnection(
      String host, int port, javax.net.ssl.SSLContext ssl, double handshakeTimeoutSeconds)
      throws java.io.IOException {
    return io.jasyncio.streams.Streams.openConnection(host, port, ssl, handshakeTimeoutSeconds);
  }

  /**
   * {@link io.jasyncio.streams.Streams#startServer(io.jasyncio.streams.ClientConnectedHandler,
   * String, int, javax.net.ssl.SSLContext)}: a TLS server.
   */
  public static Coro<io.jasyncio.streams.Server> startServer(
      io.jasyncio.streams.ClientConnectedHandler handler,
      String host,
      int port,
      javax.net.ssl.SSLContext ssl)
      throws java.io.IOException {
    return io.jasyncio.streams.Streams.startServer(handler, host, port, ssl);
  }

  /** {@link io.jasyncio.streams.Streams#createUnixConnection}: asyncio's create_unix_connection. */
  public static <P extends io.jasyncio.protocols.BaseProtocol>
      Coro<io.jasyncio.transports.Connected<P>> createUnixConnection(
          java.util.function.Supplier<P> protocolFactory, java.nio.file.Path path) {
    return io.jasyncio.streams.Streams.createUnixConnection(protocolFactory, path);
  }

  /** {@link io.jasyncio.streams.Streams#createUnixServer}: asyncio's create_unix_server. */
  public static Coro<io.jasyncio.streams.Server> createUnixServer(
      java.util.function.Supplier<? extends io.jasyncio.protocols.BaseProtocol> protocolFactory,
      java.nio.file.Path path) {
    return io.jasyncio.streams.Streams.createUnixServer(protocolFactory, path);
  }

  /** {@link io.jasyncio.streams.Streams#openUnixConnection(java.nio.file.Path)}. */
  public static Coro<io.jasyncio.streams.Connection> openUnixConnection(java.nio.file.Path path)
      throws java.io.IOException {
    return io.jasyncio.streams.Streams.openUnixConnection(path);
  }

  /**
   * {@link io.jasyncio.streams.Streams#startUnixServer(io.jasyncio.streams.ClientConnectedHandler,
   * java.nio.file.Path)}.
   */
  public static Coro<io.jasyncio.streams.Server> startUnixServer(
      io.jasyncio.streams.ClientConnectedHandler handler, java.nio.file.Path path)
      throws java.io.IOException {
    return io.jasyncio.streams.Streams.startUnixServer(handler, path);
  }

  /**
   * asyncio's {@code start_server}: listens on {@code host:port} and runs {@code handler} as a task
   * per connection. See {@link io.jasyncio.streams.Streams#startServer(
   * io.jasyncio.streams.ClientConnectedHandler, String, int)}.
   */
  public static Coro<io.jasyncio.streams.Server> startServer(
      io.jasyncio.streams.ClientConnectedHandler handler, String host, int port)
      throws java.io.IOException {
    return io.jasyncio.streams.Streams.startServer(handler, host, port);
  }

  // ---------------------------------------------------------------------------------------------
  // Threads

  /**
   * Runs blocking {@code function} on the loop's default executor and returns a future of its
   * outcome, completed on the loop thread. The current context variables are carried into the
   * worker thread.
   */
  public static <T> Future<T> toThread(Callable<T> function) {
    Object[] vars = Context.currentVars();
    return EventLoop.getRunningLoop()
        .runInExecutor(
            null,
            () -> {
              Context cell = ThreadState.current().context;
              Object[] saved = cell.vars;
              cell.vars = vars;
              try {
                return function.call();
              } finally {
                cell.vars = saved;
              }
            });
  }

  /**
   * Submits {@code coro} to {@code loop} from any thread: it runs as a task of that loop, and the
   * returned {@link CompletableFuture} completes with its outcome. Cancelling the {@code
   * CompletableFuture} cancels the task.
   *
   * @throws IllegalArgumentException "A coroutine object is required" for {@code null}
   * @throws IllegalStateException "Event loop is closed"
   */
  public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coro<T> coro, EventLoop loop) {
    if (coro == null) {
      throw new IllegalArgumentException("A coroutine object is required");
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    loop.handOut(result); // completes, cancelled, if the loop closes before the task is done
    loop.callSoonThreadsafe(
        () -> {
          if (result.isDone()) {
            return; // cancelled before it could start
          }
          Task<T> task;
          try {
            task = loop.createTask(coro);
          } catch (Throwable e) {
            result.completeExceptionally(e);
            return;
          }
          task.addDoneCallback(
              t -> {
                if (t.isCancelled()) {
                  result.cancel(false);
                } else if (t.isFailed()) {
                  result.completeExceptionally(t.exception());
                } else {
                  result.complete(t.result());
                }
              });
          result.whenComplete(
              (value, error) -> {
                if (result.isCancelled() && !task.isDone()) {
                  if (loop.isLoopThread()) {
                    task.cancel();
                  } else {
                    try {
                      loop.callSoonThreadsafe(task::cancel);
                    } catch (IllegalStateException closed) {
                      // Nothing left to cancel.
                    }
                  }
                }
              });
        });
    return result;
  }

  // ---------------------------------------------------------------------------------------------
  // Context

  /** A copy of the current context. */
  public static Context copyContext() {
    return new Context(Context.currentVars());
  }

  /** A coroutine that awaits a future or coroutine and returns its result. */
  private static final class AwaitCoro<T> extends Coro<T> {
    private final Awaitable<T> awaitable;

    AwaitCoro(Awaitable<T> awaitable) {
      this.awaitable = awaitable;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      if ($err != null) {
        throw $err;
      }
      if ($label == 0) {
        $label = 1;
        return $await(awaitable);
      }
      return $in;
    }
  }
}
