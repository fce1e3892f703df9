package io.jasyncio;

import java.nio.channels.SelectableChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A single-threaded event loop: asyncio's. It runs callbacks, task steps and timers on the thread
 * that calls {@link #runForever()} or {@link #runUntilComplete}; one loop runs per thread at a
 * time, and {@link AsyncIO#getRunningLoop()} finds it.
 *
 * <h2>One iteration</h2>
 *
 * Exactly CPython's {@code _run_once}:
 *
 * <ol>
 *   <li>Work out how long to wait: not at all if a callback is ready or {@link #stop()} was called,
 *       else until the earliest timer (at most a day), else until something arrives.
 *   <li>Wait that long for I/O and for callbacks submitted from other threads, which join the
 *       ready queue.
 *   <li>Move every timer whose deadline has come to the back of the ready queue, earliest first;
 *       timers with equal deadlines in the order they were scheduled.
 *   <li>Run exactly the callbacks that are ready now, in FIFO order, skipping cancelled ones.
 *       Whatever they schedule runs in the next iteration.
 * </ol>
 *
 * A callback that throws is reported to the {@linkplain #setExceptionHandler exception handler}
 * and the loop carries on.
 *
 * <h2>I/O</h2>
 *
 * Channels watched with {@link #addReader} and {@link #addWriter} are polled through a {@link
 * java.nio.channels.Selector} in step 2: without waiting when a callback is ready, else until the
 * nearest timer. A loop that watches no channel makes no system call per iteration: it parks its
 * thread when there is nothing to do. Another thread that submits work wakes the loop only if it
 * is blocked (a compare-and-set on a "sleeping" flag guards the selector's {@code wakeup()} and the
 * thread's {@code unpark()}).
 *
 * <h2>Threads</h2>
 *
 * A loop and everything bound to it (futures, tasks, handles) belong to the loop thread. From any
 * other thread use {@link #callSoonThreadsafe}, {@link AsyncIO#runCoroutineThreadsafe} or a {@link
 * java.util.concurrent.CompletableFuture}; in debug mode the other scheduling methods check the
 * thread and throw.
 */
public final class EventLoop implements AutoCloseable {
  static final System.Logger LOGGER = System.getLogger("io.jasyncio");

  /** Time origin shared by every loop, so that times from different loops compare. */
  private static final long ORIGIN = System.nanoTime();
  /** Timers due within this many seconds of now count as due (CPython's clock resolution). */
  private static final double CLOCK_RESOLUTION = 1e-9;
  private static final long MAX_WAIT_NANOS = 86_400L * 1_000_000_000L;
  /** The most callbacks from other threads one iteration takes (see drainInbox). */
  static final int INBOX_BATCH = 1024;

  // Scheduling state, touched by the loop thread only.
  private final ArrayDeque<Object> ready = new ArrayDeque<>(); // Task steps and Handles
  final TimerQueue timers = new TimerQueue();
  private long timerSequence;
  private volatile boolean stopping;
  private Task<?> currentTask;
  /** What the first interrupt of the loop thread cancels: the future of runUntilComplete. */
  private Future<?> interruptTarget;
  private int interruptsSeen;
  private boolean abortedByInterrupt;
  private boolean interruptedWhileRunning;
  private Task<?> firstPending;
  private Task<?> lastPending;
  private ThreadState threadState;
  /** The context variables that were current before the running task step entered its own. */
  private Object[] varsOutsideTask;

  // Cross-thread state.
  private volatile Thread thread;
  private volatile boolean closed;
  private final ConcurrentLinkedQueue<Handle> inbox = new ConcurrentLinkedQueue<>();
  /**
   * How many handles other threads have put in the inbox and the loop has not taken: an iteration
   * takes only as many as this says when it drains, so that threads submitting faster than the
   * loop runs cannot keep it draining forever (timers, I/O and stop() keep their turn).
   */
  private final java.util.concurrent.atomic.AtomicInteger inboxCount =
      new java.util.concurrent.atomic.AtomicInteger();
  /** CompletableFutures handed to other threads; close() cancels those still pending. */
  private volatile java.util.Set<java.util.concurrent.CompletableFuture<?>> handedOut;
  /** True while the loop thread is (about to be) blocked waiting; a submitter that flips it wakes it. */
  private final AtomicBoolean sleeping = new AtomicBoolean();
  /** Whether the loop thread blocks in the selector (not in park) when it waits: how to wake it. */
  private volatile boolean waitsInSelector;
  private final ChannelSelector io = new ChannelSelector(this);

  volatile boolean debug = DebugMode.DEFAULT;
  private double slowCallbackDuration = 0.1;
  private BiConsumer<EventLoop, Map<String, Object>> exceptionHandler;
  private final DefaultExecutor defaultExecutor = new DefaultExecutor();
  /** Failed futures whose exception nobody has read yet; made on the first failure. */
  private volatile java.util.Set<UnretrievedExceptions.Watch> unretrievedWatches;
  private volatile java.util.Set<NeverAwaited.Watch> debugCoroutines;
  private TaskFactory taskFactory;
  /** The virtual clock, or null when the loop keeps real time. */
  private final VirtualClock virtualClock;

  /** A new loop, not running, on real time. Same as {@link AsyncIO#newEventLoop()}. */
  public EventLoop() {
    this(null);
  }

  private EventLoop(VirtualClock virtualClock) {
    this.virtualClock = virtualClock;
    if (debug) {
      DebugMode.enable();
    }
  }

  /**
   * A new loop, not running, whose clock is virtual: {@link #time()} starts at 0 and stands still
   * while callbacks run. When nothing is ready, no channel is watched and no work handed to another
   * thread ({@link #runInExecutor}, {@link AsyncIO#toThread}, an awaited {@code CompletableFuture})
   * is outstanding, the clock jumps straight to the earliest timer instead of waiting for it: {@code
   * await(sleep(3600))} takes no real time, and timeouts, {@code waitFor}, retries with backoff and
   * rate limits run exactly and deterministically. While a channel is watched or such work is
   * outstanding, the loop waits in real time and the clock advances by the real time waited.
   *
   * <p>Inside a coroutine, {@code await(sleep(d))} is "advance time by {@code d}": everything due
   * earlier runs first, in timer order. From plain Java, with the loop not running, {@link
   * #runCurrent()}, {@link #advanceTimeBy(double)} and {@link #advanceUntilIdle()} drive it step by
   * step. Like kotlinx-coroutines-test's {@code runTest} and trio's {@code
   * MockClock(autojump_threshold=0)}; asyncio has no built-in equivalent.
   */
  public static EventLoop withVirtualTime() {
    return new EventLoop(new VirtualClock());
  }

  /** Whether this loop's clock is virtual ({@link #withVirtualTime()}). */
  public boolean isVirtualTime() {
    return virtualClock != null;
  }

  /**
   * The loop running on the current thread.
   *
   * @throws IllegalStateException "no running event loop" if none is
   */
  public static EventLoop getRunningLoop() {
    EventLoop loop = ThreadState.current().runningLoop;
    if (loop == null) {
      throw new IllegalStateException("no running event loop");
    }
    return loop;
  }

  /** The loop running on the current thread, or null. */
  static EventLoop runningLoopOrNull() {
    return ThreadState.current().runningLoop;
  }

  // ---------------------------------------------------------------------------------------------
  // Running

  /**
   * Runs iterations until {@link #stop()} is called. The iteration in which {@code stop()} was
   * called is finished first; callbacks it scheduled stay queued for the next run. Calling {@code
   * stop()} before {@code runForever()} makes it run exactly one iteration.
   *
   * <p><b>Interrupts.</b> Interrupting the loop thread stops a {@code runForever()} run with a
   * {@link CancelledError} "event loop thread interrupted", after the current iteration. Under
   * {@link #runUntilComplete} the first interrupt cancels the awaited future instead (so the main
   * task unwinds through its {@code finally} blocks, as Python's runner does on Ctrl-C) and a second
   * one stops the loop. Either way the thread's interrupt status is set again when the call returns.
   *
   * @throws IllegalStateException "This event loop is already running", "Cannot run the event loop
   *     while another loop is running", or "Event loop is closed"
   */
  public void runForever() {
    try {
      runLoop();
    } finally {
      reassertInterrupt();
    }
  }

  /** {@link #runForever()} without setting the thread's interrupt status again. */
  void runLoop() {
    enterRunning();
    try {
      for (; ; ) {
        runOnce();
        if (stopping) {
          break;
        }
      }
      if (abortedByInterrupt) {
        abortedByInterrupt = false;
        throw new CancelledError("event loop thread interrupted");
      }
    } finally {
      leaveRunning();
    }
  }

  private void enterRunning() {
    checkClosed();
    if (thread != null) {
      throw new IllegalStateException("This event loop is already running");
    }
    ThreadState state = ThreadState.current();
    if (state.runningLoop != null) {
      throw new IllegalStateException(
          "Cannot run the event loop while another loop is running");
    }
    threadState = state;
    state.runningLoop = this;
    thread = Thread.currentThread();
    interruptsSeen = 0;
    RunningLoops.started(this);
  }

  private void leaveRunning() {
    RunningLoops.stopped(this);
    stopping = false;
    abortedByInterrupt = false;
    thread = null;
    threadState.runningLoop = null;
    threadState = null;
  }

  /**
   * Every pending task of this loop with its {@linkplain CallGraph call graph}: where it waits and
   * who awaits it; asyncio's {@code pstree}. From any thread: from another one, the loop thread
   * builds the text between two callbacks; if it does not get to it within five seconds (a
   * callback is blocking it), the answer says so and shows the loop thread's Java stack instead.
   */
  public String dumpTasks() {
    Thread owner = thread;
    if (owner == null || owner == Thread.currentThread()) {
      return describeTasks();
    }
    java.util.concurrent.CompletableFuture<String> answer = new java.util.concurrent.CompletableFuture<>();
    try {
      callSoonThreadsafe(() -> answer.complete(describeTasks()));
      return answer.get(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException blocked) {
      StringBuilder text =
          new StringBuilder(this + ": the loop thread did not answer within 5 s; it is at:\n");
      for (StackTraceElement frame : owner.getStackTrace()) {
        text.append("    at ").append(frame).append('\n');
      }
      return text.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return this + ": interrupted while waiting for the loop thread\n";
    } catch (IllegalStateException | java.util.concurrent.ExecutionException e) {
      return this + ": " + e.getMessage() + "\n";
    }
  }

  private String describeTasks() {
    StringBuilder text = new StringBuilder();
    int count = 0;
    for (Task<?> task = firstPending; task != null; task = task.nextPending) {
      count++;
    }
    text.append(this).append(": ").append(count).append(count == 1 ? " pending task" : " pending tasks");
    if (currentTask != null) {
      text.append(", running ").append(currentTask.getName());
    }
    text.append('\n');
    for (Task<?> task = firstPending; task != null; task = task.nextPending) {
      text.append(CallGraph.capture(task).format());
    }
    return text.toString();
  }

  /**
   * Runs the loop until {@code awaitable} is done and returns its result, or throws its exception
   * unchanged. A {@link Coro} is wrapped in a task first. The loop stops as soon as the future is
   * done, even if other tasks are still pending (they stay pending).
   *
   * @throws IllegalStateException "Event loop stopped before Future completed." if {@link #stop()}
   *     ended the run first
   */
  public <T> T runUntilComplete(Awaitable<T> awaitable) {
    try {
      return runUntil(awaitable);
    } finally {
      reassertInterrupt();
    }
  }

  /** {@link #runUntilComplete} without setting the thread's interrupt status again. */
  <T> T runUntil(Awaitable<T> awaitable) {
    Objects.requireNonNull(awaitable, "awaitable");
    checkClosed();
    if (thread != null) {
      throw new IllegalStateException("This event loop is already running");
    }
    boolean newTask = awaitable instanceof Coro;
    Future<T> future = ensureFuture(awaitable);
    Consumer<Future<T>> stopWhenDone = f -> stop();
    future.addDoneCallback(stopWhenDone);
    Future<?> outerTarget = interruptTarget;
    interruptTarget = future;
    try {
      runLoop();
    } catch (RuntimeException | Error e) {
      if (newTask && future.isDone() && !future.isCancelled()) {
        future.exception(); // the caller will never see it: mark it retrieved
      }
      throw e;
    } finally {
      interruptTarget = outerTarget;
      future.removeDoneCallback(stopWhenDone);
    }
    if (!future.isDone()) {
      throw new IllegalStateException("Event loop stopped before Future completed.");
    }
    return future.result();
  }

  /**
   * Stops the loop after the current iteration. Thread-safe: from another thread it also wakes the
   * loop, which then stops after the iteration that follows (callbacks already submitted from other
   * threads run in it first).
   */
  public void stop() {
    stopping = true;
    Thread owner = thread;
    if (owner != null && owner != Thread.currentThread()
        && sleeping.get() && sleeping.compareAndSet(true, false)) {
      wakeUp();
    }
  }

  /** Whether the loop is running on some thread now. */
  public boolean isRunning() {
    return thread != null;
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes the loop: drops every pending callback and timer and shuts the default executor down
   * without waiting. Closing a closed loop does nothing.
   *
   * @throws IllegalStateException "Cannot close a running event loop"
   */
  @Override
  public void close() {
    if (thread != null) {
      throw new IllegalStateException("Cannot close a running event loop");
    }
    if (closed) {
      return;
    }
    if (debug) {
      for (Task<?> task = firstPending; task != null; task = task.nextPending) {
        LOGGER.log(System.Logger.Level.ERROR, "Task was destroyed but it is pending! " + task);
      }
    }
    if (unretrievedWatches != null) {
      UnretrievedExceptions.reportAtClose(this);
    }
    if (debugCoroutines != null) {
      NeverAwaited.reportAtClose(this);
    }
    closed = true;
    ready.clear();
    timers.clear();
    inbox.clear();
    inboxCount.set(0);
    io.close();
    defaultExecutor.shutdownWithoutWaiting();
    java.util.Set<java.util.concurrent.CompletableFuture<?>> pendingElsewhere = handedOut;
    if (pendingElsewhere != null) {
      // Another thread may be blocked in get(): it gets a CancellationException, not a hang.
      for (java.util.concurrent.CompletableFuture<?> future :
          pendingElsewhere.toArray(new java.util.concurrent.CompletableFuture<?>[0])) {
        future.cancel(false);
      }
    }
  }

  /**
   * Registers a {@code CompletableFuture} that another thread may wait on for something this loop
   * does: if the loop closes first, close() cancels it.
   */
  void handOut(java.util.concurrent.CompletableFuture<?> future) {
    java.util.Set<java.util.concurrent.CompletableFuture<?>> set = handedOut;
    if (set == null) {
      synchronized (this) {
        set = handedOut;
        if (set == null) {
          set = java.util.concurrent.ConcurrentHashMap.newKeySet();
          handedOut = set;
        }
      }
    }
    java.util.Set<java.util.concurrent.CompletableFuture<?>> registered = set;
    registered.add(future);
    future.whenComplete((value, error) -> registered.remove(future));
    if (closed) {
      future.cancel(false);
    }
  }

  /**
   * The loop's clock in seconds. Real time: monotonic, shared by every loop in the process. Virtual
   * time ({@link #withVirtualTime()}): starts at 0 and moves only as that method describes.
   */
  public double time() {
    VirtualClock clock = virtualClock;
    return clock == null ? (System.nanoTime() - ORIGIN) / 1e9 : clock.now;
  }

  // ---------------------------------------------------------------------------------------------
  // Driving a virtual-time loop step by step

  /**
   * Runs, without moving the clock, everything that is ready now and everything that becomes ready
   * because of it, until nothing ready is left; timers due at the current time included.
   *
   * @throws IllegalStateException if the loop is not {@linkplain #withVirtualTime() virtual}, is
   *     running, or is closed
   */
  public void runCurrent() {
    drive(virtualClock().now);
  }

  /**
   * Moves the virtual clock forward by {@code seconds}, running in timer order everything that falls
   * due up to and including the new time, with the clock at each timer's deadline when it runs.
   *
   * @throws IllegalArgumentException if {@code seconds} is negative or NaN
   * @throws IllegalStateException as {@link #runCurrent()}
   */
  public void advanceTimeBy(double seconds) {
    if (!(seconds >= 0)) {
      throw new IllegalArgumentException("cannot advance time by " + seconds + " seconds");
    }
    VirtualClock clock = virtualClock();
    double target = clock.now + seconds;
    drive(target);
    if (clock.now < target) {
      clock.now = target;
    }
  }

  /** {@link #advanceTimeBy(double)} with a {@link Duration}. */
  public void advanceTimeBy(Duration delay) {
    advanceTimeBy(seconds(Objects.requireNonNull(delay, "delay")));
  }

  /**
   * Runs until nothing is ready and no timer is left, jumping the clock from timer to timer. Work on
   * other threads is not waited for. A timer that always re-arms itself keeps this from returning.
   *
   * @throws IllegalStateException as {@link #runCurrent()}
   */
  public void advanceUntilIdle() {
    virtualClock();
    drive(Double.POSITIVE_INFINITY);
  }

  private VirtualClock virtualClock() {
    if (virtualClock == null) {
      throw new IllegalStateException("this event loop keeps real time; use EventLoop.withVirtualTime()");
    }
    return virtualClock;
  }

  /** Runs iterations, jumping the virtual clock, while something is ready or due by {@code limit}. */
  private void drive(double limit) {
    VirtualClock clock = virtualClock;
    enterRunning();
    try {
      for (; ; ) {
        drainInbox();
        if (ready.isEmpty()) {
          if (timers.size() == 0 || timers.firstWhen() > limit) {
            break;
          }
          if (timers.firstWhen() > clock.now) {
            clock.now = timers.firstWhen();
          }
        }
        runOnce();
        if (stopping) {
          break;
        }
      }
    } finally {
      leaveRunning();
      reassertInterrupt();
    }
  }

  /**
   * Tells a virtual clock that {@code future} will be completed by another thread: until it is done
   * the clock must not jump, since the other thread's work takes real time.
   */
  void completedByOtherThread(Future<?> future) {
    VirtualClock clock = virtualClock;
    if (clock != null && !future.isDone()) {
      clock.outstanding++;
      future.addDoneCallback(f -> clock.outstanding--);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Scheduling

  /**
   * Schedules {@code callback} to run in the next iteration, after everything already scheduled,
   * in a copy of the current context.
   */
  public Handle callSoon(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    checkScheduling();
    Handle handle = new Handle(this, callback, Context.currentVars());
    ready.addLast(handle);
    return handle;
  }

  /** Like {@link #callSoon(Runnable)}, running {@code callback} in {@code context} itself. */
  public Handle callSoon(Runnable callback, Context context) {
    Objects.requireNonNull(callback, "callback");
    checkScheduling();
    Handle handle =
        new Handle(this, callback, context == null ? Context.currentVars() : context);
    ready.addLast(handle);
    return handle;
  }

  /**
   * Schedules {@code callback} to run {@code delaySeconds} from now (at once, in a later iteration,
   * if the delay is zero or negative).
   *
   * @throws IllegalArgumentException if the delay is NaN
   */
  public TimerHandle callLater(double delaySeconds, Runnable callback) {
    if (Double.isNaN(delaySeconds)) {
      throw new IllegalArgumentException("delay must not be NaN");
    }
    return callAt(time() + delaySeconds, callback);
  }

  /**
   * Schedules {@code callback} to run {@code delay} from now.
   *
   * @throws IllegalArgumentException "delay must not be null"
   */
  public TimerHandle callLater(Duration delay, Runnable callback) {
    if (delay == null) {
      throw new IllegalArgumentException("delay must not be null");
    }
    return callLater(seconds(delay), callback);
  }

  /**
   * Schedules {@code callback} to run at loop time {@code when}. The handle's {@link
   * TimerHandle#when()} is exactly {@code when}.
   */
  public TimerHandle callAt(double when, Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    if (Double.isNaN(when)) {
      throw new IllegalArgumentException("when must not be NaN");
    }
    checkScheduling();
    TimerHandle timer =
        new TimerHandle(this, callback, Context.currentVars(), when);
    timers.add(timer, when, timerSequence++);
    return timer;
  }

  /**
   * Schedules {@code callback} from any thread, and wakes the loop if it is blocked waiting. Calls
   * from one thread run in the order they were made.
   *
   * @throws IllegalStateException "Event loop is closed"
   */
  public Handle callSoonThreadsafe(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    checkClosed();
    Handle handle = new Handle(this, callback, Context.currentVars());
    inbox.add(handle);
    inboxCount.incrementAndGet();
    if (sleeping.get() && sleeping.compareAndSet(true, false)) {
      wakeUp();
    }
    return handle;
  }

  // ---------------------------------------------------------------------------------------------
  // Channels (asyncio's add_reader family)

  /**
   * Calls {@code callback} in every iteration in which {@code channel} is ready to read (for a
   * {@link java.nio.channels.ServerSocketChannel}: to accept), until {@link #removeReader}. The
   * callback runs in a copy of the current context, like {@link #callSoon}. A channel has at most
   * one reader: adding another replaces it. The channel must be open and non-blocking. The loop
   * opens its selector on the first registration.
   *
   * @throws IllegalArgumentException if the channel is closed or in blocking mode
   */
  public Handle addReader(SelectableChannel channel, Runnable callback) {
    return addChannelCallback(channel, false, callback);
  }

  /**
   * Calls {@code callback} in every iteration in which {@code channel} can be written to (for a
   * {@link java.nio.channels.SocketChannel} whose connect is pending: can finish connecting), until
   * {@link #removeWriter}. Otherwise as {@link #addReader}.
   */
  public Handle addWriter(SelectableChannel channel, Runnable callback) {
    return addChannelCallback(channel, true, callback);
  }

  /** Stops watching {@code channel} for reading; returns whether it was watched. */
  public boolean removeReader(SelectableChannel channel) {
    Objects.requireNonNull(channel, "channel");
    return !closed && io.remove(channel, false);
  }

  /** Stops watching {@code channel} for writing; returns whether it was watched. */
  public boolean removeWriter(SelectableChannel channel) {
    Objects.requireNonNull(channel, "channel");
    return !closed && io.remove(channel, true);
  }

  private Handle addChannelCallback(SelectableChannel channel, boolean writer, Runnable callback) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(callback, "callback");
    checkScheduling();
    Handle handle = new Handle(this, callback, Context.currentVars());
    io.add(channel, writer, handle);
    return handle;
  }

  /** The loop's channel selector, for tests of its spin guard. */
  ChannelSelector channelSelector() {
    return io;
  }

  /** A new pending future bound to this loop. */
  public <T> Future<T> createFuture() {
    return new Future<>(this);
  }

  /** Wraps {@code coro} in a task scheduled on this loop, named {@code Task-<n>}. */
  public <T> Task<T> createTask(Coro<T> coro) {
    return createTask(coro, null, null);
  }

  /** Wraps {@code coro} in a task named {@code name} ({@code null}: {@code Task-<n>}). */
  public <T> Task<T> createTask(Coro<T> coro, String name) {
    return createTask(coro, name, null);
  }

  /** Wraps {@code coro} in a task named {@code Task-<n>} that runs in {@code context} itself. */
  public <T> Task<T> createTask(Coro<T> coro, Context context) {
    return createTask(coro, null, context);
  }

  /**
   * Wraps {@code coro} in a task that runs in {@code context} itself, or, when it is {@code null},
   * in a copy of the current context.
   *
   * @throws IllegalStateException "Event loop is closed", or if {@code coro} was already awaited
   */
  @SuppressWarnings("unchecked")
  public <T> Task<T> createTask(Coro<T> coro, String name, Context context) {
    if (coro == null) {
      throw new IllegalArgumentException("a coroutine was expected, got null");
    }
    TaskFactory factory = taskFactory;
    if (factory != null) {
      checkScheduling();
      return (Task<T>) Objects.requireNonNull(
          factory.newTask(this, coro, name, context), "the task factory returned null");
    }
    return newTask(coro, name, context, false);
  }

  /** A task made without the factory: Task.create, and createTask when no factory is set. */
  <T> Task<T> newTask(Coro<T> coro, String name, Context context, boolean eagerStart) {
    checkScheduling();
    if (coro == YieldCoro.BARE) {
      coro = new YieldCoro<>(null); // the shared sleep(0) marker cannot be a task's frame
    }
    return new Task<>(
        this, coro, name, context != null ? context : Context.currentVars(), eagerStart);
  }

  /**
   * Sets the factory that {@link #createTask} uses from now on ({@code null}: plain tasks, started
   * in a later iteration). {@code setTaskFactory(AsyncIO.eagerTaskFactory())} makes every new task
   * start eagerly.
   */
  public void setTaskFactory(TaskFactory factory) {
    taskFactory = factory;
  }

  /** The task factory, or {@code null} when none is set. */
  public TaskFactory getTaskFactory() {
    return taskFactory;
  }

  /**
   * Runs a new eager task's first step now, inside whatever is running (often another task's
   * step): that task's place as the current task, and its context, are put back afterwards.
   */
  void runEagerStep(Task<?> task) {
    Task<?> outerTask = currentTask;
    Object[] outerVarsOutside = varsOutsideTask;
    try {
      runStep(task);
    } finally {
      currentTask = outerTask;
      varsOutsideTask = outerVarsOutside;
    }
  }

  /**
   * Runs {@code function} on {@code executor} ({@code null}: the loop's default executor, a pool of
   * daemon threads created on first use) and returns a future of this loop for its outcome. The
   * current context is <em>not</em> carried into the worker (use {@link AsyncIO#toThread} for
   * that). Cancelling the future before the function starts keeps it from running.
   *
   * @throws IllegalStateException "Executor shutdown has been called" after the default executor
   *     was shut down
   */
  public <T> Future<T> runInExecutor(Executor executor, Callable<T> function) {
    Objects.requireNonNull(function, "function");
    checkScheduling();
    Executor target = executor != null ? executor : defaultExecutor.get();
    Future<T> future = createFuture();
    ExecutorJob<T> job = new ExecutorJob<>(this, future, function);
    future.addDoneCallback(
        f -> {
          if (f.isCancelled()) {
            job.cancel();
          }
        });
    target.execute(job);
    completedByOtherThread(future);
    return future;
  }

  /** Replaces the default executor used by {@code runInExecutor(null, ...)} and {@code toThread}. */
  public void setDefaultExecutor(ExecutorService executor) {
    defaultExecutor.set(Objects.requireNonNull(executor, "executor"));
  }

  /**
   * Shuts the default executor down and returns a future that completes, on this loop, once every
   * job already running on it has finished (waiting at most 300 seconds, as {@code AsyncIO.run}
   * does).
   */
  public Future<Void> shutdownDefaultExecutor() {
    Future<Void> done = createFuture();
    defaultExecutor.shutdown(
        () -> {
          try {
            callSoonThreadsafe(
                () -> {
                  if (!done.isDone()) {
                    done.setResult(null);
                  }
                });
          } catch (IllegalStateException closedMeanwhile) {
            // Nobody is waiting any more.
          }
        });
    return done;
  }

  /**
   * How many callbacks are scheduled and have not run yet: ready callbacks and task steps, timers
   * (cancelled ones are removed at once), and callbacks submitted from other threads. Like Netty's
   * {@code pendingTasks()}: for diagnostics and tests (a finished program should leave 0).
   */
  public int pendingCallbacks() {
    return ready.size() + timers.size() + inbox.size();
  }

  /** The pending tasks of this loop, in creation order. */
  public Set<Task<?>> allTasks() {
    Set<Task<?>> tasks = new LinkedHashSet<>();
    for (Task<?> task = firstPending; task != null; task = task.nextPending) {
      tasks.add(task);
    }
    return tasks;
  }

  /** The task whose step is running now, or null (in a plain callback, or outside the loop). */
  public Task<?> currentTask() {
    return currentTask;
  }

  // ---------------------------------------------------------------------------------------------
  // Debug mode and error reporting

  /** Turns debug mode on or off (DESIGN §4.4): slow-callback and never-retrieved reports. */
  public void setDebug(boolean enabled) {
    debug = enabled;
    if (enabled) {
      DebugMode.enable();
    }
  }

  public boolean isDebug() {
    return debug;
  }

  /** In debug mode, callbacks and task steps that take longer than this are logged. */
  public void setSlowCallbackDuration(double seconds) {
    slowCallbackDuration = seconds;
  }

  public double getSlowCallbackDuration() {
    return slowCallbackDuration;
  }

  /**
   * Sets the handler that receives errors nobody else can: callbacks that throw, exceptions never
   * retrieved, failures during shutdown. It is called as {@code handler.accept(loop, context)} with
   * asyncio's context keys ({@code message}, {@code exception}, {@code future}, {@code task}, {@code
   * handle}). {@code null} restores the default, which logs at ERROR on the {@code io.jasyncio}
   * {@link System.Logger}.
   */
  public void setExceptionHandler(BiConsumer<EventLoop, Map<String, Object>> handler) {
    exceptionHandler = handler;
  }

  public BiConsumer<EventLoop, Map<String, Object>> getExceptionHandler() {
    return exceptionHandler;
  }

  /**
   * Passes {@code context} to the exception handler. If the handler itself throws, that is logged
   * ("Unhandled error in exception handler") and the loop carries on.
   */
  public void callExceptionHandler(Map<String, Object> context) {
    BiConsumer<EventLoop, Map<String, Object>> handler = exceptionHandler;
    if (handler == null) {
      defaultExceptionHandler(context);
      return;
    }
    try {
      handler.accept(this, context);
    } catch (Throwable e) {
      Map<String, Object> failure = new LinkedHashMap<>();
      failure.put("message", "Unhandled error in exception handler");
      failure.put("exception", e);
      failure.put("context", context);
      defaultExceptionHandler(failure);
    }
  }

  /** Logs {@code context} at ERROR on the {@code io.jasyncio} logger. */
  public void defaultExceptionHandler(Map<String, Object> context) {
    StringBuilder text = new StringBuilder(String.valueOf(context.get("message")));
    for (Map.Entry<String, Object> entry : context.entrySet()) {
      String key = entry.getKey();
      if (!key.equals("message") && !key.equals("exception")) {
        text.append('\n').append(key).append(": ").append(entry.getValue());
      }
    }
    Object exception = context.get("exception");
    if (exception instanceof Throwable thrown) {
      LOGGER.log(System.Logger.Level.ERROR, text.toString(), thrown);
    } else {
      LOGGER.log(System.Logger.Level.ERROR, text.toString());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Internals

  /** Generators started on this loop and not finished: closed at shutdown (asyncio's asyncgens). */
  private java.util.Set<AsyncGenerator<?>> asyncGenerators;

  /** The unfinished generators; only the loop thread touches the set. */
  java.util.Set<AsyncGenerator<?>> asyncGenerators() {
    java.util.Set<AsyncGenerator<?>> set = asyncGenerators;
    if (set == null) {
      set = new java.util.LinkedHashSet<>();
      asyncGenerators = set;
    }
    return set;
  }

  /** Debug mode: coroutines created while this loop ran, not awaited yet. */
  java.util.Set<NeverAwaited.Watch> debugCoroutines() {
    java.util.Set<NeverAwaited.Watch> watches = debugCoroutines;
    if (watches == null) {
      synchronized (this) {
        watches = debugCoroutines;
        if (watches == null) {
          watches = java.util.concurrent.ConcurrentHashMap.newKeySet();
          debugCoroutines = watches;
        }
      }
    }
    return watches;
  }

  java.util.Set<UnretrievedExceptions.Watch> unretrievedWatches() {
    java.util.Set<UnretrievedExceptions.Watch> watches = unretrievedWatches;
    if (watches == null) {
      synchronized (this) {
        watches = unretrievedWatches;
        if (watches == null) {
          watches = java.util.concurrent.ConcurrentHashMap.newKeySet();
          unretrievedWatches = watches;
        }
      }
    }
    return watches;
  }

  private void runOnce() {
    if (Thread.interrupted()) {
      interrupted();
    }
    long waitNanos;
    if (!ready.isEmpty() || stopping) {
      waitNanos = 0;
    } else {
      if (timers.size() > 0) {
        double seconds = timers.firstWhen() - time();
        waitNanos = seconds <= 0 ? 0 : (long) Math.min(Math.ceil(seconds * 1e9), MAX_WAIT_NANOS);
      } else {
        waitNanos = -1;
      }
    }
    VirtualClock clock = virtualClock;
    if (clock == null) {
      waitForEvents(waitNanos);
    } else if (waitNanos > 0 && clock.outstanding == 0 && !io.inUse() && inbox.isEmpty()) {
      clock.now = Math.max(clock.now, timers.firstWhen()); // nothing else can happen first
      waitForEvents(0);
    } else {
      long before = System.nanoTime();
      waitForEvents(waitNanos);
      if (waitNanos != 0) {
        clock.now += (System.nanoTime() - before) / 1e9; // waited in real time
      }
    }

    if (timers.size() > 0) {
      double end = time() + CLOCK_RESOLUTION;
      while (timers.size() > 0 && timers.firstWhen() < end) {
        ready.addLast(timers.poll());
      }
    }

    // Only the callbacks ready now: those they schedule run in the next iteration.
    for (int n = ready.size(); n > 0; n--) {
      Object item = ready.pollFirst();
      if (item instanceof Task<?> task) {
        runStep(task);
      } else if (item instanceof Handle handle) {
        if (!handle.cancelled) {
          runHandle(handle);
        }
      } else {
        ((SleepCoro.Timed<?>) item).fire();
      }
    }
  }

  /**
   * Waits up to {@code nanos} (0: not at all, -1: without limit) for I/O and for work from other
   * threads. Callbacks submitted from other threads join the ready queue first, then those of
   * channels that became ready. Without registered channels this parks the thread (or returns at
   * once): no system call.
   */
  private void waitForEvents(long nanos) {
    boolean polling = io.inUse();
    if (!polling) {
      io.dropClosedKeys();
    }
    if (nanos != 0) {
      waitsInSelector = polling;
      sleeping.set(true);
      // Looked at after announcing the sleep: a thread that submitted or stopped before it saw
      // no sleeper to wake, so the loop must see its work here instead of sleeping through it.
      if (stopping || !inbox.isEmpty()) {
        sleeping.set(false);
        if (polling) {
          drainInbox();
          io.pollNow();
          return;
        }
      } else if (polling) {
        io.poll(nanos, sleeping);
        drainInbox();
        return;
      } else {
        if (nanos < 0) {
          LockSupport.park(this);
        } else {
          LockSupport.parkNanos(this, nanos);
        }
        sleeping.set(false);
      }
      drainInbox();
      return;
    }
    drainInbox();
    if (polling) {
      io.pollNow();
    }
  }

  /**
   * Moves what other threads submitted to the ready queue: at most as many handles as were counted
   * when this began, not whatever keeps arriving meanwhile (asyncio's _run_once likewise runs only
   * what was ready when the iteration began), and at most {@link #INBOX_BATCH} of them, so that an
   * iteration stays short however much other threads submit: timers, I/O and {@code stop()} are
   * looked at again after every batch (Netty bounds its task runs the same way). Callbacks from one
   * thread still run in the order they were submitted.
   */
  private void drainInbox() {
    int present = Math.min(inboxCount.get(), INBOX_BATCH);
    int taken = 0;
    for (Handle handle; taken < present && (handle = inbox.poll()) != null; taken++) {
      ready.addLast(handle);
    }
    if (taken > 0) {
      inboxCount.addAndGet(-taken);
    }
  }

  /** Appends a handle whose channel is ready; called while polling. */
  void addReady(Handle handle) {
    ready.addLast(handle);
  }

  /**
   * The loop thread was interrupted (a parked or selecting thread wakes at once, and would spin if
   * the interrupt were left set). See {@link #runForever()} for what it does.
   */
  private void interrupted() {
    interruptsSeen++;
    interruptedWhileRunning = true;
    Future<?> target = interruptTarget;
    if (interruptsSeen == 1 && target != null && !target.isDone()) {
      target.cancel("event loop thread interrupted");
    } else {
      stopping = true;
      abortedByInterrupt = true;
    }
  }

  /** Sets the thread's interrupt status again if an interrupt was consumed while running. */
  void reassertInterrupt() {
    if (interruptedWhileRunning) {
      interruptedWhileRunning = false;
      Thread.currentThread().interrupt();
    }
  }

  private void wakeUp() {
    if (waitsInSelector) {
      io.wakeup();
      return;
    }
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  private void runStep(Task<?> task) {
    if (task.isDone()) {
      return;
    }
    long start = debug ? System.nanoTime() : 0;
    try {
      task.step();
    } catch (Throwable e) {
      reportCallbackError(task, e);
    }
    if (debug) {
      reportIfSlow(task, start);
    }
  }

  private void runHandle(Handle handle) {
    Context cell = threadState.context;
    Object[] saved = cell.vars;
    Object context = handle.context;
    Context explicit = context instanceof Context c ? c : null;
    cell.vars = explicit != null ? explicit.vars : (Object[]) context;
    long start = debug ? System.nanoTime() : 0;
    try {
      handle.invoke();
    } catch (Throwable e) {
      reportCallbackError(handle, e);
    } finally {
      if (explicit != null) {
        explicit.vars = cell.vars;
      }
      cell.vars = saved;
    }
    if (debug) {
      reportIfSlow(handle, start);
    }
  }

  private void reportCallbackError(Object what, Throwable e) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("message", "Exception in callback " + what);
    context.put("exception", e);
    context.put(what instanceof Task ? "task" : "handle", what);
    callExceptionHandler(context);
  }

  private void reportIfSlow(Object what, long startNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    if (seconds >= slowCallbackDuration) {
      String where = what.toString();
      LOGGER.log(
          System.Logger.Level.WARNING,
          String.format("Executing %s took %.3f seconds", where, seconds));
    }
  }

  void enterTask(Task<?> task) {
    currentTask = task;
    Context cell = threadState.context;
    varsOutsideTask = cell.vars;
    cell.vars = task.context instanceof Context c ? c.vars : (Object[]) task.context;
  }

  void leaveTask(Task<?> task) {
    Context cell = threadState.context;
    if (task.context instanceof Context c) {
      c.vars = cell.vars;
    } else {
      task.context = cell.vars;
    }
    cell.vars = varsOutsideTask;
    varsOutsideTask = null;
    currentTask = null;
  }

  /** Puts a sleep's own future in the timer heap, after the timers already due at {@code when}. */
  void addTimer(TimerEntry timer, double when) {
    timers.add(timer, when, timerSequence++);
  }

  /** Schedules a task's step (its first one, or after a bare yield). */
  void scheduleStep(Task<?> task) {
    ready.addLast(task);
  }

  /** Schedules one done-callback of {@code future}: a task's wake-up, or a user callback. */
  void scheduleDoneCallback(Object callback) {
    if (callback instanceof Task<?> task) {
      ready.addLast(task);
    } else {
      checkClosed();
      ready.addLast((Future.DoneCallback) callback);
    }
  }

  void register(Task<?> task) {
    task.previousPending = lastPending;
    if (lastPending == null) {
      firstPending = task;
    } else {
      lastPending.nextPending = task;
    }
    lastPending = task;
  }

  void unregister(Task<?> task) {
    Task<?> previous = task.previousPending;
    Task<?> next = task.nextPending;
    if (previous == null) {
      firstPending = next;
    } else {
      previous.nextPending = next;
    }
    if (next == null) {
      lastPending = previous;
    } else {
      next.previousPending = previous;
    }
    task.previousPending = null;
    task.nextPending = null;
  }

  /**
   * asyncio's {@code ensure_future(obj, loop=this)}: a {@link Future} of this loop returned as it is;
   * a {@link Coro} wrapped in a new task of this loop, as {@link #createTask(Coro)} does (the loop
   * need not be running: the task starts when it runs). Unlike {@code createTask}, it accepts a
   * future, which makes it the way to take "a coroutine or a future" alike.
   *
   * @throws IllegalArgumentException "The future belongs to a different loop than the one
   *     specified as the loop argument", or for {@code null}
   */
  @SuppressWarnings("unchecked")
  public <T> Future<T> ensureFuture(Awaitable<T> awaitable) {
    if (awaitable == null) {
      throw new IllegalArgumentException("An asyncio.Future, a coroutine or an awaitable is required");
    }
    if (awaitable instanceof Coro<T> coro) {
      return createTask(coro);
    }
    Future<T> future = (Future<T>) awaitable;
    if (future.loop != this) {
      throw new IllegalArgumentException(
          "The future belongs to a different loop than the one specified as the loop argument");
    }
    return future;
  }

  boolean isLoopThread() {
    return thread == Thread.currentThread();
  }

  private void checkClosed() {
    if (closed) {
      throw new IllegalStateException("Event loop is closed");
    }
  }

  private void checkScheduling() {
    checkClosed();
    if (debug) {
      Thread owner = thread;
      if (owner != null && owner != Thread.currentThread()) {
        throw new IllegalStateException(
            "Non-thread-safe operation invoked on an event loop other than the current one");
      }
    }
  }

  static double seconds(Duration duration) {
    return duration.getSeconds() + duration.getNano() / 1e9;
  }

  @Override
  public String toString() {
    return "<EventLoop running="
        + isRunning()
        + " closed="
        + closed
        + " debug="
        + debug
        + ">";
  }
}
