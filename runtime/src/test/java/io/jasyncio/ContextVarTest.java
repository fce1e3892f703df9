package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Context variables: copies per task and per callback (Python's contextvars with asyncio). */
@Timeout(10)
class ContextVarTest {
  private static final ContextVar<String> REQUEST = new ContextVar<>("request", "none");
  // Virtual time: the timings in these tests are exact, whatever the load on the machine.
  private final EventLoop loop = EventLoop.withVirtualTime();

  @AfterEach
  void closeLoop() {
    loop.close();
    ThreadState.current().context.vars = Context.EMPTY_VARS;
  }

  @Test
  void aTaskSeesACopyOfItsCreatorsContextTakenAtCreation() {
    List<String> seen = new ArrayList<>();
    loop.runUntilComplete(
        Coros.deferred(
            () -> {
              REQUEST.set("parent");
              Task<Object> child =
                  AsyncIO.createTask(
                      Coros.call(
                          () -> {
                            seen.add(REQUEST.get());
                            REQUEST.set("child"); // invisible to the parent
                            return null;
                          }));
              REQUEST.set("parent, later"); // after creation: invisible to the child
              return Coros.awaitThen(child, () -> seen.add(REQUEST.get()));
            }));
    assertEquals(List.of("parent", "parent, later"), seen);
  }

  @Test
  void aDirectAwaitSharesTheCallersContext() {
    List<String> seen = new ArrayList<>();
    Coro<Object> callee =
        Coros.call(
            () -> {
              REQUEST.set("set by the callee");
              return null;
            });
    loop.runUntilComplete(Coros.awaitThen(callee, () -> seen.add(REQUEST.get())));
    assertEquals(List.of("set by the callee"), seen);
    assertEquals("none", REQUEST.get()); // the task's context, not the thread's
  }

  @Test
  void aCallbackRunsInACopyOfTheContextCurrentWhenItWasScheduled() {
    List<String> seen = new ArrayList<>();
    loop.runUntilComplete(
        Coros.deferred(
            () -> {
              REQUEST.set("at schedule time");
              AsyncIO.getRunningLoop()
                  .callSoon(
                      () -> {
                        seen.add(REQUEST.get());
                        REQUEST.set("changed in the callback");
                      });
              REQUEST.set("after scheduling");
              return Coros.awaitThen(AsyncIO.sleep(0.001), () -> seen.add(REQUEST.get()));
            }));
    assertEquals(List.of("at schedule time", "after scheduling"), seen);
  }

  @Test
  void aTaskCanRunInAGivenContextWhichKeepsItsChanges() {
    Context context = AsyncIO.copyContext();
    loop.runUntilComplete(
        Coros.deferred(
            () ->
                AsyncIO.createTask(
                    Coros.call(
                        () -> {
                          REQUEST.set("kept");
                          return null;
                        }),
                    "in-context",
                    context)));
    assertEquals("kept", context.get(REQUEST));
    assertEquals("none", REQUEST.get());
  }

  @Test
  void resetRestoresThePreviousValueOnce() {
    ContextVar.Token<String> first = REQUEST.set("a");
    ContextVar.Token<String> second = REQUEST.set("b");
    assertEquals("a", second.oldValue());
    REQUEST.reset(second);
    assertEquals("a", REQUEST.get());
    assertEquals(
        "Token has already been used once",
        assertThrows(IllegalStateException.class, () -> REQUEST.reset(second)).getMessage());
    REQUEST.reset(first);
    assertFalse(AsyncIO.copyContext().contains(REQUEST));
    assertEquals("none", REQUEST.get());
  }

  @Test
  void aVariableWithoutDefaultThatWasNeverSetHasNoValue() {
    ContextVar<Integer> bare = new ContextVar<>("bare");
    assertThrows(NoSuchElementException.class, bare::get);
    assertEquals(7, bare.get(7));
    bare.set(1);
    assertEquals(1, bare.get());
  }

  @Test
  void contextRunKeepsTheChangesInThatContext() {
    Context context = AsyncIO.copyContext();
    context.run(() -> REQUEST.set("inside"));
    assertEquals("inside", context.get(REQUEST));
    assertEquals("none", REQUEST.get());
    assertTrue(context.run(() -> REQUEST.get().equals("inside")));
  }

  @Test
  void aContextCannotBeEnteredTwice() {
    Context context = AsyncIO.copyContext();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> context.run(() -> context.run(() -> {})));
    assertTrue(e.getMessage().startsWith("cannot enter context"), e.getMessage());
  }
}
