package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** AsyncIO.run (CPython's runners.py). */
@Timeout(10)
class RunTest extends OrderedTest {

  @Test
  void runReturnsTheResultOfTheMainCoroutine() {
    assertEquals("hello", AsyncIO.run(Coros.call(() -> "hello")));
  }

  @Test
  void runRethrowsTheFailureUnchanged() {
    IOException failure = new IOException("checked");
    assertSame(failure, assertThrows(IOException.class, () -> AsyncIO.run(Coros.failing(failure))));
  }

  @Test
  void theMainCoroutineRunsAsATaskOnAFreshLoopEachTime() {
    List<EventLoop> loops = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Task<?> task =
          AsyncIO.run(
              Coros.call(
                  () -> {
                    loops.add(AsyncIO.getRunningLoop());
                    return AsyncIO.currentTask();
                  }));
      assertTrue(task.getName().startsWith("Task-"));
    }
    assertNotSame(loops.get(0), loops.get(1));
    assertTrue(loops.get(0).isClosed());
    assertTrue(loops.get(1).isClosed());
  }

  @Test
  void runInsideARunningLoopFailsBeforeTouchingTheCoroutine() {
    AtomicReference<Throwable> error = new AtomicReference<>();
    Coro<String> untouched = Coros.call(() -> "x");
    AsyncIO.run(
        Coros.call(
            () -> {
              error.set(assertThrows(IllegalStateException.class, () -> AsyncIO.run(untouched)));
              return null;
            }));
    assertEquals(
        "AsyncIO.run() cannot be called from a running event loop", error.get().getMessage());
    assertEquals("x", AsyncIO.run(untouched)); // still usable
  }

  @Test
  void runOfNullIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AsyncIO.run(null));
    assertEquals("a coroutine was expected, got null", e.getMessage());
  }

  @Test
  void leftoverTasksAreCancelledAndTheirFinallyBlocksMayAwait() {
    String result =
        AsyncIO.run(
            Coros.call(
                () -> {
                  AsyncIO.createTask(
                      TaskTest.withFinally(AsyncIO.sleep(10), () -> expect(2), () -> expect(3)));
                  expect(1);
                  return "main done";
                }));
    assertEquals("main done", result);
    finish(4);
  }

  @Test
  void aLeftoverTaskFailingDuringShutdownIsReported() {
    try (LogCapture log = new LogCapture()) {
      AsyncIO.run(
          Coros.deferred(
              () -> {
                AsyncIO.createTask(
                    TaskTest.withFinally(
                        AsyncIO.sleep(10),
                        () -> {},
                        () -> {
                          throw new IllegalStateException("cleanup failed");
                        }));
                return AsyncIO.sleep(0);
              }));
      assertTrue(
          log.messages().stream()
              .anyMatch(m -> m.startsWith("unhandled exception during AsyncIO.run() shutdown")),
          log.messages().toString());
    }
  }

  @Test
  void runWaitsForExecutorJobsThatAreRunning() {
    AtomicBoolean finished = new AtomicBoolean();
    AsyncIO.run(
        Coros.call(
            () -> {
              AsyncIO.toThread(
                  () -> {
                    Thread.sleep(50);
                    finished.set(true);
                    return null;
                  });
              return null;
            }));
    assertTrue(finished.get());
  }

  @Test
  void noLoopIsLeftRunningAfterRun() {
    AsyncIO.run(Coros.call(() -> null));
    assertNull(EventLoop.runningLoopOrNull());
    assertFalse(Thread.currentThread().isInterrupted());
  }

  @Test
  void errorsPassThroughRunUnchanged() {
    StackOverflowError error = new StackOverflowError("deep");
    assertSame(error, assertThrows(StackOverflowError.class, () -> AsyncIO.run(Coros.failing(error))));
  }

  @Test
  void interruptingTheLoopThreadCancelsTheMainTaskAndRunRethrowsWithTheInterruptSetAgain() {
    Thread loopThread = Thread.currentThread();
    AtomicBoolean cancelled = new AtomicBoolean();
    Thread interrupter = interruptLater(loopThread);
    CancelledError e =
        assertThrows(
            CancelledError.class,
            () ->
                AsyncIO.run(
                    Coros.deferred(
                        () -> {
                          Future<Void> never = AsyncIO.getRunningLoop().createFuture();
                          never.addDoneCallback(f -> cancelled.set(f.isCancelled()));
                          return never;
                        })));
    assertTrue(Thread.interrupted(), "the interrupt status is set again for the caller");
    assertEquals("event loop thread interrupted", e.getMessage());
    assertTrue(cancelled.get(), "what the main task awaited was cancelled");
    joinQuietly(interrupter);
  }

  @Test
  void interruptingALoopRunningForeverStopsItWithCancelledError() {
    EventLoop loop = AsyncIO.newEventLoop();
    Thread interrupter = interruptLater(Thread.currentThread());
    CancelledError e = assertThrows(CancelledError.class, loop::runForever);
    assertTrue(Thread.interrupted());
    assertEquals("event loop thread interrupted", e.getMessage());
    assertFalse(loop.isRunning());
    loop.close();
    joinQuietly(interrupter);
  }

  private static Thread interruptLater(Thread target) {
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep(50);
              } catch (InterruptedException ignored) {
                return;
              }
              target.interrupt();
            });
    t.start();
    return t;
  }

  private static void joinQuietly(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
