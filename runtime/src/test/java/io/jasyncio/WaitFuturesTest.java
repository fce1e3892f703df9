package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** waitFutures (CPython's asyncio.wait). */
@Timeout(10)
class WaitFuturesTest {
  // Virtual time: the timings in these tests are exact, whatever the load on the machine.
  private final EventLoop loop = EventLoop.withVirtualTime();
  private final List<String> log = new ArrayList<>();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  private List<Task<String>> tasks(double... delays) {
    List<Task<String>> tasks = new ArrayList<>();
    for (double delay : delays) {
      tasks.add(loop.createTask(Coros.worker(log, "t" + delay, delay, "r" + delay)));
    }
    return tasks;
  }

  @Test
  void allCompletedWaitsForEveryFuture() {
    List<Task<String>> tasks = tasks(0.01, 0.02);
    Done<Task<String>> done = loop.runUntilComplete(AsyncIO.waitFutures(tasks));
    assertEquals(Set.copyOf(tasks), done.done());
    assertTrue(done.pending().isEmpty());
  }

  @Test
  void firstCompletedReturnsAsSoonAsOneIsDone() {
    List<Task<String>> tasks = tasks(0.01, 1);
    Done<Task<String>> done =
        loop.runUntilComplete(AsyncIO.waitFutures(tasks, ReturnWhen.FIRST_COMPLETED));
    assertEquals(Set.of(tasks.get(0)), done.done());
    assertEquals(Set.of(tasks.get(1)), done.pending());
  }

  @Test
  void firstExceptionReturnsOnTheFirstFailure() {
    Task<String> failing = loop.createTask(Coros.failAfter(0.01, new IOException()));
    List<Task<String>> tasks = tasks(1);
    tasks.add(failing);
    Done<Task<String>> done =
        loop.runUntilComplete(AsyncIO.waitFutures(tasks, ReturnWhen.FIRST_EXCEPTION));
    assertEquals(Set.of(failing), done.done());
    assertEquals(1, done.pending().size());
    assertTrue(failing.exception() instanceof IOException);
  }

  @Test
  void firstExceptionWithoutFailuresWaitsForAll() {
    List<Task<String>> tasks = tasks(0.005, 0.01);
    Done<Task<String>> done =
        loop.runUntilComplete(AsyncIO.waitFutures(tasks, ReturnWhen.FIRST_EXCEPTION));
    assertEquals(2, done.done().size());
  }

  @Test
  void aTimeoutReturnsWhatIsPendingAndCancelsNothing() {
    List<Task<String>> tasks = tasks(0.005, 0.05);
    Done<Task<String>> done =
        loop.runUntilComplete(AsyncIO.waitFutures(tasks, 0.02, ReturnWhen.ALL_COMPLETED));
    assertEquals(Set.of(tasks.get(0)), done.done());
    Task<String> pending = done.pending().iterator().next();
    assertSame(tasks.get(1), pending);
    assertFalse(pending.isCancelled());
    assertEquals("r0.05", loop.runUntilComplete(pending));
  }

  @Test
  void anEmptyCollectionIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> loop.runUntilComplete(AsyncIO.waitFutures(List.<Task<String>>of())));
    assertEquals("Set of Tasks/Futures is empty.", e.getMessage());
  }

  @Test
  void theSetsAreComputedWhenTheWaiterResumes() {
    Future<String> a = loop.createFuture();
    Future<String> b = loop.createFuture();
    loop.callLater(
        0.01,
        () -> {
          a.setResult("a");
          b.setResult("b"); // done in the same iteration, before the waiter resumes
        });
    Done<Future<String>> done =
        loop.runUntilComplete(AsyncIO.waitFutures(List.of(a, b), ReturnWhen.FIRST_COMPLETED));
    assertEquals(Set.of(a, b), done.done());
  }
}
