package io.jasyncio.sync;

import static io.jasyncio.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Coro;
import io.jasyncio.OrderedTest;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** asyncio.Barrier (CPython's test_locks.BarrierTests). */
@Timeout(10)
abstract class BarrierTest extends OrderedTest {

  @Async
  Coro<Integer> arrive(Barrier barrier, List<String> log, String name) {
    log.add(name + " waits");
    int index = await(barrier.waitFor());
    log.add(name + " passes " + index);
    return done(index);
  }

  @Async
  Coro<String> arriveExpectingBreak(Barrier barrier) {
    try {
      await(barrier.waitFor());
      return done("passed");
    } catch (BrokenBarrierError e) {
      return done(e.getMessage());
    }
  }

  @Test
  void partiesBelowOneAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
    assertEquals("parties must be > 0", e.getMessage());
  }

  @Test
  void theLastArrivalReleasesEveryoneAndPassesFirst() {
    runWithVirtualTime(lastReleases());
  }

  @Async
  Coro<Void> lastReleases() {
    Barrier barrier = new Barrier(3);
    List<String> log = new ArrayList<>();
    List<Task<Integer>> tasks = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      tasks.add(createTask(arrive(barrier, log, name)));
    }
    List<Integer> indices = await(gather(tasks));
    assertEquals(List.of(0, 1, 2), indices);
    assertEquals(
        List.of("a waits", "b waits", "c waits", "c passes 2", "a passes 0", "b passes 1"), log);
    assertEquals(0, barrier.nWaiting());
    return done();
  }

  @Test
  void nWaitingCountsTasksAtTheBarrier() {
    runWithVirtualTime(counting());
  }

  @Async
  Coro<Void> counting() {
    Barrier barrier = new Barrier(3);
    List<String> log = new ArrayList<>();
    Task<Integer> a = createTask(arrive(barrier, log, "a"));
    Task<Integer> b = createTask(arrive(barrier, log, "b"));
    await(sleep(0));
    assertEquals(2, barrier.nWaiting());
    assertEquals(3, barrier.parties());
    assertTrue(barrier.toString().endsWith("[filling, waiters:2/3]>"), barrier.toString());
    await(barrier.waitFor());
    await(gather(a, b));
    return done();
  }

  @Test
  void theBarrierIsReusable() {
    runWithVirtualTime(cyclic());
  }

  @Async
  Coro<Void> cyclic() {
    Barrier barrier = new Barrier(2);
    List<String> log = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      Task<Integer> a = createTask(arrive(barrier, log, "a"));
      Task<Integer> b = createTask(arrive(barrier, log, "b"));
      assertEquals(List.of(0, 1), await(gather(a, b)));
    }
    assertEquals(12, log.size());
    assertFalse(barrier.isBroken());
    return done();
  }

  @Test
  void abortBreaksCurrentAndFutureWaiters() {
    runWithVirtualTime(abortBreaks());
  }

  @Async
  Coro<Void> abortBreaks() {
    Barrier barrier = new Barrier(3);
    Task<String> a = createTask(arriveExpectingBreak(barrier));
    await(sleep(0));
    await(barrier.abort());
    assertEquals("Abort or reset of barrier", await(a));
    assertTrue(barrier.isBroken());
    assertEquals("Barrier aborted", await(arriveExpectingBreak(barrier)));
    assertTrue(barrier.toString().endsWith("[broken]>"), barrier.toString());
    return done();
  }

  @Test
  void resetBreaksCurrentWaitersAndMakesTheBarrierUsableAgain() {
    runWithVirtualTime(resetBreaksThenReuses());
  }

  @Async
  Coro<Void> resetBreaksThenReuses() {
    Barrier barrier = new Barrier(2);
    Task<String> a = createTask(arriveExpectingBreak(barrier));
    await(sleep(0));
    await(barrier.reset());
    assertEquals("Abort or reset of barrier", await(a));
    assertFalse(barrier.isBroken());
    List<String> log = new ArrayList<>();
    Task<Integer> b = createTask(arrive(barrier, log, "b"));
    Task<Integer> c = createTask(arrive(barrier, log, "c"));
    assertEquals(List.of(0, 1), await(gather(b, c)));
    return done();
  }

  @Test
  void resetRepairsABrokenBarrier() {
    runWithVirtualTime(resetRepairs());
  }

  @Async
  Coro<Void> resetRepairs() {
    Barrier barrier = new Barrier(1);
    await(barrier.abort());
    assertTrue(barrier.isBroken());
    await(barrier.reset());
    assertFalse(barrier.isBroken());
    assertEquals(0, (int) await(barrier.waitFor()));
    return done();
  }

  @Test
  void aCancelledWaiterLeavesTheCount() {
    runWithVirtualTime(cancelledWaiter());
  }

  @Async
  Coro<Void> cancelledWaiter() {
    Barrier barrier = new Barrier(2);
    List<String> log = new ArrayList<>();
    Task<Integer> a = createTask(arrive(barrier, log, "a"));
    await(sleep(0));
    assertEquals(1, barrier.nWaiting());
    a.cancel();
    await(gatherReturnExceptions(a));
    assertEquals(0, barrier.nWaiting());
    Task<Integer> b = createTask(arrive(barrier, log, "b"));
    Task<Integer> c = createTask(arrive(barrier, log, "c"));
    assertEquals(List.of(0, 1), await(gather(b, c)));
    return done();
  }

  @Test
  void enteringTheBarrierAsAnAsyncContextWaitsAtIt() {
    runWithVirtualTime(asyncWith());
  }

  @Async
  Coro<Void> asyncWith() {
    Barrier barrier = new Barrier(2);
    List<String> log = new ArrayList<>();
    Task<Integer> other = createTask(arrive(barrier, log, "other"));
    try (barrier) {
      log.add("inside");
    }
    await(other);
    assertEquals(List.of("other waits", "other passes 1", "inside"), log);
    return done();
  }
}
