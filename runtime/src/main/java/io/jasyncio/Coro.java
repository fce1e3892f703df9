package io.jasyncio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A coroutine: one call of an {@code @Async} method, as a resumable state machine. Calling the
 * method creates it without running any of its body; awaiting it, or wrapping it in a {@link Task},
 * runs it. A {@code Coro} runs once: a second await (or a second task) is refused with an {@link
 * IllegalStateException}, as Python refuses to reuse an awaited coroutine.
 *
 * <h2>The coroutine contract</h2>
 *
 * The annotation processor generates one subclass per {@code @Async} method; the runtime's own
 * coroutines ({@code sleep}, {@code waitFor}, ...) are written by hand in the same shape. This is
 * the whole contract between the two. Every member a subclass sees starts with {@code $}, so that
 * no name in a user's body can bind to the base class by accident.
 *
 * <h3>States and {@link #$resume}</h3>
 *
 * A subclass implements {@link #$resume(Object, Throwable)}: a loop around a {@code switch
 * ($label)}. State {@code 0} is the entry state: it is entered exactly once, when the coroutine
 * starts, and no transition ever targets it again. Each call of {@code $resume} runs the body from
 * state {@code $label} until one of three things happens:
 *
 * <table>
 *   <caption>What {@code $resume} reports</caption>
 *   <tr><th>Outcome</th><th>How it is reported</th></tr>
 *   <tr><td>suspended on X</td><td>{@code $label} is set to the state that continues after the
 *       await, {@code $await(x)} has registered the suspension with the task, and {@code $resume}
 *       returns {@link #$SUSPEND}</td></tr>
 *   <tr><td>completed with v</td><td>{@code $resume} returns {@code v} (any value, {@code null}
 *       included)</td></tr>
 *   <tr><td>failed with e</td><td>{@code $resume} throws {@code e}, unchanged (checked exceptions
 *       and {@code Error}s included)</td></tr>
 * </table>
 *
 * <h3>An await point</h3>
 *
 * An {@code await(x)} in state {@code n} becomes:
 *
 * <pre>{@code
 * $label = n + 1;                                      // where to continue
 * if (($in = $await(x)) == $SUSPEND) return $SUSPEND;  // suspended: the task resumes us later
 * // fall through to case n + 1 with the value in $in
 * }</pre>
 *
 * {@code $await} returns the value at once when {@code x} is a done future, or a coroutine that
 * completes without suspending; it throws at once when either failed. In both cases the machine
 * carries on without a trip through the loop. Otherwise it returns {@link #$SUSPEND} and the
 * machine returns it too.
 *
 * <h3>Resuming, and how an exception reaches the await point</h3>
 *
 * The task resumes a suspended machine by calling {@code $resume(value, null)} when what it awaited
 * produced {@code value}, or {@code $resume(null, error)} when it failed or the task was cancelled
 * ({@link CancelledError}). The machine's first act is {@code if ($err != null) throw $err;}
 * <em>inside</em> the region of state {@code $label}, so the error surfaces exactly at the await
 * point: it is caught by the {@code catch} clauses that enclose that await in the user's code (the
 * generated try-table routes it by {@code $label}), runs the enclosing {@code finally} blocks, or
 * fails the coroutine. A typed value is recovered with {@code $result(witness, $in)}.
 *
 * <h3>Frames and the task</h3>
 *
 * A {@link Task} drives a stack of coroutine frames, innermost on top. {@link #$await(Coro)}
 * <em>calls the child's {@code $resume} directly</em> (Kotlin's fast path): a child that completes
 * without suspending costs one virtual call and no allocation. When that nesting reaches a small
 * bound ({@value #$MAX_INLINE_DEPTH} frames), the child is instead handed to the task, which runs
 * it from its own loop: the task resumes the innermost frame; when a frame completes, the task
 * resumes its caller with the value or the exception; when a frame suspends on a future, the task
 * returns to the event loop. The task steps frames in a loop, never by recursion, so a chain of a
 * million awaits needs no more Java stack than {@value #$MAX_INLINE_DEPTH} frames.
 *
 * <h3>Thread-safety</h3>
 *
 * None: a coroutine belongs to the loop thread of the task that runs it.
 *
 * @param <T> the type of the value the coroutine completes with
 */
public abstract non-sealed class Coro<T> implements Awaitable<T> {

  /** Returned by {@link #$resume} to say "suspended; the task will resume me". */
  protected static final Object $SUSPEND = new Object() {
        @Override
        public String toString() {
          return "$SUSPEND";
        }
      };

  /**
   * How many coroutine frames a chain of awaits may nest on the Java stack before the task takes
   * over. Deep enough that ordinary layered code never pays for a trip through the task loop,
   * shallow enough that any thread's stack holds it.
   */
  protected static final int $MAX_INLINE_DEPTH = 64;

  /**
   * Returned by a state of a large machine, split into one method per state: "go on with the
   * state {@link #$label} now names". Never returned by {@link #$resume}.
   */
  protected static final Object $NEXT = new Object() {
        @Override
        public String toString() {
          return "$NEXT";
        }
      };

  /**
   * The state {@link #$resume} enters next; 0 only before the first resume. A short, so that it
   * and {@link #$depth} share the word after the object header: a frame is no bigger for them.
   * (A machine has at most 32,767 states; the processor refuses a larger one.)
   */
  protected short $label;

  /** The task running this coroutine; set once, when it is first awaited or wrapped in a task. */
  Task<?> $task;

  /** The frame awaiting this one while it runs, or {@code null} for a task's root frame. */
  Coro<?> $caller;

  /** How many frames below this one are on the Java stack: 0 when its task resumed it. */
  byte $depth;


  protected Coro() {
    if (DebugMode.trackCoroutines) {
      NeverAwaited.watch(this);
    }
  }

  /**
   * Runs the body from state {@link #$label}.
   *
   * @param $in the value produced by what the coroutine was suspended on ({@code null} on the
   *     first call)
   * @param $err the exception to throw at the await point where the coroutine is suspended, or
   *     {@code null}
   * @return the coroutine's result, or {@link #$SUSPEND}
   * @throws Throwable the coroutine's failure, unchanged
   */
  protected abstract Object $resume(Object $in, Throwable $err) throws Throwable;

  /**
   * Where this coroutine is: its method and the original source line of its current state, for
   * stack traces, {@link Task#getStack()} and error messages. Generated machines override it.
   */
  protected StackTraceElement $where() {
    return new StackTraceElement(getClass().getName(), "coroutine", null, -1);
  }

  /**
   * {@link #$where} of a frame that is running now, on this thread: its line is that of the code
   * it is running (read from the Java stack), not of its last suspension, which is all its stored
   * state says while it runs.
   */
  final StackTraceElement whereRunning() {
    StackTraceElement where = $where();
    StackTraceElement[] stack = new Throwable().getStackTrace();
    int at = AwaitTrace.resumeOf(this, stack, 0);
    if (at < 0) {
      return where;
    }
    return AwaitTrace.running(this, where, stack[at]);
  }

  /**
   * Whether an exception that leaves this frame shows it in its stack trace ({@link AwaitTrace}):
   * false for the runtime's own steps that stand between the user's frames (a generator's step,
   * the close of an async for-each loop), which would show a frame twice or one that is nobody's.
   */
  boolean tracedAsFrame() {
    return true;
  }

  /**
   * The original source line of a line of the generated file, or -1. Generated machines override
   * it with their line table, so that a stack trace can name the user's line an exception came
   * from.
   */
  protected int $sourceLine(int generatedLine) {
    return -1;
  }

  /** Looks a line up in a table of (generated line, original line) pairs sorted by the first. */
  protected static int $lookup(int[] pairs, int generatedLine) {
    int found = -1;
    for (int i = 0; i + 1 < pairs.length && pairs[i] <= generatedLine; i += 2) {
      found = pairs[i + 1];
    }
    return found;
  }

  // ---------------------------------------------------------------------------------------------
  // Await points

  /** Awaits a coroutine: runs it inline in this task. See the class comment. */
  protected final Object $await(Coro<?> child) throws Throwable {
    if (child == YieldCoro.BARE) {
      $task.yieldOnce(this); // sleep(0): this frame itself yields for one iteration
      return $SUSPEND;
    }
    if (!$enter(child)) {
      return $SUSPEND;
    }
    Object out;
    try {
      out = child.$resume(null, null);
    } catch (Throwable e) {
      throw $failed(child, e);
    }
    return $left(child, out);
  }

  // The static $now(parent, ..) entry of a generated machine creates the machine and awaits it
  // from parent in one method, as Kotlin's suspend function allocates its own continuation: when
  // the JIT compiles that method apart from its caller, the machine of a child that completes
  // without suspending still never leaves it, and is not allocated. These are $enter, $left and
  // $failed for it.

  /**
   * {@code parent.$enter(this)}, for the static {@code $now} entry of this machine's class.
   *
   * @hidden
   */
  protected final boolean $enteredBy(Coro<?> parent) {
    return parent.$enter(this);
  }

  /**
   * {@code parent.$left(this, out)}, for the static {@code $now} entry of this machine's class.
   *
   * @hidden
   */
  protected final Object $leftTo(Coro<?> parent, Object out) {
    return parent.$left(this, out);
  }

  /**
   * {@link #$failed}, for the static {@code $now} entry of a machine class: the frame that {@code
   * error} left is described, not passed (its class, where it was, its table of lines), so that
   * the code that handles the exception does not keep the machine from being optimized away.
   *
   * @hidden
   */
  protected static Throwable $failedAt(
      Throwable error, Class<?> machine, StackTraceElement where, int[] sourceLines) {
    AwaitTrace.record(
        machine.getName(), where, generated -> $lookup(sourceLines, generated), 0, error);
    return error;
  }

  // An await of a coroutine whose class the generated code knows (Machine#awaitDirect): the same
  // steps as $await(Coro), with the child's $resume called from the generated code itself, so
  // that its call site sees one class and the JIT can inline the child.

  /**
   * Binds {@code child} to this frame's task and says whether it may run inline now; when the
   * inline depth is reached, hands it to the task instead (the caller then suspends).
   *
   * @hidden
   */
  protected final boolean $enter(Coro<?> child) {
    // The common case in a few bytecodes, so that it inlines into every await: a new child, no
    // debug tracking. The child learns its caller only if it suspends ($left) or goes to the task:
    // one that completes at once costs one store of a reference.
    Task<?> task = $task;
    int depth = $depth + 1;
    if (child.$task != null || DebugMode.trackCoroutines || depth >= $MAX_INLINE_DEPTH) {
      return enterRarely(child);
    }
    child.$task = task;
    // The depth travels with the frames (fields of objects the JIT can drop), not in the task.
    child.$depth = (byte) depth;
    return true;
  }

  /** {@link #$enter} when the child was awaited before, debug tracks it, or the stack is deep. */
  private boolean enterRarely(Coro<?> child) {
    child.$bind($task, this);
    int depth = $depth + 1;
    if (depth >= $MAX_INLINE_DEPTH) {
      child.$caller = this;
      $task.startNext(child);
      return false;
    }
    child.$depth = (byte) depth;
    return true;
  }

  /**
   * The child run inline returned {@code out}: a value, or {@link #$SUSPEND}, in which case the
   * task will resume this frame once the child is done.
   *
   * @hidden
   */
  protected final Object $left(Coro<?> child, Object out) {
    if (out == $SUSPEND) {
      child.$caller = this;
    }
    return out;
  }

  /**
   * {@code error} was caught by the code of this frame (a catch or a finally, which may rethrow it
   * after awaits elsewhere): its stack trace shows this frame from here on, at the statement it was
   * running, as plain Java's shows the method that catches an exception.
   *
   * @hidden
   */
  protected final void $caught(Throwable error) {
    AwaitTrace.record(this, error);
  }

  /**
   * The child run inline threw {@code error}: returns it, to be thrown on.
   *
   * @hidden
   */
  protected final Throwable $failed(Coro<?> child, Throwable error) {
    AwaitTrace.record(child, error);
    return error;
  }

  /** Awaits a future: its outcome at once if it is done, else suspends the task on it. */
  protected final Object $await(Future<?> future) throws Throwable {
    if (future.isDone()) {
      return future.outcome();
    }
    Task<?> task = $task;
    if (future == task) {
      throw new IllegalStateException("Task cannot await on itself: " + task);
    }
    if (future.loop != task.loop) {
      throw new IllegalStateException(
          "Task " + task + " got Future " + future + " attached to a different loop");
    }
    task.suspendOn(future, this);
    return $SUSPEND;
  }

  /** Awaits any awaitable: a coroutine inline, a future by suspending. */
  protected final Object $await(Awaitable<?> awaitable) throws Throwable {
    if (awaitable instanceof Coro<?> coro) {
      return $await(coro);
    }
    if (awaitable == null) {
      throw new NullPointerException("await(null) in " + $where());
    }
    return $await((Future<?>) awaitable);
  }

  /**
   * Awaits what a coroutine's body returns ({@code return other();}), typed here only as a value:
   * a body that returns something else is javac's error on the user's line, and the code written
   * for it must still compile, so as not to say that error again.
   *
   * @hidden
   */
  protected final Object $awaitReturned(Object value) throws Throwable {
    // Only a Coro (or null) reaches here from a body javac compiled: an @Async method returns a
    // Coro, so that is all its return can hold; this is the await of a Coro-typed expression.
    return $await((Coro<?>) value);
  }

  /**
   * Awaits a {@link CompletionStage}: its outcome at once if it is a completed {@link
   * CompletableFuture}, else suspends until it completes. The task resumes on its loop thread,
   * never on the thread that completed the stage. A {@link java.util.concurrent.CompletionException}
   * wrapper is removed, so the original exception arrives.
   */
  protected final Object $await(CompletionStage<?> stage) throws Throwable {
    if (stage == null) {
      throw new NullPointerException("await(null) in " + $where());
    }
    if (stage instanceof CompletableFuture<?> cf && cf.isDone()) {
      return CompletionStages.outcomeOf(cf);
    }
    return $await(CompletionStages.toFuture(stage, $task.loop));
  }

  /**
   * Binds this coroutine to the task that will run it; refuses a second binding. {@code caller},
   * the frame that awaits it (null for a task's own coroutine), only names it in that refusal.
   */
  final void $bind(Task<?> task, Coro<?> caller) {
    if ($task != null) {
      throw new IllegalStateException(
          "cannot reuse already awaited coroutine "
              + this
              + ": a Coro runs once; call the @Async method again for a new one"
              + (caller == null ? "" : " (awaited again in " + caller.whereRunning() + ")"));
    }
    $task = task;
    if (DebugMode.trackCoroutines) {
      NeverAwaited.awaited(this);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Witnesses: typed values out of the untyped $in, for generated code. The witness argument is
  // the original expression inside a constant-false conditional ("false ? expr : null"): javac
  // infers T from it and never evaluates it. Where the expression names locals that are out of
  // scope at the read, it is a lambda that declares them first ("false ? () -> { ... } : null");
  // javac writes a never-called method for each such lambda, and attributing it costs the build
  // more than the bare expression, so the processor writes the bare one whenever it can.

  /**
   * The type of an awaited {@link Awaitable} expression, for {@code $result}.
   *
   * @hidden
   */
  @FunctionalInterface
  protected interface $Awaited<T> {
    Awaitable<T> get() throws Throwable;
  }

  /**
   * The type of an awaited {@link CompletionStage} expression.
   *
   * @hidden
   */
  @FunctionalInterface
  protected interface $Staged<T> {
    CompletionStage<T> get() throws Throwable;
  }

  /**
   * {@code value}, typed as the result of the awaitable expression {@code witness} (never
   * evaluated: it is the branch of a constant-false conditional).
   *
   * @hidden
   */
  @SuppressWarnings("unchecked")
  protected static <T> T $result(Awaitable<T> witness, Object value) {
    return (T) value;
  }

  /**
   * {@code value}, typed as the result of the completion stage expression {@code witness} (never
   * evaluated).
   *
   * @hidden
   */
  @SuppressWarnings("unchecked")
  protected static <T> T $result(CompletionStage<T> witness, Object value) {
    return (T) value;
  }

  /**
   * {@code value}, typed as the result of the awaitable expression in {@code witness}.
   *
   * @hidden
   */
  @SuppressWarnings("unchecked")
  protected static <T> T $result($Awaited<T> witness, Object value) {
    return (T) value;
  }

  /**
   * {@code value}, typed as the result of the completion stage expression in {@code witness}.
   *
   * @hidden
   */
  @SuppressWarnings("unchecked")
  protected static <T> T $result($Staged<T> witness, Object value) {
    return (T) value;
  }

  // Spilled operands: an operand evaluated before an await in the same expression is kept in a
  // field across the suspension and read back with its exact static type, primitives included
  // (overload resolution picks the primitive witness that matches the expression exactly). Here
  // the witness is a plain lambda, since javac only ranks the primitive overloads for a lambda
  // argument.

  /** @hidden */
  @FunctionalInterface
  protected interface $Value<T> {
    T get() throws Throwable;
  }

  /** @hidden */
  @FunctionalInterface
  protected interface $Boolean {
    boolean get() throws Throwable;
  }

  /** @hidden */
  @FunctionalInterface
  protected interface $Byte {
    byte get() throws Throwable;
  }

  /** @hidden */
  @FunctionalInterface
  protected interface $Short {
    short get() throws Throwable;
  }

  /** @hidden */
  @FunctionalInterface
  protected interface $Char {
    char get() throws Throwable;
  }

  /** @hidden */
  @FunctionalInterface
  protected interface $Int {
    int get() throws Throwable;
  }

  /** @hidden */
  @FunctionalInterface
  protected interface $Long {
    long get() throws Throwable;
  }

  /** @hidden */
  @FunctionalInterface
  protected interface $Float {
    float get() throws Throwable;
  }

  /** @hidden */
  @FunctionalInterface
  protected interface $Double {
    double get() throws Throwable;
  }

  /** @hidden */
  @SuppressWarnings("unchecked")
  protected static <T> T $spilled($Value<T> witness, Object value) {
    return (T) value;
  }

  /** @hidden */
  protected static boolean $spilled($Boolean witness, Object value) {
    return (Boolean) value;
  }

  /** @hidden */
  protected static byte $spilled($Byte witness, Object value) {
    return (Byte) value;
  }

  /** @hidden */
  protected static short $spilled($Short witness, Object value) {
    return (Short) value;
  }

  /** @hidden */
  protected static char $spilled($Char witness, Object value) {
    return (Character) value;
  }

  /** @hidden */
  protected static int $spilled($Int witness, Object value) {
    return (Integer) value;
  }

  /** @hidden */
  protected static long $spilled($Long witness, Object value) {
    return (Long) value;
  }

  /** @hidden */
  protected static float $spilled($Float witness, Object value) {
    return (Float) value;
  }

  /** @hidden */
  protected static double $spilled($Double witness, Object value) {
    return (Double) value;
  }

  // $same: the identity, exact for every primitive type (invocation contexts never narrow), so
  // that a witness of a constant ("() -> $same(10)") has the constant's own type instead of
  // matching byte, short and char lambdas alike through constant narrowing.

  /** @hidden */
  protected static <T> T $same(T value) {
    return value;
  }

  /** @hidden */
  protected static boolean $same(boolean value) {
    return value;
  }

  /** @hidden */
  protected static byte $same(byte value) {
    return value;
  }

  /** @hidden */
  protected static short $same(short value) {
    return value;
  }

  /** @hidden */
  protected static char $same(char value) {
    return value;
  }

  /** @hidden */
  protected static int $same(int value) {
    return value;
  }

  /** @hidden */
  protected static long $same(long value) {
    return value;
  }

  /** @hidden */
  protected static float $same(float value) {
    return value;
  }

  /** @hidden */
  protected static double $same(double value) {
    return value;
  }

  // For-each loops across await points: the loop keeps a cursor in a field. $cursor picks the
  // kind by the iterated expression's static type; $next reads the element with that type (the
  // witness is the iterated expression).

  /** @hidden */
  protected static Object $cursor(Iterable<?> items) {
    return items.iterator();
  }

  /** @hidden */
  protected static Object $cursor(Object[] items) {
    return new ArrayCursor(items, items.length);
  }

  /** @hidden */
  protected static Object $cursor(boolean[] items) {
    return new ArrayCursor(items, items.length);
  }

  /** @hidden */
  protected static Object $cursor(byte[] items) {
    return new ArrayCursor(items, items.length);
  }

  /** @hidden */
  protected static Object $cursor(short[] items) {
    return new ArrayCursor(items, items.length);
  }

  /** @hidden */
  protected static Object $cursor(char[] items) {
    return new ArrayCursor(items, items.length);
  }

  /** @hidden */
  protected static Object $cursor(int[] items) {
    return new ArrayCursor(items, items.length);
  }

  /** @hidden */
  protected static Object $cursor(long[] items) {
    return new ArrayCursor(items, items.length);
  }

  /** @hidden */
  protected static Object $cursor(float[] items) {
    return new ArrayCursor(items, items.length);
  }

  /** @hidden */
  protected static Object $cursor(double[] items) {
    return new ArrayCursor(items, items.length);
  }

  // Loops over awaitEach(source): the loop keeps the iterator in a field, awaits $step before each
  // pass, reads the element with the loop variable's type ($element: the witness is the
  // awaitEach(..) expression, an Iterable<E> to javac), and awaits $exit when it is left early.

  /** @hidden */
  protected static AsyncIterator<?> $aiter(AsyncIterable<?> source) {
    if (source == null) {
      throw new NullPointerException("awaitEach(null)");
    }
    AsyncIterator<?> iterator = source.aiter();
    if (iterator == null) {
      throw new NullPointerException(source + ".aiter() returned null");
    }
    return iterator;
  }

  /**
   * Awaits the next element of an async for-each loop's iterator: its value, {@link
   * AsyncIterator#END}, or {@link #$SUSPEND}. A generator's body runs right here, without the
   * request object an await of {@code nextOrEnd()} would need, as long as it does not suspend.
   *
   * @hidden
   */
  protected final Object $awaitNext(AsyncIterator<?> iterator) throws Throwable {
    if (iterator instanceof AsyncGenerator<?> generator) {
      return generator.next(this);
    }
    return $await(iterator.nextOrEnd());
  }

  /** @hidden */
  protected static boolean $ended(Object element) {
    return element == AsyncIterator.END;
  }

  /** @hidden */
  @SuppressWarnings("unchecked")
  protected static <E> E $element($Iterable<E> witness, Object element) {
    return (E) element;
  }

  /** @hidden */
  @SuppressWarnings("unchecked")
  protected static <E> E $element(Iterable<? extends E> witness, Object element) {
    return (E) element;
  }

  /** @hidden */
  protected static Coro<Void> $exit(AsyncIterator<?> iterator, Throwable pending) {
    return new AsyncForExit(iterator, pending);
  }

  /** @hidden */
  protected static boolean $hasNext(Object cursor) {
    return cursor instanceof java.util.Iterator<?> iterator
        ? iterator.hasNext()
        : ((ArrayCursor) cursor).hasNext();
  }

  /** @hidden */
  @FunctionalInterface
  protected interface $Iterable<E> {
    Iterable<? extends E> get() throws Throwable;
  }

  /** @hidden */
  @FunctionalInterface
  protected interface $Array<E> {
    E[] get() throws Throwable;
  }

  /** @hidden */
  @FunctionalInterface
  protected interface $BooleanArray {
    boolean[] get() throws Throwable;
  }

  /** @hidden */
  @FunctionalInterface
  protected interface $ByteArray {
    byte[] get() throws Throwable;
  }

  /** @hidden */
  @FunctionalInterface
  protected interface $ShortArray {
    short[] get() throws Throwable;
  }

  /** @hidden */
  @FunctionalInterface
  protected interface $CharArray {
    char[] get() throws Throwable;
  }

  /** @hidden */
  @FunctionalInterface
  protected interface $IntArray {
    int[] get() throws Throwable;
  }

  /** @hidden */
  @FunctionalInterface
  protected interface $LongArray {
    long[] get() throws Throwable;
  }

  /** @hidden */
  @FunctionalInterface
  protected interface $FloatArray {
    float[] get() throws Throwable;
  }

  /** @hidden */
  @FunctionalInterface
  protected interface $DoubleArray {
    double[] get() throws Throwable;
  }

  /** @hidden */
  @SuppressWarnings("unchecked")
  protected static <E> E $next($Iterable<E> witness, Object cursor) {
    return (E) ((java.util.Iterator<?>) cursor).next();
  }

  /** @hidden */
  @SuppressWarnings("unchecked")
  protected static <E> E $next($Array<E> witness, Object cursor) {
    return (E) ((ArrayCursor) cursor).next();
  }

  /** @hidden */
  protected static boolean $next($BooleanArray witness, Object cursor) {
    return ((ArrayCursor) cursor).nextBoolean();
  }

  /** @hidden */
  protected static byte $next($ByteArray witness, Object cursor) {
    return ((ArrayCursor) cursor).nextByte();
  }

  /** @hidden */
  protected static short $next($ShortArray witness, Object cursor) {
    return ((ArrayCursor) cursor).nextShort();
  }

  /** @hidden */
  protected static char $next($CharArray witness, Object cursor) {
    return ((ArrayCursor) cursor).nextChar();
  }

  /** @hidden */
  protected static int $next($IntArray witness, Object cursor) {
    return ((ArrayCursor) cursor).nextInt();
  }

  /** @hidden */
  protected static long $next($LongArray witness, Object cursor) {
    return ((ArrayCursor) cursor).nextLong();
  }

  /** @hidden */
  protected static float $next($FloatArray witness, Object cursor) {
    return ((ArrayCursor) cursor).nextFloat();
  }

  /** @hidden */
  protected static double $next($DoubleArray witness, Object cursor) {
    return ((ArrayCursor) cursor).nextDouble();
  }

  // The same, with the iterated expression itself as the (never evaluated) witness.

  /** @hidden */
  @SuppressWarnings("unchecked")
  protected static <E> E $next(Iterable<? extends E> witness, Object cursor) {
    return (E) ((java.util.Iterator<?>) cursor).next();
  }

  /** @hidden */
  @SuppressWarnings("unchecked")
  protected static <E> E $next(E[] witness, Object cursor) {
    return (E) ((ArrayCursor) cursor).next();
  }

  /** @hidden */
  protected static boolean $next(boolean[] witness, Object cursor) {
    return ((ArrayCursor) cursor).nextBoolean();
  }

  /** @hidden */
  protected static byte $next(byte[] witness, Object cursor) {
    return ((ArrayCursor) cursor).nextByte();
  }

  /** @hidden */
  protected static short $next(short[] witness, Object cursor) {
    return ((ArrayCursor) cursor).nextShort();
  }

  /** @hidden */
  protected static char $next(char[] witness, Object cursor) {
    return ((ArrayCursor) cursor).nextChar();
  }

  /** @hidden */
  protected static int $next(int[] witness, Object cursor) {
    return ((ArrayCursor) cursor).nextInt();
  }

  /** @hidden */
  protected static long $next(long[] witness, Object cursor) {
    return ((ArrayCursor) cursor).nextLong();
  }

  /** @hidden */
  protected static float $next(float[] witness, Object cursor) {
    return ((ArrayCursor) cursor).nextFloat();
  }

  /** @hidden */
  protected static double $next(double[] witness, Object cursor) {
    return ((ArrayCursor) cursor).nextDouble();
  }

  // A value kept for a later re-evaluation of a switch expression, converted now to the switch
  // expression's own type (the witness), so that reading it back with $spilled is exact.

  /** @hidden */
  protected static <T> Object $converted($Value<T> witness, T value) {
    return value;
  }

  /** @hidden */
  protected static Object $converted($Boolean witness, boolean value) {
    return value;
  }

  /** @hidden */
  protected static Object $converted($Byte witness, byte value) {
    return value;
  }

  /** @hidden */
  protected static Object $converted($Short witness, short value) {
    return value;
  }

  /** @hidden */
  protected static Object $converted($Char witness, char value) {
    return value;
  }

  /** @hidden */
  protected static Object $converted($Int witness, int value) {
    return value;
  }

  /** @hidden */
  protected static Object $converted($Long witness, long value) {
    return value;
  }

  /** @hidden */
  protected static Object $converted($Float witness, float value) {
    return value;
  }

  /** @hidden */
  protected static Object $converted($Double witness, double value) {
    return value;
  }

  // The left operand of a + whose right operand awaits: string concatenation converts it to a
  // string when it is evaluated (JLS 15.18.1), numeric addition promotes it; the witness is the
  // whole + expression, whose type says which. It comes after the operand, so that the operand's
  // code can stand on the lines the user wrote it on.

  /** @hidden */
  protected static Object $plusLeft(Object left, $Value<String> witness) {
    return String.valueOf(left);
  }

  /** @hidden */
  protected static Object $plusLeft(int left, $Int witness) {
    return left;
  }

  /** @hidden */
  protected static Object $plusLeft(long left, $Long witness) {
    return left;
  }

  /** @hidden */
  protected static Object $plusLeft(float left, $Float witness) {
    return left;
  }

  /** @hidden */
  protected static Object $plusLeft(double left, $Double witness) {
    return left;
  }

  // The old value of a compound assignment's target, read before its right side runs, and the left
  // operand of a binary operator that unboxes it, kept across an await in its right operand: javac
  // unboxes a boxed value right there (so a null one throws before the right side runs), which the
  // overloads for the boxes do too; anything else is kept as it is. The null check is explicit: an
  // implicit NullPointerException in a method this hot would soon be one preallocated instance
  // without a stack trace (HotSpot's OmitStackTraceInFastThrow), unlike the user's own code.

  private static NullPointerException nullUnboxed(String box) {
    return new NullPointerException("Cannot unbox a null " + box);
  }

  /** @hidden */
  protected static Object $read(Boolean value) {
    if (value == null) {
      throw nullUnboxed("Boolean");
    }
    return value.booleanValue();
  }

  /** @hidden */
  protected static Object $read(Byte value) {
    if (value == null) {
      throw nullUnboxed("Byte");
    }
    return value.byteValue();
  }

  /** @hidden */
  protected static Object $read(Short value) {
    if (value == null) {
      throw nullUnboxed("Short");
    }
    return value.shortValue();
  }

  /** @hidden */
  protected static Object $read(Character value) {
    if (value == null) {
      throw nullUnboxed("Character");
    }
    return value.charValue();
  }

  /** @hidden */
  protected static Object $read(Integer value) {
    if (value == null) {
      throw nullUnboxed("Integer");
    }
    return value.intValue();
  }

  /** @hidden */
  protected static Object $read(Long value) {
    if (value == null) {
      throw nullUnboxed("Long");
    }
    return value.longValue();
  }

  /** @hidden */
  protected static Object $read(Float value) {
    if (value == null) {
      throw nullUnboxed("Float");
    }
    return value.floatValue();
  }

  /** @hidden */
  protected static Object $read(Double value) {
    if (value == null) {
      throw nullUnboxed("Double");
    }
    return value.doubleValue();
  }

  /** @hidden */
  protected static Object $read(Object value) {
    return value;
  }

  // The left operand of == or != kept across an await in the right one: when the right one is
  // primitive, javac unboxes the left one as it is evaluated (a null one throws before the right
  // side runs); when both are references it compares them as they are. The witness is the right
  // operand, after the left one (as for $plusLeft).

  /** @hidden */
  protected static <T> Object $eqLeft(Object left, $Value<T> right) {
    return left;
  }

  /** @hidden */
  protected static Object $eqLeft(Object left, $Boolean right) {
    if (left == null) {
      throw nullUnboxed("value compared with a primitive");
    }
    return left;
  }

  /** @hidden */
  protected static Object $eqLeft(Object left, $Byte right) {
    if (left == null) {
      throw nullUnboxed("value compared with a primitive");
    }
    return left;
  }

  /** @hidden */
  protected static Object $eqLeft(Object left, $Short right) {
    if (left == null) {
      throw nullUnboxed("value compared with a primitive");
    }
    return left;
  }

  /** @hidden */
  protected static Object $eqLeft(Object left, $Char right) {
    if (left == null) {
      throw nullUnboxed("value compared with a primitive");
    }
    return left;
  }

  /** @hidden */
  protected static Object $eqLeft(Object left, $Int right) {
    if (left == null) {
      throw nullUnboxed("value compared with a primitive");
    }
    return left;
  }

  /** @hidden */
  protected static Object $eqLeft(Object left, $Long right) {
    if (left == null) {
      throw nullUnboxed("value compared with a primitive");
    }
    return left;
  }

  /** @hidden */
  protected static Object $eqLeft(Object left, $Float right) {
    if (left == null) {
      throw nullUnboxed("value compared with a primitive");
    }
    return left;
  }

  /** @hidden */
  protected static Object $eqLeft(Object left, $Double right) {
    if (left == null) {
      throw nullUnboxed("value compared with a primitive");
    }
    return left;
  }

  /**
   * True: lets a pattern assign a hoisted variable inside a condition.
   *
   * @hidden
   */
  protected static boolean $bound(Object ignored) {
    return true;
  }

  /**
   * The result of a record pattern's test, passed through a call so that the pattern's bindings
   * are in scope inside the test only, never in the statements after the one that holds it.
   *
   * @hidden
   */
  protected static boolean $matched(boolean test) {
    return test;
  }

  /** {@code Crawler.fetch() at Crawler.java:12}: the method and where it is. */
  @Override
  public String toString() {
    StackTraceElement where = $where();
    String owner = where.getClassName().substring(where.getClassName().lastIndexOf('.') + 1);
    String text = owner + "." + where.getMethodName() + "()";
    if (where.getFileName() != null && where.getLineNumber() > 0) {
      text += " at " + where.getFileName() + ":" + where.getLineNumber();
    }
    return text;
  }
}
