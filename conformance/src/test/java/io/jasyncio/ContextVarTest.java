package io.jasyncio;

import static io.jasyncio.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ContextVar across tasks, awaits, callbacks and threads (CPython's contextvars + asyncio). */
@org.junit.jupiter.api.Timeout(10)
abstract class ContextVarTest extends OrderedTest {
  static final ContextVar<String> REQUEST = new ContextVar<>("request", "none");

  @Async
  Coro<String> setAndRead(String value) {
    REQUEST.set(value);
    await(sleep(0));
    return done(REQUEST.get());
  }

  @Async
  Coro<String> read() {
    await(sleep(0));
    return done(REQUEST.get());
  }

  @Test
  void aTaskRunsInACopyOfTheContextTakenWhenItWasCreated() {
    runWithVirtualTime(taskCopiesAtCreation());
  }

  @Async
  Coro<Void> taskCopiesAtCreation() {
    REQUEST.set("before");
    Task<String> reader = createTask(read());
    REQUEST.set("after"); // not seen by the task: it copied at creation
    assertEquals("before", await(reader));
    Task<String> writer = createTask(setAndRead("child"));
    assertEquals("child", await(writer));
    assertEquals("after", REQUEST.get(), "the child's change stays in its own copy");
    return done();
  }

  @Test
  void aDirectAwaitSharesTheCallersContext() {
    runWithVirtualTime(awaitShares());
  }

  @Async
  Coro<Void> awaitShares() {
    REQUEST.set("caller");
    assertEquals("callee", await(setAndRead("callee")));
    assertEquals("callee", REQUEST.get(), "an awaited coroutine runs in the caller's context");
    return done();
  }

  @Test
  void aCallbackRunsInACopyOfTheContextCurrentWhenItWasScheduled() {
    runWithVirtualTime(callbacksCopy());
  }

  @Async
  Coro<Void> callbacksCopy() {
    List<String> seen = new ArrayList<>();
    REQUEST.set("scheduled");
    getRunningLoop()
        .callSoon(
            () -> {
              seen.add(REQUEST.get());
              REQUEST.set("changed by the callback");
            });
    REQUEST.set("later");
    await(sleep(0));
    assertEquals(List.of("scheduled"), seen);
    assertEquals("later", REQUEST.get());
    return done();
  }

  @Test
  void toThreadCarriesTheContextButRunInExecutorDoesNot() {
    runWithVirtualTime(threads());
  }

  @Async
  Coro<Void> threads() {
    REQUEST.set("loop");
    assertEquals("loop", await(toThread(REQUEST::get)));
    assertEquals("none", await(getRunningLoop().runInExecutor(null, REQUEST::get)));
    return done();
  }

  @Test
  void taskGroupTasksCopyTheContextToo() {
    runWithVirtualTime(taskGroupCopies());
  }

  @Async
  Coro<Void> taskGroupCopies() {
    REQUEST.set("group");
    Task<String> child;
    try (TaskGroup tg = new TaskGroup()) {
      child = tg.createTask(setAndRead("inside"));
    }
    assertEquals("inside", child.result());
    assertEquals("group", REQUEST.get());
    return done();
  }
}
