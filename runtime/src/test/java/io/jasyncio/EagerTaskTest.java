package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Eager tasks (asyncio 3.12's eager_task_factory) and task factories. */
class EagerTaskTest extends OrderedTest {
  private final EventLoop loop = EventLoop.withVirtualTime();

  EagerTaskTest() {
    loop.setTaskFactory(AsyncIO.eagerTaskFactory());
  }

  @AfterEach
  void close() {
    loop.close();
  }

  @Test
  void theCoroutineRunsInsideCreateTaskUpToItsFirstSuspension() {
    loop.runUntilComplete(
        Coros.deferred(
            () -> {
              expect(1);
              Task<Void> child =
                  AsyncIO.createTask(
                      Coros.deferred(
                          () -> {
                            expect(2);
                            return Coros.awaitThen(AsyncIO.sleep(0), () -> expect(4));
                          }));
              expect(3);
              return child;
            }));
    finish(5);
  }

  @Test
  void aCoroutineThatNeverSuspendsGivesADoneTaskThatWasNeverScheduled() {
    loop.runUntilComplete(
        Coros.deferred(
            () -> {
              int before = loop.pendingCallbacks();
              Task<Integer> task = AsyncIO.createTask(Coros.call(() -> 42));
              assertTrue(task.isDone());
              assertEquals(42, task.result());
              assertEquals(before, loop.pendingCallbacks());
              assertFalse(loop.allTasks().contains(task));
              return task;
            }));
  }

  @Test
  void theNewTaskIsTheCurrentTaskDuringItsEagerStepAndTheCallerIsAfterIt() {
    loop.runUntilComplete(
        Coros.deferred(
            () -> {
              Task<?> parent = AsyncIO.currentTask();
              Task<?>[] seen = new Task<?>[1];
              Task<Void> child =
                  AsyncIO.createTask(
                      Coros.call(
                          () -> {
                            seen[0] = AsyncIO.currentTask();
                            return null;
                          }));
              assertSame(child, seen[0]);
              assertSame(parent, AsyncIO.currentTask());
              return child;
            }));
  }

  @Test
  void contextVariablesSetByTheEagerTaskStayInItsOwnContext() {
    ContextVar<String> var = new ContextVar<>("var", "outer");
    loop.runUntilComplete(
        Coros.deferred(
            () -> {
              Task<String> child =
                  AsyncIO.createTask(
                      Coros.call(
                          () -> {
                            var.set("inner");
                            return var.get();
                          }));
              assertEquals("inner", child.result());
              assertEquals("outer", var.get());
              return child;
            }));
  }

  @Test
  void aFailureDuringTheEagerStepFailsTheTaskAndReachesWhoeverAwaitsIt() {
    IOException failure = new IOException("at once");
    Object outcome =
        loop.runUntilComplete(
            Coros.deferred(
                () -> {
                  Task<Object> child = AsyncIO.createTask(Coros.failing(failure));
                  assertTrue(child.isDone());
                  return AsyncIO.gatherReturnExceptions(child);
                }));
    assertEquals(java.util.List.of(failure), outcome);
  }

  @Test
  void onALoopThatIsNotRunningTheTaskStartsLater() {
    Task<Integer> task = loop.createTask(Coros.call(() -> 1));
    assertFalse(task.isDone());
    loop.runCurrent();
    assertEquals(1, task.result());
  }

  @Test
  void withoutAFactoryTasksStartInALaterIteration() {
    loop.setTaskFactory(null);
    assertNull(loop.getTaskFactory());
    loop.runUntilComplete(
        Coros.deferred(
            () -> {
              Task<Integer> task = AsyncIO.createTask(Coros.call(() -> 1));
              assertFalse(task.isDone());
              return task;
            }));
  }

  @Test
  void aCustomFactorySeesEveryCreateTask() {
    java.util.List<String> names = new java.util.ArrayList<>();
    loop.setTaskFactory(
        (l, coro, name, context) -> {
          names.add(name);
          return Task.create(l, coro, name == null ? "made-" + names.size() : name, context, false);
        });
    Task<Integer> a = loop.createTask(Coros.call(() -> 1));
    Task<Integer> b = loop.createTask(Coros.call(() -> 2), "b");
    loop.runCurrent();
    assertEquals(java.util.Arrays.asList(null, "b"), names);
    assertEquals("made-1", a.getName());
    assertEquals("b", b.getName());
  }
}
