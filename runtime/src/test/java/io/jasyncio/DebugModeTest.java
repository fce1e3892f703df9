package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Debug mode's reports (DESIGN §4.4). */
@Timeout(30)
class DebugModeTest {

  @Test
  void aTaskExceptionNobodyRetrievedIsReported() {
    EventLoop loop = new EventLoop();
    loop.setDebug(true);
    List<Map<String, Object>> reports = new CopyOnWriteArrayList<>();
    loop.setExceptionHandler((l, context) -> reports.add(context));
    loop.createTask(Coros.failing(new IOException("lost")));
    loop.runUntilComplete(AsyncIO.sleep(0.001));
    // The failed task is now garbage; wait for the collector to notice.
    for (int i = 0; i < 100 && reports.isEmpty(); i++) {
      System.gc();
      loop.runUntilComplete(AsyncIO.sleep(0.01));
    }
    loop.close();
    assertTrue(
        reports.stream()
            .anyMatch(r -> "Task exception was never retrieved".equals(r.get("message"))),
        reports.toString());
  }

  @Test
  void anExceptionThatWasAwaitedIsNotReported() {
    EventLoop loop = new EventLoop();
    loop.setDebug(true);
    List<Map<String, Object>> reports = new CopyOnWriteArrayList<>();
    loop.setExceptionHandler((l, context) -> reports.add(context));
    Task<Object> failing = loop.createTask(Coros.failing(new IOException("seen")));
    try {
      loop.runUntilComplete(Coros.awaiting(failing));
    } catch (Exception expected) {
      // retrieved by the await
    }
    failing = null;
    for (int i = 0; i < 20; i++) {
      System.gc();
      loop.runUntilComplete(AsyncIO.sleep(0.005));
    }
    loop.close();
    assertTrue(reports.isEmpty(), reports.toString());
  }

  @Test
  void tasksStillPendingWhenTheLoopClosesAreReported() {
    try (LogCapture log = new LogCapture()) {
      EventLoop loop = new EventLoop();
      loop.setDebug(true);
      loop.createTask(AsyncIO.sleep(10), "forgotten");
      loop.runUntilComplete(AsyncIO.sleep(0.001));
      loop.close();
      assertTrue(
          log.messages().stream()
              .anyMatch(
                  m -> m.startsWith("Task was destroyed but it is pending!") && m.contains("forgotten")),
          log.messages().toString());
    }
  }

  @Test
  void aCoroutineCreatedInATaskAndNeverAwaitedIsReportedWhenTheLoopCloses() {
    EventLoop loop = EventLoop.withVirtualTime();
    loop.setDebug(true);
    List<Map<String, Object>> reports = new CopyOnWriteArrayList<>();
    loop.setExceptionHandler((l, context) -> reports.add(context));
    List<Coro<Integer>> kept = new java.util.ArrayList<>();
    loop.runUntilComplete(
        Coros.call(
            () -> {
              kept.add(Coros.call(() -> 1)); // created, never awaited
              return null;
            }));
    assertTrue(reports.isEmpty(), reports.toString());
    loop.close();
    assertEquals(1, reports.size(), reports.toString());
    String message = String.valueOf(reports.get(0).get("message"));
    assertTrue(message.startsWith("coroutine ") && message.endsWith(" was never awaited"), message);
    assertTrue(
        String.valueOf(reports.get(0).get("source_traceback")).contains("in task 'Task-"),
        reports.toString());
    assertEquals(1, kept.size());
  }

  @Test
  void aCoroutineThatWasAwaitedOrWrappedInATaskIsNotReported() {
    EventLoop loop = EventLoop.withVirtualTime();
    loop.setDebug(true);
    List<Map<String, Object>> reports = new CopyOnWriteArrayList<>();
    loop.setExceptionHandler((l, context) -> reports.add(context));
    loop.runUntilComplete(
        Coros.deferred(
            () -> {
              AsyncIO.createTask(Coros.call(() -> 2));
              return Coros.call(() -> 1);
            }));
    loop.runUntilComplete(AsyncIO.sleep(0));
    loop.close();
    assertTrue(reports.isEmpty(), reports.toString());
  }
}
