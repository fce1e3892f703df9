package io.jasyncio.queues;

import static io.jasyncio.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/** asyncio.Queue, one behaviour per test (CPython's test_queues). */
@Timeout(10)
abstract class QueueTest extends OrderedTest {

  @Async
  Coro<Void> putAll(Queue<Integer> q, List<String> log, int from, int to) {
    for (int i = from; i < to; i++) {
      await(q.put(i));
      log.add("put " + i);
    }
    return done();
  }

  @Async
  Coro<Void> getAll(Queue<Integer> q, List<String> log, int count) {
    for (int i = 0; i < count; i++) {
      log.add("got " + await(q.get()));
    }
    return done();
  }

  @Async
  Coro<String> getOrShutDown(Queue<Integer> q) {
    try {
      return done("got " + await(q.get()));
    } catch (QueueShutDown e) {
      return done("shut down");
    }
  }

  @Async
  Coro<String> putOrShutDown(Queue<Integer> q, int item) {
    try {
      await(q.put(item));
      return done("put " + item);
    } catch (QueueShutDown e) {
      return done("shut down");
    }
  }

  @Async
  Coro<Void> step(int n) {
    expect(n);
    return done();
  }

  @Test
  void aQueueWithoutMaxsizeIsUnboundedAndNeverFull() {
    Queue<Integer> q = new Queue<>();
    for (int i = 0; i < 1000; i++) {
      q.putNowait(i);
    }
    assertEquals(1000, q.qsize());
    assertFalse(q.isFull());
    assertEquals(0, q.maxsize());
    assertEquals(0, (int) q.getNowait());
    assertFalse(new Queue<Integer>(-1).isFull());
  }

  @Test
  void itemsComeOutInFifoOrder() {
    Queue<String> q = new Queue<>();
    q.putNowait("a");
    q.putNowait("b");
    q.putNowait(null);
    assertEquals("a", q.getNowait());
    assertEquals("b", q.getNowait());
    assertNull(q.getNowait());
    assertTrue(q.isEmpty());
  }

  @Test
  void putNowaitOnAFullQueueThrowsQueueFull() {
    Queue<Integer> q = new Queue<>(1);
    q.putNowait(1);
    assertTrue(q.isFull());
    QueueFull e = assertThrows(QueueFull.class, () -> q.putNowait(2));
    assertNull(e.getMessage());
    assertEquals(1, q.qsize());
  }

  @Test
  void getNowaitOnAnEmptyQueueThrowsQueueEmpty() {
    Queue<Integer> q = new Queue<>();
    QueueEmpty e = assertThrows(QueueEmpty.class, q::getNowait);
    assertNull(e.getMessage());
  }

  @Test
  void getOnANonEmptyQueueDoesNotYield() {
    runWithVirtualTime(getDoesNotYield());
  }

  @Async
  Coro<Void> getDoesNotYield() {
    Queue<Integer> q = new Queue<>();
    q.putNowait(7);
    Task<Void> other = createTask(step(2));
    expect(1);
    assertEquals(7, (int) await(q.get()));
    await(q.put(8)); // not full: does not yield either
    assertFalse(other.isDone());
    await(other);
    finish(3);
    return done();
  }

  @Test
  void getWaitsForAPut() {
    runWithVirtualTime(getWaits());
  }

  @Async
  Coro<Void> getWaits() {
    Queue<Integer> q = new Queue<>();
    List<String> log = new ArrayList<>();
    Task<Void> getter = createTask(getAll(q, log, 1));
    await(sleep(0));
    assertTrue(log.isEmpty());
    assertTrue(q.toString().contains("_getters[1]"), q.toString());
    q.putNowait(5);
    await(getter);
    assertEquals(List.of("got 5"), log);
    return done();
  }

  @Test
  void putWaitsForAFreeSlot() {
    runWithVirtualTime(putWaits());
  }

  @Async
  Coro<Void> putWaits() {
    Queue<Integer> q = new Queue<>(1);
    List<String> log = new ArrayList<>();
    Task<Void> putter = createTask(putAll(q, log, 0, 2));
    await(sleep(0));
    assertEquals(List.of("put 0"), log);
    assertTrue(q.isFull());
    assertEquals(0, (int) q.getNowait());
    await(putter);
    assertEquals(List.of("put 0", "put 1"), log);
    assertEquals(1, (int) q.getNowait());
    return done();
  }

  @Test
  void blockedPuttersAreReleasedInArrivalOrderOnePerGet() {
    runWithVirtualTime(puttersFifo());
  }

