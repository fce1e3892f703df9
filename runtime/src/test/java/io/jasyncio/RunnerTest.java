package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** asyncio.Runner (CPython's test_runners.py, RunnerTests). */
@Timeout(10)
class RunnerTest {

  @Test
  void successiveRunsShareOneLoop() {
    try (Runner runner = Runner.withVirtualTime()) {
      EventLoop first = runner.run(Coros.call(AsyncIO::getRunningLoop));
      EventLoop second = runner.run(Coros.call(AsyncIO::getRunningLoop));
      assertSame(first, second);
      assertSame(first, runner.getLoop());
      assertFalse(first.isClosed());
    }
  }

  @Test
  void aTaskLeftPendingByOneRunKeepsGoingInTheNext() {
    List<String> log = new ArrayList<>();
    try (Runner runner = Runner.withVirtualTime()) {
      Task<String> background =
          runner.run(Coros.call(() -> AsyncIO.createTask(Coros.worker(log, "bg", 1, "bg done"))));
      assertFalse(background.isDone());
      runner.run(Coros.awaiting(AsyncIO.sleep(2)));
      assertEquals("bg done", background.result());
    }
    assertEquals(List.of("bg start", "bg end"), log);
  }

  @Test
  void closeCancelsPendingTasksAndLetsThemUnwind() {
    List<String> log = new ArrayList<>();
    Runner runner = Runner.withVirtualTime();
    Task<String> background =
        runner.run(Coros.call(() -> AsyncIO.createTask(Coros.worker(log, "bg", 60, "never"))));
    runner.close();
    assertTrue(background.isCancelled());
    assertEquals(List.of("bg start", "bg cancelled"), log);
    assertThrows(IllegalStateException.class, runner::getLoop);
  }

  @Test
  void theLoopIsMadeLazilyAndNotAtAllIfNeverUsed() {
    List<EventLoop> made = new ArrayList<>();
    Runner runner =
        new Runner(
            null,
            () -> {
              EventLoop loop = EventLoop.withVirtualTime();
              made.add(loop);
              return loop;
            });
    assertEquals(List.of(), made);
    runner.close();
    assertEquals(List.of(), made);
  }

  @Test
  void aClosedRunnerRefusesToRun() {
    Runner runner = new Runner();
    runner.close();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> runner.run(Coros.call(() -> 1)));
    assertEquals("Runner is closed", e.getMessage());
    assertThrows(IllegalStateException.class, runner::getLoop);
    runner.close(); // twice: nothing
  }

  @Test
  void runFromARunningLoopIsRefused() {
    try (Runner outer = Runner.withVirtualTime(); Runner inner = Runner.withVirtualTime()) {
      IllegalStateException e =
          outer.run(
              Coros.call(
                  () -> assertThrows(IllegalStateException.class, () -> inner.run(Coros.call(() -> 1)))));
      assertEquals("Runner.run() cannot be called from a running event loop", e.getMessage());
    }
  }

  @Test
  void aFailureIsRethrownUnchangedAndTheRunnerStaysUsable() {
    IOException failure = new IOException("x");
    try (Runner runner = Runner.withVirtualTime()) {
      assertSame(failure, assertThrows(IOException.class, () -> runner.run(Coros.failing(failure))));
      assertEquals(2, runner.run(Coros.call(() -> 2)));
    }
  }

  @Test
  void debugIsAppliedToTheLoop() {
    try (Runner runner = new Runner(true, EventLoop::withVirtualTime)) {
      assertTrue(runner.getLoop().isDebug());
      assertTrue(runner.getLoop().isVirtualTime());
    }
  }

  @Test
  void aGivenContextIsTheOneTheTaskRunsIn() {
    ContextVar<String> var = new ContextVar<>("var");
    Context context = AsyncIO.copyContext();
    try (Runner runner = Runner.withVirtualTime()) {
      runner.run(Coros.call(() -> var.set("inside")), context);
    }
    assertEquals("inside", context.get(var));
  }

  @Test
  void runWithVirtualTimeTakesNoRealTimeForLongSleeps() {
    double[] end = new double[1];
    AsyncIO.runWithVirtualTime(
        Coros.awaitThen(AsyncIO.sleep(7 * 86_400), () -> end[0] = AsyncIO.getRunningLoop().time()));
    assertEquals(7 * 86_400.0, end[0]);
  }
}
