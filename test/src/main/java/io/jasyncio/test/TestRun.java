package io.jasyncio.test;

import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.Runner;
import io.jasyncio.Task;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Runs one {@link AsyncTest} method: a fresh loop (virtual time unless asked otherwise, debug mode
 * on) on a thread of its own, {@code @BeforeEach} methods, the test, {@code @AfterEach} methods,
 * then the checks that make a passing body fail: tasks left pending, exceptions nobody read,
 * coroutines never awaited, callbacks that threw. A test that overruns its timeout has its task
 * cancelled; the failure names where it was waiting.
 */
final class TestRun {
  /** How long a timed-out test may take to unwind after its task was cancelled. */
  private static final long GRACE_MILLIS = 10_000;
  static final String TIMEOUT_PARAMETER = "jasyncio.test.timeout";
  private static final double DEFAULT_TIMEOUT = 60;

  private final TestMethodDescriptor test;
  private final double timeoutSeconds;
  private final boolean realTime;
  private volatile EventLoop loop;
  private volatile Task<?> main;
  private volatile String stuckAt;
  private volatile boolean timedOut;
  private Throwable failure;

  private TestRun(TestMethodDescriptor test, double defaultTimeout) {
    this.test = test;
    AsyncTest annotation = test.method.getAnnotation(AsyncTest.class);
    this.timeoutSeconds = annotation.timeout() > 0 ? annotation.timeout() : defaultTimeout;
    this.realTime = annotation.realTime();
  }

  static void executeAll(ExecutionRequest request) {
    EngineExecutionListener listener = request.getEngineExecutionListener();
    TestDescriptor engine = request.getRootTestDescriptor();
    double timeout =
        request
            .getConfigurationParameters()
            .get(TIMEOUT_PARAMETER)
            .map(Double::parseDouble)
            .orElse(DEFAULT_TIMEOUT);
    listener.executionStarted(engine);
    for (TestDescriptor child : engine.getChildren()) {
      executeClass((TestClassDescriptor) child, listener, timeout);
    }
    listener.executionFinished(engine, TestExecutionResult.successful());
  }

  private static void executeClass(
      TestClassDescriptor descriptor, EngineExecutionListener listener, double timeout) {
    Disabled disabled = descriptor.testClass.getAnnotation(Disabled.class);
    if (disabled != null) {
      listener.executionSkipped(descriptor, reason(disabled));
      return;
    }
    listener.executionStarted(descriptor);
    try {
      for (Method method : lifecycle(descriptor.testClass, BeforeAll.class, false)) {
        invokeStatic(method);
      }
    } catch (Throwable e) {
      listener.executionFinished(descriptor, result(e));
      return;
    }
    for (TestDescriptor child : descriptor.getChildren()) {
      TestMethodDescriptor test = (TestMethodDescriptor) child;
      Disabled off = test.method.getAnnotation(Disabled.class);
      if (off != null) {
        listener.executionSkipped(test, reason(off));
        continue;
      }
      listener.executionStarted(test);
      listener.executionFinished(test, result(new TestRun(test, timeout).run()));
    }
    Throwable afterAll = null;
    for (Method method : lifecycle(descriptor.testClass, AfterAll.class, true)) {
      try {
        invokeStatic(method);
      } catch (Throwable e) {
        afterAll = afterAll == null ? e : withSuppressed(afterAll, e);
      }
    }
    listener.executionFinished(descriptor, result(afterAll));
  }

  private static String reason(Disabled disabled) {
    return disabled.value().isEmpty() ? "@Disabled" : disabled.value();
  }

  private static TestExecutionResult result(Throwable failure) {
    if (failure == null) {
      return TestExecutionResult.successful();
    }
    if (failure instanceof TestAbortedException) {
      return TestExecutionResult.aborted(failure);
    }
    return TestExecutionResult.failed(failure);
  }