  @Async
  Coro<Void> puttersFifo() {
    Queue<Integer> q = new Queue<>(1);
    q.putNowait(0);
    List<String> log = new ArrayList<>();
    Task<Void> a = createTask(putAll(q, log, 1, 2));
    Task<Void> b = createTask(putAll(q, log, 2, 3));
    await(sleep(0));
    assertTrue(q.toString().contains("_putters[2]"), q.toString());
    assertEquals(0, (int) q.getNowait());
    await(sleep(0));
    assertEquals(List.of("put 1"), log, "one get frees one slot for one putter");
    assertEquals(1, (int) q.getNowait());
    await(gather(a, b));
    assertEquals(List.of("put 1", "put 2"), log);
    assertEquals(2, (int) q.getNowait());
    return done();
  }

  @Test
  void blockedGettersAreServedInArrivalOrder() {
    runWithVirtualTime(gettersFifo());
  }

  @Async
  Coro<Void> gettersFifo() {
    Queue<Integer> q = new Queue<>();
    List<String> log = new ArrayList<>();
    Task<Void> a = createTask(getTagged(q, log, "a"));
    Task<Void> b = createTask(getTagged(q, log, "b"));
    await(sleep(0));
    q.putNowait(1);
    q.putNowait(2);
    await(gather(a, b));
    assertEquals(List.of("a 1", "b 2"), log);
    return done();
  }

  @Async
  Coro<Void> getTagged(Queue<Integer> q, List<String> log, String name) {
    log.add(name + " " + await(q.get()));
    return done();
  }

  @Test
  void aGetterCancelledAfterBeingWokenPassesTheItemOn() {
    runWithVirtualTime(getterWokenThenCancelled());
  }

  @Async
  Coro<Void> getterWokenThenCancelled() {
    Queue<Integer> q = new Queue<>();
    List<String> log = new ArrayList<>();
    Task<Void> a = createTask(getTagged(q, log, "a"));
    Task<Void> b = createTask(getTagged(q, log, "b"));
    await(sleep(0));
    q.putNowait(1); // wakes a
    a.cancel(); // before it runs: b must get the item
    await(gatherReturnExceptions(a, b));
    assertTrue(a.isCancelled());
    assertEquals(List.of("b 1"), log);
    return done();
  }

  @Test
  void aPutterCancelledAfterBeingWokenPassesTheSlotOnAndAddsNothing() {
    runWithVirtualTime(putterWokenThenCancelled());
  }

  @Async
  Coro<Void> putterWokenThenCancelled() {
    Queue<Integer> q = new Queue<>(1);
    q.putNowait(0);
    List<String> log = new ArrayList<>();
    Task<Void> a = createTask(putAll(q, log, 1, 2));
    Task<Void> b = createTask(putAll(q, log, 2, 3));
    await(sleep(0));
    assertEquals(0, (int) q.getNowait()); // wakes a
    a.cancel();
    await(gatherReturnExceptions(a, b));
    assertTrue(a.isCancelled());
    assertEquals(List.of("put 2"), log);
    assertEquals(1, q.qsize());
    assertEquals(2, (int) q.getNowait());
    return done();
  }

  @Test
  void aCancelledGetterLeavesNoTrace() {
    runWithVirtualTime(cancelledGetter());
  }

  @Async
  Coro<Void> cancelledGetter() {
    Queue<Integer> q = new Queue<>();
    Task<Integer> getter = createTask(q.get());
    await(sleep(0));
    getter.cancel();
    await(gatherReturnExceptions(getter));
    assertFalse(q.toString().contains("_getters"), q.toString());
    q.putNowait(1);
    assertEquals(1, q.qsize());
    return done();
  }

