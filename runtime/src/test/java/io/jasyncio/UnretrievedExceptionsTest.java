package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * "Task exception was never retrieved" in every mode, not only debug: reported once, when the
 * failed future is collected or, at the latest, when its loop closes.
 */
@Timeout(60)
class UnretrievedExceptionsTest {
  private final List<Map<String, Object>> reports = new CopyOnWriteArrayList<>();

  private EventLoop loop(boolean debug) {
    EventLoop loop = EventLoop.withVirtualTime();
    loop.setDebug(debug);
    loop.setExceptionHandler((l, context) -> reports.add(context));
    return loop;
  }

  private static boolean isNeverRetrieved(Map<String, Object> report) {
    return String.valueOf(report.get("message")).endsWith("exception was never retrieved");
  }

  @Test
  void aFailedTaskStillReferencedWhenTheLoopClosesIsReportedAtClose() {
    EventLoop loop = loop(false);
    IOException lost = new IOException("lost");
    Task<Object> task = loop.createTask(Coros.failing(lost), "fire-and-forget");
    loop.runCurrent();
    assertTrue(task.isDone());
    assertEquals(List.of(), reports);
    loop.close();
    assertEquals(1, reports.size());
    Map<String, Object> report = reports.get(0);
    assertEquals("Task exception was never retrieved", report.get("message"));
    assertSame(lost, report.get("exception"));
    assertTrue(String.valueOf(report.get("task")).contains("name='fire-and-forget'"), report.toString());
  }

  @Test
  void aFailedTaskIsReportedWhenCollectedWithoutWaitingForClose() {
    EventLoop loop = loop(false);
    loop.createTask(Coros.failing(new IOException("collected")));
    loop.runCurrent();
    collectUntil(() -> !reports.isEmpty());
    assertEquals(1, reports.size());
    assertTrue(isNeverRetrieved(reports.get(0)));
    loop.close();
    assertEquals(1, reports.size(), "reported once, not again at close");
  }

  @Test
  void aFailedPlainFutureIsReportedWhenCollected() {
    EventLoop loop = loop(false);
    loop.createFuture().setException(new IOException("future"));
    collectUntil(() -> !reports.isEmpty());
    assertEquals("Future exception was never retrieved", reports.get(0).get("message"));
    loop.close();
  }

  @Test
  void anExceptionReadByAwaitIsNotReported() {
    EventLoop loop = loop(false);
    Task<Object> failing = loop.createTask(Coros.failing(new IOException()));
    loop.runUntilComplete(
        AsyncIO.gatherReturnExceptions(failing)); // gather reads the exception
    loop.close();
    assertEquals(List.of(), reports);
  }

  @Test
  void anExceptionReadByExceptionOrResultIsNotReported() {
    EventLoop loop = loop(false);
    Future<Object> a = loop.createFuture();
    a.setException(new IOException());
    Future<Object> b = loop.createFuture();
    b.setException(new IOException());
    assertInstanceOf(IOException.class, a.exception());
    try {
      b.result();
    } catch (Exception expected) {
      // read
    }
    loop.close();
    assertEquals(List.of(), reports);
  }

  @Test
  void aCancelledTaskIsNotReported() {
    EventLoop loop = loop(false);
    Task<Void> task = loop.createTask(Coros.awaiting(AsyncIO.sleep(10)));
    loop.runCurrent();
    task.cancel();
    loop.runCurrent();
    assertTrue(task.isCancelled());
    loop.close();
    assertEquals(List.of(), reports);
  }

  @Test
  void thousandsOfFailedFireAndForgetTasksAreEachReportedOnce() {
    AtomicInteger reported = new AtomicInteger();
    int count = 2000;
    Coro<Void> main =
        Coros.deferred(
            () -> {
              AsyncIO.getRunningLoop()
                  .setExceptionHandler(
                      (l, context) -> {
                        if (isNeverRetrieved(context)) {
                          reported.incrementAndGet();
                        }
                      });
              for (int i = 0; i < count; i++) {
                AsyncIO.createTask(Coros.failing(new IllegalStateException("task " + i)));
              }
              return AsyncIO.sleep(0);
            });
    AsyncIO.run(main);
    // Those not yet collected were reported when run() closed the loop; the rest by the cleaner.
    collectUntil(() -> reported.get() >= count);
    assertEquals(count, reported.get());
  }

  @Test
  void debugModeAddsWhereTheTaskWasCreated() {
    EventLoop loop = loop(true);
    Task<Object> task = loop.createTask(Coros.failing(new IOException()));
    loop.runCurrent();
    assertTrue(task.isDone());
    loop.close();
    assertEquals(1, reports.size());
    @SuppressWarnings("unchecked")
    List<StackTraceElement> created = (List<StackTraceElement>) reports.get(0).get("source_traceback");
    assertEquals(getClass().getName(), created.get(0).getClassName());
    assertEquals("debugModeAddsWhereTheTaskWasCreated", created.get(0).getMethodName());
  }

  @Test
  void normalModeRecordsNoCreationStack() {
    EventLoop loop = loop(false);
    Task<Object> task = loop.createTask(Coros.failing(new IOException()));
    loop.runCurrent();
    loop.close();
    assertFalse(reports.get(0).containsKey("source_traceback"));
    assertTrue(task.isDone());
  }

  /** Runs the collector until {@code condition} holds; gives up after many rounds. */
  private static void collectUntil(java.util.function.BooleanSupplier condition) {
    for (int round = 0; round < 500 && !condition.getAsBoolean(); round++) {
      System.gc();
      try {
        Thread.sleep(10); // let the cleaner thread run
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    assertTrue(condition.getAsBoolean(), "the collector never reported");
  }
}
