package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The loop's iteration, scheduling, stopping, closing and error reporting (CPython's events). */
@Timeout(10)
class EventLoopTest extends OrderedTest {
  private final EventLoop loop = new EventLoop();
  private final LogCapture log = new LogCapture();

  @AfterEach
  void closeLoop() {
    log.close();
    if (!loop.isRunning()) {
      loop.close();
    }
  }

  /** Runs exactly one iteration. */
  private void runOnce() {
    loop.stop();
    loop.runForever();
  }

  @Test
  void anIterationRunsOnlyTheCallbacksReadyWhenItBegan() {
    loop.callSoon(
        () -> {
          expect(1);
          loop.callSoon(() -> expect(3));
        });
    loop.callSoon(() -> expect(2));
    runOnce();
    assertStep(2);
    runOnce();
    finish(4);
  }

  @Test
  void callSoonIsFirstInFirstOut() {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int n = i;
      loop.callSoon(() -> order.add(n));
    }
    runOnce();
    for (int i = 0; i < 100; i++) {
      assertEquals(i, order.get(i));
    }
  }

  @Test
  void aCancelledHandleIsSkipped() {
    Handle handle = loop.callSoon(this::expectUnreached);
    loop.callSoon(() -> expect(1));
    handle.cancel();
    assertTrue(handle.isCancelled());
    runOnce();
    finish(2);
  }

  @Test
  void callLaterZeroScheduledBeforeCallSoonStillRunsAfterIt() {
    loop.callSoon(
        () -> {
          expect(1);
          loop.callLater(0, () -> expect(3));
          loop.callSoon(() -> expect(2));
        });
    loop.callLater(0.05, loop::stop);
    loop.runForever();
    finish(4);
  }

  @Test
  void timersFireInDeadlineOrder() {
    double now = loop.time();
    List<Integer> order = new ArrayList<>();
    loop.callAt(now + 0.03, () -> order.add(3));
    loop.callAt(now + 0.01, () -> order.add(1));
    loop.callAt(now + 0.02, () -> order.add(2));
    loop.callAt(now + 0.04, loop::stop);
    loop.runForever();
    assertEquals(List.of(1, 2, 3), order);
  }

  @Test
  void timersWithEqualDeadlinesFireInSchedulingOrder() {
    double when = loop.time() + 0.01;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      int n = i;
      loop.callAt(when, () -> order.add(n));
    }
    loop.callAt(when + 0.01, loop::stop);
    loop.runForever();
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), order);
  }

  @Test
  void aTimerIsNotRunBeforeItsDeadline() {
    double start = loop.time();
    double[] firedAt = new double[1];
    loop.callLater(
        0.05,
        () -> {
          firedAt[0] = loop.time();
          loop.stop();
        });
    loop.runForever();
    assertTrue(firedAt[0] - start >= 0.05, "fired after " + (firedAt[0] - start));
  }

  @Test
  void callAtKeepsItsDeadlineExactly() {
    double when = loop.time() + 12.345678901;
    assertEquals(when, loop.callAt(when, () -> {}).when());
  }

  @Test
  void aCancelledTimerDoesNotRunAndLeavesTheHeap() {
    TimerHandle timer = loop.callLater(0.01, this::expectUnreached);
    assertEquals(1, loop.timers.size());
    timer.cancel();
    assertEquals(0, loop.timers.size());
    loop.callLater(0.02, loop::stop);
    loop.runForever();
  }

  @Test
  void callLaterRejectsANullDelay() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> loop.callLater((Duration) null, () -> {}));
    assertEquals("delay must not be null", e.getMessage());
  }

  @Test
  void stopLetsTheCurrentIterationFinishAndKeepsWhatItScheduled() {
    loop.callSoon(
        () -> {
          expect(1);
          loop.stop();
          loop.callSoon(() -> expect(3));
        });
    loop.callSoon(() -> expect(2));
    loop.runForever();
    assertStep(2);
    loop.stop();
    loop.runForever();
    finish(4);
  }

  @Test
  void stopBeforeRunForeverRunsExactlyOneIteration() {
    loop.callSoon(() -> loop.callSoon(() -> expect(2)));
    loop.stop();
    loop.runForever();
    loop.callSoon(() -> expect(1));
    loop.stop();
    loop.runForever();
    finish(3);
  }

  @Test
  void runUntilCompleteReturnsAsSoonAsTheFutureIsDone() {
    Future<String> future = loop.createFuture();
    loop.callSoon(() -> future.setResult("ready"));
    loop.createTask(Coros.awaiting(AsyncIO.sleep(10)));
    assertEquals("ready", loop.runUntilComplete(future));
    assertEquals(1, loop.allTasks().size());
  }

  @Test
  void runUntilCompleteFailsWhenTheLoopStopsFirst() {
    Future<String> future = loop.createFuture();
    loop.callSoon(loop::stop);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(future));
    assertEquals("Event loop stopped before Future completed.", e.getMessage());
  }

  @Test
  void runningARunningLoopAgainFails() {
    AtomicReference<Throwable> error = new AtomicReference<>();
    loop.callSoon(
        () -> {
          error.set(assertThrows(IllegalStateException.class, loop::runForever));
          loop.stop();
        });
    loop.runForever();
    assertEquals("This event loop is already running", error.get().getMessage());
    assertFalse(loop.isRunning());
  }

  @Test
  void runningAnotherLoopInsideARunningLoopFailsAndLeavesBothUsable() {
    EventLoop other = new EventLoop();
    AtomicReference<Throwable> error = new AtomicReference<>();
    loop.callSoon(
        () -> {
          error.set(assertThrows(IllegalStateException.class, other::runForever));
          assertSame(loop, EventLoop.getRunningLoop());
          loop.stop();
        });
    loop.runForever();
    assertEquals(
        "Cannot run the event loop while another loop is running", error.get().getMessage());
    other.callSoon(() -> expect(1));
    other.stop();
    other.runForever();
    other.close();
    finish(2);
  }

  @Test
  void closingARunningLoopFails() {
    AtomicReference<Throwable> error = new AtomicReference<>();
    loop.callSoon(
        () -> {
          error.set(assertThrows(IllegalStateException.class, loop::close));
          loop.stop();
        });
    loop.runForever();
    assertEquals("Cannot close a running event loop", error.get().getMessage());
  }

  @Test
  void closeIsIdempotentAndEverythingScheduledAfterwardsFails() {
    loop.close();
    loop.close();
    assertTrue(loop.isClosed());
    for (Runnable action :
        List.<Runnable>of(
            () -> loop.callSoon(() -> {}),
            () -> loop.callLater(1, () -> {}),
            () -> loop.callAt(1, () -> {}),
            () -> loop.callSoonThreadsafe(() -> {}),
            () -> loop.createTask(AsyncIO.sleep(0)),
            loop::runForever,
            () -> loop.runUntilComplete(AsyncIO.sleep(0)))) {
      IllegalStateException e = assertThrows(IllegalStateException.class, action::run);
      assertEquals("Event loop is closed", e.getMessage());
    }
  }

  @Test
  void callSoonThreadsafeWakesABlockedLoop() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    loop.callSoon(running::countDown);
    Thread other =
        new Thread(
            () -> {
              try {
                running.await();
                Thread.sleep(50); // the loop is parked by now, with nothing to do
              } catch (InterruptedException e) {
                return;
              }
              loop.callSoonThreadsafe(loop::stop);
            });
    other.start();
    long start = System.nanoTime();
    loop.runForever();
    other.join();
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
  }

  @Test
  void callSoonThreadsafeKeepsTheOrderOfOneThread() throws Exception {
    List<Integer> order = new ArrayList<>();
    Thread other =
        new Thread(
            () -> {
              for (int i = 0; i < 1000; i++) {
                int n = i;
                loop.callSoonThreadsafe(() -> order.add(n));
              }
              loop.callSoonThreadsafe(loop::stop);
            });
    other.start();
    loop.runForever();
    other.join();
    for (int i = 0; i < 1000; i++) {
      assertEquals(i, order.get(i));
    }
  }

  @Test
  void aCallbackThatThrowsIsReportedAndTheLoopCarriesOn() {
    RuntimeException boom = new RuntimeException("boom");
    List<Map<String, Object>> reports = new ArrayList<>();
    loop.setExceptionHandler((l, context) -> reports.add(context));
    Handle failing =
        loop.callSoon(
            () -> {
              expect(1);
              throw boom;
            });
    loop.callSoon(() -> expect(2));
    runOnce();
    finish(3);
    assertEquals(1, reports.size());
    Map<String, Object> context = reports.get(0);
    assertTrue(((String) context.get("message")).startsWith("Exception in callback "));
    assertSame(boom, context.get("exception"));
    assertSame(failing, context.get("handle"));
  }

  @Test
  void anExceptionHandlerThatThrowsIsLoggedAndTheLoopCarriesOn() {
    List<LogRecord> records = log.records();
    loop.setExceptionHandler(
        (l, context) -> {
          throw new IllegalStateException("handler broke");
        });
    loop.callSoon(
        () -> {
          throw new RuntimeException("boom");
        });
    loop.callSoon(() -> expect(1));
    runOnce();
    finish(2);
    assertTrue(
        records.stream().anyMatch(r -> r.getMessage().startsWith("Unhandled error in exception handler")),
        records.toString());
  }

  @Test
  void theDefaultHandlerLogsAtErrorWithTheException() {
    List<LogRecord> records = log.records();
    RuntimeException boom = new RuntimeException("boom");
    loop.callSoon(
        () -> {
          throw boom;
        });
    runOnce();
    LogRecord record = records.get(0);
    assertEquals(java.util.logging.Level.SEVERE, record.getLevel());
    assertSame(boom, record.getThrown());
    assertTrue(record.getMessage().startsWith("Exception in callback <Handle "));
  }

  @Test
  void getRunningLoopOutsideALoopFails() {
    IllegalStateException e = assertThrows(IllegalStateException.class, AsyncIO::getRunningLoop);
    assertEquals("no running event loop", e.getMessage());
  }

  @Test
  void getRunningLoopFindsTheLoopOfThisThread() {
    loop.callSoon(() -> assertSame(loop, AsyncIO.getRunningLoop()));
    runOnce();
    assertThrows(IllegalStateException.class, AsyncIO::getRunningLoop);
  }

  @Test
  void timeIsMonotonicSeconds() throws Exception {
    double a = loop.time();
    Thread.sleep(20);
    double b = loop.time();
    assertTrue(b - a >= 0.019 && b - a < 5, "elapsed " + (b - a));
  }

  @Test
  void debugModeRejectsSchedulingFromAnotherThread() throws Exception {
    loop.setDebug(true);
    AtomicReference<Throwable> error = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    loop.callSoon(
        () -> {
          Thread other =
              new Thread(
                  () -> {
                    try {
                      loop.callSoon(() -> {});
                    } catch (Throwable e) {
                      error.set(e);
                    }
                    done.countDown();
                  });
          other.start();
        });
    loop.callLater(
        0.01,
        () -> {
          try {
            done.await();
          } catch (InterruptedException ignored) {
            // the assertion below reports it
          }
          loop.stop();
        });
    loop.runForever();
    assertEquals(
        "Non-thread-safe operation invoked on an event loop other than the current one",
        error.get().getMessage());
  }

  @Test
  void debugModeLogsSlowCallbacks() {
    List<LogRecord> records = log.records();
    loop.setDebug(true);
    loop.setSlowCallbackDuration(0.01);
    loop.callSoon(
        () -> {
          long end = System.nanoTime() + 20_000_000;
          while (System.nanoTime() < end) {
            Thread.onSpinWait();
          }
        });
    runOnce();
    assertTrue(
        records.stream()
            .anyMatch(r -> r.getMessage().matches("Executing <Handle .*> took 0\\.\\d\\d\\d seconds")),
        records.toString());
  }

  @Test
  void runInExecutorRunsOffTheLoopThreadAndCompletesOnIt() {
    Thread loopThread = Thread.currentThread();
    AtomicReference<Thread> worker = new AtomicReference<>();
    Future<String> future =
        loop.runInExecutor(
            null,
            () -> {
              worker.set(Thread.currentThread());
              return "done";
            });
    assertEquals("done", loop.runUntilComplete(future));
    assertNotEquals(loopThread, worker.get());
    assertTrue(worker.get().getName().startsWith("jasyncio-executor-"));
  }

  @Test
  void runInExecutorPassesTheFailureOnUnchanged() {
    Exception failure = new java.io.IOException("disk");
    Future<String> future =
        loop.runInExecutor(
            null,
            () -> {
              throw failure;
            });
    Exception thrown = assertThrows(Exception.class, () -> loop.runUntilComplete(future));
    assertSame(failure, thrown);
  }

  @Test
  void runInExecutorAfterShutdownFails() {
    loop.runUntilComplete(loop.shutdownDefaultExecutor());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> loop.runInExecutor(null, () -> 1));
    assertEquals("Executor shutdown has been called", e.getMessage());
  }

  @Test
  void runInExecutorDoesNotCarryTheContext() {
    ContextVar<String> var = new ContextVar<>("var", "default");
    var.set("caller");
    try {
      Future<String> future = loop.runInExecutor(null, var::get);
      assertEquals("default", loop.runUntilComplete(future));
    } finally {
      ThreadState.current().context.vars = Context.EMPTY_VARS;
    }
  }
}