  @Test
  void taskDoneMoreTimesThanPutsIsAnError() {
    Queue<Integer> q = new Queue<>();
    q.putNowait(1);
    q.getNowait();
    q.taskDone();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, q::taskDone);
    assertEquals("task_done() called too many times", e.getMessage());
  }

  @Test
  void joinReturnsAtOnceWhenNothingIsOutstanding() {
    runWithVirtualTime(joinAtOnce());
  }

  @Async
  Coro<Void> joinAtOnce() {
    Queue<Integer> q = new Queue<>();
    Task<Void> other = createTask(step(2));
    expect(1);
    await(q.join());
    assertFalse(other.isDone());
    await(other);
    finish(3);
    return done();
  }

  @Test
  void joinWaitsForTheLastTaskDoneEvenWhenTheQueueIsAlreadyEmpty() {
    runWithVirtualTime(joinWaitsForTaskDone());
  }

  @Async
  Coro<Void> joinWaitsForTaskDone() {
    Queue<Integer> q = new Queue<>();
    q.putNowait(1);
    q.putNowait(2);
    q.getNowait();
    q.getNowait();
    assertTrue(q.isEmpty());
    Task<Void> joiner = createTask(q.join());
    await(sleep(0));
    assertFalse(joiner.isDone());
    q.taskDone();
    await(sleep(0));
    assertFalse(joiner.isDone());
    assertTrue(q.toString().contains("tasks=1"), q.toString());
    q.taskDone();
    await(joiner);
    return done();
  }

  @Test
  void aWorkerPoolDrainsTheQueueAndJoinReturns() {
    runWithVirtualTime(workerPool());
  }

  @Async
  Coro<Void> workerPool() {
    Queue<Integer> q = new Queue<>(2);
    int[] total = {0};
    List<Task<Void>> workers = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      workers.add(createTask(worker(q, total)));
    }
    for (int i = 1; i <= 20; i++) {
      await(q.put(i));
    }
    await(q.join());
    assertEquals(210, total[0]);
    for (Task<Void> w : workers) {
      w.cancel();
    }
    await(gatherReturnExceptions(workers));
    return done();
  }

  @Async
  Coro<Void> worker(Queue<Integer> q, int[] total) {
    while (true) {
      int item = await(q.get());
      await(sleep(0));
      total[0] += item;
      q.taskDone();
    }
  }

  @Test
  void afterShutdownPutsThrowQueueShutDown() {
    Queue<Integer> q = new Queue<>();
    q.shutdown();
    assertThrows(QueueShutDown.class, () -> q.putNowait(1));
    assertTrue(q.toString().endsWith(" shutdown>"), q.toString());
  }

  @Test
  void afterShutdownGetsReturnTheRemainingItemsThenThrow() {
    runWithVirtualTime(shutdownDrains());
  }

  @Async
  Coro<Void> shutdownDrains() {
    Queue<Integer> q = new Queue<>();
    q.putNowait(1);
    q.putNowait(2);
    q.shutdown();
    assertEquals("got 1", await(getOrShutDown(q)));
    assertEquals(2, (int) q.getNowait());
    assertEquals("shut down", await(getOrShutDown(q)));
    assertThrows(QueueShutDown.class, q::getNowait);
    return done();
  }

  @Test
  void shutdownWakesBlockedGettersAndPuttersWithQueueShutDown() {
    runWithVirtualTime(shutdownWakesWaiters());
  }

  @Async
  Coro<Void> shutdownWakesWaiters() {
    Queue<Integer> empty = new Queue<>();
    Queue<Integer> full = new Queue<>(1);
    full.putNowait(0);
    Task<String> getter = createTask(getOrShutDown(empty));
    Task<String> putter = createTask(putOrShutDown(full, 1));
    await(sleep(0));
    empty.shutdown();
    full.shutdown();
    assertEquals("shut down", await(getter));
    assertEquals("shut down", await(putter));
    assertEquals(1, full.qsize(), "the blocked put added nothing");
    return done();
  }

  @Test
  void immediateShutdownDropsTheItemsCountsThemDoneAndReleasesJoin() {
    runWithVirtualTime(immediateShutdown());
  }

  @Async
  Coro<Void> immediateShutdown() {
    Queue<Integer> q = new Queue<>();
    q.putNowait(1);
    q.putNowait(2);
    q.putNowait(3);
    q.getNowait(); // taken, but its taskDone never comes
    Task<Void> joiner = createTask(q.join());
    await(sleep(0));
    q.shutdown(true);
    assertEquals(0, q.qsize());
    await(sleep(0));
    assertFalse(joiner.isDone(), "the item taken before shutdown is still unfinished");
    q.taskDone();
    await(joiner);
    assertEquals("shut down", await(getOrShutDown(q)));
    q.shutdown(true); // twice is harmless
    return done();
  }

  @Test
  void toStringFollowsPythonsStr() {
    Queue<Integer> q = new Queue<>(3);
    assertEquals("<Queue maxsize=3>", q.toString());
    q.putNowait(1);
    q.putNowait(2);
    assertEquals("<Queue maxsize=3 _queue=[1, 2] tasks=2>", q.toString());
  }

  @Test
  void aQueueUsedFromASecondLoopSaysItIsBoundToAnother() {
    Queue<Integer> q = new Queue<>();
    runWithVirtualTime(blockOnce(q));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> runWithVirtualTime(blockOnce(q)));
    assertTrue(e.getMessage().endsWith("is bound to a different event loop"), e.getMessage());
  }

  @Async
  Coro<Void> blockOnce(Queue<Integer> q) {
    Task<Integer> getter = createTask(q.get());
    await(sleep(0));
    q.putNowait(1);
    await(getter);
    return done();
  }
}
