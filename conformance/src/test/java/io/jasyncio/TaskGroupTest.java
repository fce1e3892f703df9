package io.jasyncio;

import static io.jasyncio.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TaskGroup, one behaviour per test (CPython 3.13's test_taskgroups). */
@Timeout(10)
abstract class TaskGroupTest extends OrderedTest {

  @Async
  Coro<String> after(double seconds, String value, List<String> log) {
    try {
      await(sleep(seconds));
      log.add(value);
      return done(value);
    } catch (CancelledError e) {
      log.add(value + " cancelled");
      throw e;
    }
  }

  @Async
  Coro<String> failAfter(double seconds, RuntimeException error, List<String> log) {
    await(sleep(seconds));
    log.add("fail " + error.getMessage());
    throw error;
  }

  @Test
  void tasksStartOnlyWhenTheBodyYieldsAndExitWaitsForAll() {
    runWithVirtualTime(startsLaterExitWaits());
  }

  @Async
  Coro<Void> startsLaterExitWaits() {
    List<String> log = new ArrayList<>();
    Task<String> a;
    Task<String> b;
    try (TaskGroup tg = new TaskGroup()) {
      a = tg.createTask(after(0.002, "a", log));
      b = tg.createTask(after(0.001, "b", log));
      assertTrue(log.isEmpty());
      log.add("body done");
    }
    assertEquals(List.of("body done", "b", "a"), log);
    assertEquals("a", a.result());
    assertEquals("b", b.result());
    return done();
  }

  @Test
  void exitAlsoWaitsForTasksThatTasksOfTheGroupAdd() {
    runWithVirtualTime(childrenAddTasks());
  }

  @Async
  Coro<Void> childrenAddTasks() {
    List<String> log = new ArrayList<>();
    try (TaskGroup tg = new TaskGroup()) {
      tg.createTask(spawnLater(tg, log));
    }
    assertEquals(List.of("spawner", "late"), log);
    return done();
  }

  @Async
  Coro<String> spawnLater(TaskGroup tg, List<String> log) {
    await(sleep(0.001));
    log.add("spawner");
    tg.createTask(after(0.001, "late", log));
    return done("spawned");
  }

  @Test
  void theFirstFailureCancelsTheSiblingsAndTheBodyAndSurfacesAsATaskGroupException() {
    runWithVirtualTime(firstFailureAborts());
  }

  @Async
  Coro<Void> firstFailureAborts() {
    List<String> log = new ArrayList<>();
    RuntimeException boom = new IllegalStateException("boom");
    Task<?> current = currentTask();
    try {
      try (TaskGroup tg = new TaskGroup()) {
        tg.createTask(after(1.0, "slow", log));
        tg.createTask(failAfter(0.001, boom, log));
        await(sleep(1.0));
        expectUnreached();
      }
      expectUnreached();
    } catch (TaskGroupException e) {
      assertEquals(List.of(boom), e.exceptions());
      assertEquals("unhandled errors in a TaskGroup (1 sub-exception)", e.getMessage());
      assertSame(boom, e.getSuppressed()[0]);
    }
    assertEquals(List.of("fail boom", "slow cancelled"), log);
    assertEquals(0, current.cancelling(), "the group's cancellation of the body is taken back");
    await(sleep(0)); // and the task carries on normally
    return done();
  }

  @Test
  void failuresAreListedInTheOrderTheyHappenedWithTheBodysOwnLast() {
    runWithVirtualTime(failuresInOrder());
  }

  @Async
  Coro<Void> failuresInOrder() {
    List<String> log = new ArrayList<>();
    RuntimeException first = new IllegalStateException("first");
    RuntimeException second = new IllegalArgumentException("second");
    RuntimeException body = new UnsupportedOperationException("body");
    try {
      try (TaskGroup tg = new TaskGroup()) {
        tg.createTask(failAfter(0.002, second, log));
        tg.createTask(failAfter(0.001, first, log));
        tg.createTask(failAfter(0.002, second, log));
        throw body;
      }
    } catch (TaskGroupException e) {
      // the body's exception aborts the group at once: no child got to fail
      assertEquals(List.of(body), e.exceptions());
    }
    try {
      try (TaskGroup tg = new TaskGroup()) {
        tg.createTask(failAfter(0.001, first, log));
        tg.createTask(failTogether(second, log));
        await(sleep(1.0));
      }
    } catch (TaskGroupException e) {
      assertEquals(List.of(first, second), e.exceptions());
      assertEquals("unhandled errors in a TaskGroup (2 sub-exceptions)", e.getMessage());
    }
    return done();
  }

  /** Fails in its finally block when cancelled: a second failure, after the first. */
  @Async
  Coro<String> failTogether(RuntimeException error, List<String> log) {
    try {
      await(sleep(1.0));
    } finally {
      log.add("fail on cancel");
      throw error;
    }
  }

  @Test
  void aBodyExceptionComesAfterTheChildFailures() {
    runWithVirtualTime(bodyExceptionLast());
  }

  @Async
  Coro<Void> bodyExceptionLast() {
    List<String> log = new ArrayList<>();
    RuntimeException child = new IllegalStateException("child");
    RuntimeException body = new IllegalArgumentException("body");
    try {
      try (TaskGroup tg = new TaskGroup()) {
        tg.createTask(failAfter(0, child, log));
        try {
          await(sleep(1.0));
        } catch (CancelledError e) {
          throw body; // the body fails while the group cancels it
        }
      }
    } catch (TaskGroupException e) {
      assertEquals(List.of(child, body), e.exceptions());
    }
    assertEquals(0, currentTask().cancelling());
    return done();
  }

  @Test
  void cancelledChildrenAreNotFailures() {
    runWithVirtualTime(cancelledChildNotAnError());
  }

  @Async
  Coro<Void> cancelledChildNotAnError() {
    List<String> log = new ArrayList<>();
    try (TaskGroup tg = new TaskGroup()) {
      Task<String> t = tg.createTask(after(1.0, "x", log));
      tg.createTask(cancelOther(t));
    }
    assertEquals(List.of("x cancelled"), log);
    return done();
  }

  @Async
  Coro<Void> cancelOther(Task<?> t) {
    await(sleep(0));
    t.cancel();
    return done();
  }

  @Test
  void anOutsideCancellationCancelsTheChildrenAndPropagatesAsCancelledError() {
    runWithVirtualTime(outsideCancel());
  }

  @Async
  Coro<Void> outsideCancel() {
    List<String> log = new ArrayList<>();
    Task<Void> runner = createTask(groupWith(log, 1.0));
    await(sleep(0.001));
    runner.cancel();
    try {
      await(runner);
      expectUnreached();
    } catch (CancelledError e) {
      assertTrue(runner.isCancelled());
    }
    assertEquals(List.of("a cancelled", "b cancelled"), log);
    return done();
  }

  @Async
  Coro<Void> groupWith(List<String> log, double seconds) {
    try (TaskGroup tg = new TaskGroup()) {
      tg.createTask(after(seconds, "a", log));
      tg.createTask(after(seconds, "b", log));
    }
    return done();
  }

  @Test
  void anOutsideCancellationWaitingOnExitAlsoCancelsTheChildren() {
    runWithVirtualTime(cancelWhileExiting());
  }

  @Async
  Coro<Void> cancelWhileExiting() {
    List<String> log = new ArrayList<>();
    Task<Void> runner = createTask(groupWith(log, 1.0));
    await(sleep(0.001)); // the body is done: the group waits in its exit
    runner.cancel();
    await(gatherReturnExceptions(runner));
    assertTrue(runner.isCancelled());
    assertEquals(List.of("a cancelled", "b cancelled"), log);
    return done();
  }

  @Test
  void childFailuresWinOverAnOutsideCancellationWhichStaysRequested() {
    runWithVirtualTime(errorsWinOverCancel());
  }

  @Async
  Coro<Void> errorsWinOverCancel() {
    List<String> log = new ArrayList<>();
    RuntimeException boom = new IllegalStateException("boom");
    Task<Integer> runner = createTask(groupFailingOnCancel(boom, log));
    await(sleep(0.001));
    runner.cancel();
    try {
      await(runner);
      expectUnreached();
    } catch (TaskGroupException e) {
      assertEquals(List.of(boom), e.exceptions());
    }
    return done();
  }

  @Async
  Coro<Integer> groupFailingOnCancel(RuntimeException error, List<String> log) {
    try {
      try (TaskGroup tg = new TaskGroup()) {
        tg.createTask(failTogether(error, log));
        await(sleep(1.0));
      }
    } catch (TaskGroupException e) {
      assertEquals(1, currentTask().cancelling(), "the outside cancellation is still requested");
      throw e;
    }
    return done(0);
  }

  @Test
  void aChildFailingAfterTheBodyFinishedLeavesTheParentUncancelled() {
    runWithVirtualTime(failAfterBody());
  }

  @Async
  Coro<Void> failAfterBody() {
    List<String> log = new ArrayList<>();
    try {
      try (TaskGroup tg = new TaskGroup()) {
        tg.createTask(failAfter(0.001, new IllegalStateException("late"), log));
      }
    } catch (TaskGroupException e) {
      assertEquals(1, e.exceptions().size());
    }
    assertEquals(0, currentTask().cancelling()); // gh-116720, fixed in 3.13
    await(sleep(0));
    return done();
  }

  @Test
  void createTaskBeforeEnteringIsRefused() {
    TaskGroup tg = new TaskGroup();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> tg.createTask(sleep(0)));
    assertEquals("TaskGroup <TaskGroup> has not been entered", e.getMessage());
  }

  @Test
  void createTaskAfterTheGroupFinishedIsRefused() {
    runWithVirtualTime(createAfterFinish());
  }

  @Async
  Coro<Void> createAfterFinish() {
    TaskGroup group = new TaskGroup();
    try (TaskGroup tg = group) {
      tg.createTask(sleep(0));
    }
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> group.createTask(sleep(0)));
    assertEquals("TaskGroup <TaskGroup entered> is finished", e.getMessage());
    return done();
  }

  @Test
  void createTaskWhileTheGroupIsShuttingDownIsRefused() {
    runWithVirtualTime(createWhileAborting());
  }

  @Async
  Coro<Void> createWhileAborting() {
    List<String> log = new ArrayList<>();
    String[] refusal = {null};
    try {
      try (TaskGroup tg = new TaskGroup()) {
        tg.createTask(failAfter(0, new IllegalStateException("boom"), log));
        try {
          await(sleep(1.0));
        } catch (CancelledError e) {
          refusal[0] =
              assertThrows(IllegalStateException.class, () -> tg.createTask(sleep(0)))
                  .getMessage();
          throw e;
        }
      }
    } catch (TaskGroupException e) {
      assertEquals(1, e.exceptions().size());
    }
    assertEquals("TaskGroup <TaskGroup errors=1 cancelling> is shutting down", refusal[0]);
    return done();
  }

  @Test
  void enteringTwiceIsRefused() {
    runWithVirtualTime(enterTwice());
  }

  @Async
  Coro<Void> enterTwice() {
    TaskGroup group = new TaskGroup();
    try (TaskGroup outer = group) {
      try (TaskGroup again = group) {
        expectUnreached();
      }
    } catch (TaskGroupException e) {
      // as in Python, the error leaves the body of the group, which reports it
      IllegalStateException refusal = assertInstanceOf(IllegalStateException.class, e.exceptions().get(0));
      assertEquals("TaskGroup <TaskGroup entered> has already been entered", refusal.getMessage());
    }
    return done();
  }

  @Test
  void nestedGroupsGiveNestedExceptions() {
    runWithVirtualTime(nested());
  }

  @Async
  Coro<Void> nested() {
    List<String> log = new ArrayList<>();
    RuntimeException inner = new IllegalStateException("inner");
    try {
      try (TaskGroup outer = new TaskGroup()) {
        outer.createTask(innerGroup(inner, log));
      }
    } catch (TaskGroupException e) {
      TaskGroupException nestedGroup = assertInstanceOf(TaskGroupException.class, e.exceptions().get(0));
      assertEquals(List.of(inner), nestedGroup.exceptions());
      assertEquals(List.of(inner), e.exceptionsOf(IllegalStateException.class));
    }
    return done();
  }

  @Async
  Coro<Void> innerGroup(RuntimeException error, List<String> log) {
    try (TaskGroup tg = new TaskGroup()) {
      tg.createTask(failAfter(0, error, log));
    }
    return done();
  }

  @Test
  void aVirtualMachineErrorIsRethrownAsItIsNotGrouped() {
    runWithVirtualTime(baseError());
  }

  @Async
  Coro<Void> baseError() {
    StackOverflowError overflow = new StackOverflowError("deep");
    List<String> log = new ArrayList<>();
    try {
      try (TaskGroup tg = new TaskGroup()) {
        tg.createTask(throwError(overflow));
        tg.createTask(after(1.0, "sibling", log));
      }
      expectUnreached();
    } catch (StackOverflowError e) {
      assertSame(overflow, e);
    }
    assertEquals(List.of("sibling cancelled"), log);
    return done();
  }

  @Async
  Coro<Void> throwError(Error error) {
    await(sleep(0));
    throw error;
  }

  @Test
  void toStringShowsTasksErrorsAndState() {
    runWithVirtualTime(describe());
  }

  @Async
  Coro<Void> describe() {
    TaskGroup group = new TaskGroup();
    assertEquals("<TaskGroup>", group.toString());
    List<String> log = new ArrayList<>();
    try (TaskGroup tg = group) {
      tg.createTask(after(0, "a", log));
      assertEquals("<TaskGroup tasks=1 entered>", tg.toString());
    }
    assertFalse(group.toString().contains("tasks"));
    return done();
  }
}