  /** Runs the test on its own thread and waits for it, at most its timeout plus a grace period. */
  private Throwable run() {
    String problem = TestClasses.problemWith(test.method);
    if (problem != null) {
      return new IllegalStateException(
          "@AsyncTest method " + test.testClass.getSimpleName() + "." + test.method.getName()
              + "() " + problem);
    }
    Thread thread =
        new Thread(
            this::attempt,
            "jasyncio-test " + test.testClass.getSimpleName() + "." + test.method.getName());
    thread.setDaemon(true);
    thread.start();
    try {
      thread.join(Math.max(1, (long) (timeoutSeconds * 1000)));
      if (thread.isAlive()) {
        timeOut();
        thread.join(GRACE_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      thread.interrupt();
      return e;
    }
    if (thread.isAlive()) {
      TimeoutException stuck =
          new TimeoutException(
              timeoutMessage()
                  + "\nThe task did not finish after it was cancelled; the thread is left running,"
                  + " at the stack below (a blocking call, or a loop that never awaits).");
      stuck.setStackTrace(thread.getStackTrace());
      return stuck;
    }
    return failure;
  }

  /** Called from the engine's thread: cancels the test's task, noting where it was waiting. */
  private void timeOut() {
    timedOut = true;
    EventLoop running = loop;
    if (running == null) {
      return;
    }
    try {
      running.callSoonThreadsafe(
          () -> {
            stuckAt = describe(running.allTasks());
            Task<?> task = main;
            if (task != null) {
              task.cancel("the test timed out");
            }
            for (Task<?> other : running.allTasks()) {
              other.cancel("the test timed out");
            }
          });
    } catch (IllegalStateException closed) {
      // finished meanwhile
    }
  }

  private String timeoutMessage() {
    String text =
        test.testClass.getSimpleName() + "." + test.method.getName() + "() timed out after "
            + timeoutSeconds + " s of real time";
    EventLoop running = loop;
    if (running != null && running.isVirtualTime()) {
      text += " (the loop's virtual clock read " + running.time() + " s)";
    }
    if (stuckAt != null) {
      text += "; it was waiting at:\n" + stuckAt;
    }
    return text;
  }

  /** The test's thread: everything that touches the loop happens here. */
  private void attempt() {
    Runner runner = new Runner(true, realTime ? EventLoop::new : EventLoop::withVirtualTime);
    EventLoop loop = runner.getLoop();
    List<Map<String, Object>> reports = Collections.synchronizedList(new ArrayList<>());
    loop.setExceptionHandler((l, context) -> reports.add(context));
    this.loop = loop;
    Throwable failure = null;
    String pending = null;
    try {
      Object instance = TestClasses.newInstance(test.testClass);
      try {
        for (Method method : lifecycle(test.testClass, BeforeEach.class, false)) {
          runOnLoop(loop, method, instance);
        }
        Coro<?> coro = TestClasses.coroutineOf(test.method, instance, test.testClass);
        Task<?> task = loop.createTask(coro, test.getDisplayName());
        main = task;
        loop.runUntilComplete(task);
      } catch (Throwable e) {
        failure = e;
      }
      for (Method method : lifecycle(test.testClass, AfterEach.class, true)) {
        try {
          runOnLoop(loop, method, instance);
        } catch (Throwable e) {
          failure = failure == null ? e : withSuppressed(failure, e);
        }
      }
      if (!timedOut) {
        settleCancelled(loop);
      }
      Set<Task<?>> left = loop.allTasks();
      if (!left.isEmpty() && !timedOut) {
        pending = describe(left);
      }
    } catch (Throwable e) {
      failure = failure == null ? e : withSuppressed(failure, e);
    } finally {
      try {
        runner.close(); // cancels what is left; reports exceptions never read, coroutines never awaited
      } catch (Throwable e) {
        failure = failure == null ? e : withSuppressed(failure, e);
      }
    }
    if (timedOut) {
      TimeoutException timeout = new TimeoutException(timeoutMessage());
      if (failure != null) {
        timeout.initCause(failure);
      }
      failure = timeout;
    }
    if (pending != null) {
      AssertionFailedError left =
          new AssertionFailedError(
              "the test left tasks pending when it returned; await them, cancel them, or start"
                  + " them in a TaskGroup:\n" + pending);
      failure = failure == null ? left : withSuppressed(failure, left);
    }
    for (Map<String, Object> report : reports) {
      AssertionFailedError reported = reported(report);
      failure = failure == null ? reported : withSuppressed(failure, reported);
    }
    this.failure = failure;
  }

  /**
   * Lets tasks the test cancelled but that have not finished yet (a cancellation is delivered at
   * their next step) run to their end: they are not left pending, only not done yet.
   */
  private static void settleCancelled(EventLoop loop) {
    List<Task<?>> cancelled = new ArrayList<>();
    for (Task<?> task : loop.allTasks()) {
      if (task.cancelling() > 0) {
        cancelled.add(task);
      }
    }
    if (cancelled.isEmpty()) {
      return;
    }
    Future<Void> all = loop.createFuture();
    int[] left = {cancelled.size()};
    for (Task<?> task : cancelled) {
      task.addDoneCallback(
          t -> {
            if (--left[0] == 0) {
              all.setResult(null);
            }
          });
    }
    loop.runUntilComplete(all);
  }

  private static AssertionFailedError reported(Map<String, Object> report) {
    StringBuilder text = new StringBuilder(String.valueOf(report.get("message")));
    for (Map.Entry<String, Object> entry : report.entrySet()) {
      if (!entry.getKey().equals("message") && !entry.getKey().equals("exception")) {
        text.append("\n  ").append(entry.getKey()).append(": ").append(entry.getValue());
      }
    }
    Object exception = report.get("exception");
    return new AssertionFailedError(
        text.toString(), exception instanceof Throwable thrown ? thrown : null);
  }

  /** Each task, with the chain of frames it waits in, innermost first, as a stack trace reads. */
  private static String describe(Set<Task<?>> tasks) {
    StringBuilder text = new StringBuilder();
    for (Task<?> task : tasks) {
      text.append("  ").append(task).append('\n');
      List<StackTraceElement> stack = new ArrayList<>(task.getStack());
      Collections.reverse(stack);
      for (StackTraceElement frame : stack) {
        text.append("      at ").append(frame).append('\n');
      }
    }
    return text.toString().stripTrailing();
  }

  /** Runs a lifecycle method on the loop: an @Async one as a task, a plain one as a callback. */
  private void runOnLoop(EventLoop loop, Method method, Object instance) throws Throwable {
    if (Coro.class.isAssignableFrom(method.getReturnType())) {
      Coro<?> coro = TestClasses.coroutineOf(method, instance, test.testClass);
      loop.runUntilComplete(loop.createTask(coro, method.getName() + "()"));
      return;
    }
    Future<Object> done = loop.createFuture();
    loop.callSoon(
        () -> {
          try {
            boolean isStatic = Modifier.isStatic(method.getModifiers());
            if (!isStatic && instance == null) {
              throw new IllegalStateException(
                  method.getName() + "() must be static: the test class cannot be instantiated");
            }
            method.setAccessible(true);
            done.setResult(method.invoke(isStatic ? null : instance));
          } catch (InvocationTargetException e) {
            done.setException(e.getCause());
          } catch (Throwable e) {
            done.setException(e);
          }
        });
    loop.runUntilComplete(done);
  }

  private static void invokeStatic(Method method) throws Throwable {
    if (!Modifier.isStatic(method.getModifiers())) {
      throw new IllegalStateException(
          "@" + (method.isAnnotationPresent(BeforeAll.class) ? "BeforeAll" : "AfterAll")
              + " method " + method.getName() + "() must be static");
    }
    method.setAccessible(true);
    try {
      method.invoke(null);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /**
   * The methods of {@code type} and its superclasses with {@code annotation}: superclass first, or
   * subclass first when {@code subclassFirst} (as Jupiter orders after-methods); overridden ones
   * once.
   */
  private static List<Method> lifecycle(
      Class<?> type, Class<? extends java.lang.annotation.Annotation> annotation, boolean subclassFirst) {
    List<Class<?>> chain = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      chain.add(0, c);
    }
    List<Method> found = new ArrayList<>();
    for (Class<?> c : chain) {
      List<Method> declared = new ArrayList<>();
      for (Method method : c.getDeclaredMethods()) {
        if (method.isAnnotationPresent(annotation) && !method.isSynthetic()) {
          declared.add(method);
        }
      }
      declared.sort((a, b) -> a.getName().compareTo(b.getName()));
      for (Method method : declared) {
        found.removeIf(earlier -> earlier.getName().equals(method.getName())
            && earlier.getParameterCount() == method.getParameterCount());
        found.add(method);
      }
    }
    if (subclassFirst) {
      Collections.reverse(found);
    }
    return found;
  }

  private static Throwable withSuppressed(Throwable first, Throwable more) {
    if (first != more) {
      first.addSuppressed(more);
    }
    return first;
  }
}
