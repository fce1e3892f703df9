package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** asyncio.ensure_future, and createTask in an explicit context. */
class EnsureFutureTest {
  private final EventLoop loop = EventLoop.withVirtualTime();

  @AfterEach
  void close() {
    loop.close();
  }

  @Test
  void aFutureOfTheLoopIsReturnedAsItIs() {
    Future<String> future = loop.createFuture();
    assertSame(future, loop.ensureFuture(future));
  }

  @Test
  void aCoroutineBecomesATaskOnALoopThatIsNotRunningAndRunsWhenItDoes() {
    Future<Integer> task = loop.ensureFuture(Coros.call(() -> 42));
    assertInstanceOf(Task.class, task);
    assertFalse(task.isDone());
    loop.runCurrent();
    assertEquals(42, task.result());
  }

  @Test
  void aFutureOfAnotherLoopIsRefused() {
    try (EventLoop other = EventLoop.withVirtualTime()) {
      Future<String> foreign = other.createFuture();
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> loop.ensureFuture(foreign));
      assertEquals(
          "The future belongs to a different loop than the one specified as the loop argument",
          e.getMessage());
    }
  }

  @Test
  void theModuleFunctionNeedsARunningLoop() {
    assertThrows(IllegalStateException.class, () -> AsyncIO.ensureFuture(Coros.call(() -> 1)));
  }

  @Test
  void createTaskInAContextRunsInThatContextItself() {
    ContextVar<String> var = new ContextVar<>("var");
    Context context = AsyncIO.copyContext();
    Task<String> task = loop.createTask(Coros.call(() -> {
      var.set("set by the task");
      return var.get();
    }), context);
    loop.runCurrent();
    assertEquals("set by the task", task.result());
    assertEquals("set by the task", context.get(var));
    assertTrue(task.getName().startsWith("Task-"));
  }
}
