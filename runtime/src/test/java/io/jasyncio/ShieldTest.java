package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** shield (CPython's tasks.shield). */
@Timeout(10)
class ShieldTest {
  // Virtual time: the timings in these tests are exact, whatever the load on the machine.
  private final EventLoop loop = EventLoop.withVirtualTime();
  private final List<String> log = new ArrayList<>();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  @Test
  void cancellingTheShieldLeavesTheInnerTaskRunning() {
    Task<String> inner = loop.createTask(Coros.worker(log, "inner", 0.02, "done"));
    Future<String>[] outer = newArray();
    loop.runUntilComplete(
        Coros.deferred(
            () -> {
              outer[0] = AsyncIO.shield(inner);
              return AsyncIO.sleep(0);
            }));
    assertTrue(outer[0].cancel());
    assertThrows(CancelledError.class, () -> loop.runUntilComplete(outer[0]));
    assertFalse(inner.isDone());
    assertEquals("done", loop.runUntilComplete(inner));
    assertEquals(List.of("inner start", "inner end"), log);
  }

  @Test
  void aTaskAwaitingAShieldIsCancelledButTheInnerWorkIsNot() {
    Task<String> inner = loop.createTask(Coros.worker(log, "inner", 0.02, "done"));
    Task<String> awaiting = loop.createTask(Coros.deferred(() -> AsyncIO.shield(inner)));
    loop.callLater(0.005, awaiting::cancel);
    assertThrows(CancelledError.class, () -> loop.runUntilComplete(awaiting));
    assertEquals("done", loop.runUntilComplete(inner));
  }

  @Test
  void cancellingTheInnerCancelsTheShield() {
    Task<String> inner = loop.createTask(Coros.worker(log, "inner", 1, "done"));
    Task<String> awaiting = loop.createTask(Coros.deferred(() -> AsyncIO.shield(inner)));
    loop.callLater(0.005, inner::cancel);
    assertThrows(CancelledError.class, () -> loop.runUntilComplete(awaiting));
    assertTrue(inner.isCancelled());
  }

  @Test
  void resultsAndExceptionsPassThrough() {
    IOException failure = new IOException("inner failed");
    assertEquals(
        "value",
        loop.runUntilComplete(
            Coros.deferred(() -> AsyncIO.shield(Coros.worker(log, "w", 0.001, "value")))));
    assertSame(
        failure,
        assertThrows(
            IOException.class,
            () ->
                loop.runUntilComplete(
                    Coros.deferred(() -> AsyncIO.shield(Coros.failAfter(0.001, failure))))));
  }

  @Test
  void aDoneAwaitableIsReturnedAsItIs() {
    Future<String> done = loop.createFuture();
    done.setResult("x");
    assertSame(done, AsyncIO.shield(done));
  }

  @SuppressWarnings("unchecked")
  private static <T> Future<T>[] newArray() {
    return (Future<T>[]) new Future<?>[1];
  }
}
