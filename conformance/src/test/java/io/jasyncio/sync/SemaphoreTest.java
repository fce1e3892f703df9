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

/** asyncio.Semaphore and BoundedSemaphore (CPython's test_locks.SemaphoreTests). */
@Timeout(10)
@SuppressWarnings("try")
abstract class SemaphoreTest extends OrderedTest {

  @Async
  Coro<Void> holdPermit(Semaphore sem, List<String> log, String name) {
    try (Held permit = await(sem.acquire())) {
      log.add(name + " in");
      await(sleep(0));
      log.add(name + " out");
    }
    return done();
  }

  @Test
  void aNegativeInitialValueIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
    assertEquals("Semaphore initial value must be >= 0", e.getMessage());
  }

  @Test
  void atMostValueTasksHoldAPermitAtOnce() {
    runWithVirtualTime(permitsLimit());
  }

  @Async
  Coro<Void> permitsLimit() {
    Semaphore sem = new Semaphore(2);
    List<String> log = new ArrayList<>();
    List<Task<Void>> tasks = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      tasks.add(createTask(holdPermit(sem, log, name)));
    }
    await(gather(tasks));
    assertEquals(List.of("a in", "b in", "a out", "b out", "c in", "c out"), log);
    assertEquals(2, sem.value());
    return done();
  }

  @Test
  void acquiringAFreePermitDoesNotYield() {
    runWithVirtualTime(freePermit());
  }

  @Async
  Coro<Void> freePermit() {
    Semaphore sem = new Semaphore(1);
    Task<Void> other = createTask(step(2));
    expect(1);
    await(sem.acquire());
    assertTrue(sem.isLocked());
    assertFalse(other.isDone());
    await(other);
    finish(3);
    return done();
  }

  @Async
  Coro<Void> step(int n) {
    expect(n);
    return done();
  }

  @Test
  void isLockedWhileSomeoneWaitsEvenWithAPermitFree() {
    runWithVirtualTime(lockedWhileWaiting());
  }

  @Async
  Coro<Void> lockedWhileWaiting() {
    Semaphore sem = new Semaphore(0);
    Task<Held> waiter = createTask(sem.acquire());
    await(sleep(0));
    sem.release(); // the permit goes straight to the waiter, which has not run yet
    assertTrue(sem.isLocked(), "a woken waiter is still ahead in line");
    await(waiter);
    assertTrue(sem.isLocked());
    return done();
  }

  @Test
  void aNewcomerQueuesBehindWaitersEvenWhenAPermitIsFree() {
    runWithVirtualTime(noJumping());
  }

  @Async
  Coro<Void> noJumping() {
    Semaphore sem = new Semaphore(1);
    List<String> log = new ArrayList<>();
    await(sem.acquire());
    Task<Void> a = createTask(holdPermit(sem, log, "a"));
    await(sleep(0));
    Task<Void> b = createTask(holdPermit(sem, log, "b")); // runs before a's wake-up
    sem.release();
    await(gather(a, b));
    assertEquals(List.of("a in", "a out", "b in", "b out"), log);
    return done();
  }

  @Test
  void releasingMoreThanAcquiredIsAllowed() {
    Semaphore sem = new Semaphore(1);
    sem.release();
    sem.release();
    assertEquals(3, sem.value());
    assertFalse(sem.isLocked());
  }

  @Test
  void aWaiterCancelledAfterBeingWokenGivesItsPermitToTheNext() {
    runWithVirtualTime(wokenThenCancelled());
  }

  @Async
  Coro<Void> wokenThenCancelled() {
    Semaphore sem = new Semaphore(0);
    List<String> log = new ArrayList<>();
    Task<Void> a = createTask(holdPermit(sem, log, "a"));
    Task<Void> b = createTask(holdPermit(sem, log, "b"));
    await(sleep(0));
    sem.release(); // a is woken with the permit
    a.cancel(); // and cancelled before it runs
    await(gatherReturnExceptions(a, b));
    assertTrue(a.isCancelled());
    assertEquals(List.of("b in", "b out"), log);
    assertEquals(1, sem.value());
    return done();
  }

  @Test
  void aCancelledQueuedWaiterTakesNoPermit() {
    runWithVirtualTime(cancelledWhileQueued());
  }

  @Async
  Coro<Void> cancelledWhileQueued() {
    Semaphore sem = new Semaphore(0);
    Task<Held> a = createTask(sem.acquire());
    await(sleep(0));
    a.cancel();
    await(gatherReturnExceptions(a));
    assertFalse(sem.toString().contains("waiters"), sem.toString());
    sem.release();
    assertEquals(1, sem.value());
    assertFalse(sem.isLocked());
    return done();
  }

  @Test
  void theSemaphoreIsAnAsyncContext() {
    runWithVirtualTime(asyncWith());
  }

  @Async
  Coro<Void> asyncWith() {
    Semaphore sem = new Semaphore(1);
    try (sem) {
      assertTrue(sem.isLocked());
      await(sleep(0));
    }
    assertEquals(1, sem.value());
    return done();
  }

  @Test
  void aBoundedSemaphoreRefusesToBeReleasedAboveItsInitialValue() {
    BoundedSemaphore sem = new BoundedSemaphore(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, sem::release);
    assertEquals("BoundedSemaphore released too many times", e.getMessage());
    assertEquals(1, sem.value());
  }

  @Test
  void aBoundedSemaphoreReleasesWhatWasAcquired() {
    runWithVirtualTime(boundedRoundTrip());
  }

  @Async
  Coro<Void> boundedRoundTrip() {
    BoundedSemaphore sem = new BoundedSemaphore(2);
    Held first = await(sem.acquire());
    Held second = await(sem.acquire());
    first.close();
    second.close();
    assertThrows(IllegalArgumentException.class, sem::release);
    return done();
  }

  @Test
  void toStringShowsValueAndWaiters() {
    runWithVirtualTime(describe());
  }

  @Async
  Coro<Void> describe() {
    Semaphore sem = new Semaphore(2);
    assertTrue(sem.toString().endsWith("[unlocked, value:2]>"), sem.toString());
    await(sem.acquire());
    await(sem.acquire());
    Task<Held> waiter = createTask(sem.acquire());
    await(sleep(0));
    assertTrue(sem.toString().endsWith("[locked, waiters:1]>"), sem.toString());
    waiter.cancel();
    return done();
  }
}
