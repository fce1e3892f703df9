package io.jasyncio.sync;

import static io.jasyncio.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.CancelledError;
import io.jasyncio.Coro;
import io.jasyncio.OrderedTest;
import io.jasyncio.Task;
import io.jasyncio.TimeoutError;
import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** asyncio.Lock, one behaviour per test (CPython's test_locks.LockTests). */
@Timeout(10)
@SuppressWarnings("try") // try (Held held = ...) with held unused is the point
abstract class LockTest extends OrderedTest {

  @Async
  Coro<Void> holdFor(Lock lock, List<String> log, String name, int yields) {
    try (Held held = await(lock.acquire())) {
      log.add(name + " acquired");
      for (int i = 0; i < yields; i++) {
        await(sleep(0));
      }
      log.add(name + " releases");
    }
    return done();
  }

  @Test
  void acquiringAFreeLockDoesNotYield() {
    runWithVirtualTime(acquireFree());
  }

  @Async
  Coro<Void> acquireFree() {
    Lock lock = new Lock();
    Task<?> other = createTask(expectLater(2));
    expect(1);
    Held held = await(lock.acquire());
    assertNotNull(held);
    assertTrue(lock.isLocked());
    assertFalse(other.isDone(), "acquire() yielded to another task");
    held.close();
    assertFalse(lock.isLocked());
    await(other);
    finish(3);
    return done();
  }

  @Async
  Coro<Void> expectLater(int step) {
    expect(step);
    return done();
  }

  @Test
  void releasingAnUnlockedLockIsAnError() {
    Lock lock = new Lock();
    IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
    assertEquals("Lock is not acquired.", e.getMessage());
  }

  @Test
  void waitersGetTheLockInArrivalOrder() {
    runWithVirtualTime(arrivalOrder());
  }

  @Async
  Coro<Void> arrivalOrder() {
    Lock lock = new Lock();
    List<String> log = new ArrayList<>();
    await(lock.acquire());
    List<Task<Void>> tasks = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      tasks.add(createTask(holdFor(lock, log, name, 1)));
    }
    await(sleep(0));
    lock.release();
    await(gather(tasks));
    assertEquals(
        List.of("a acquired", "a releases", "b acquired", "b releases", "c acquired", "c releases"),
        log);
    return done();
  }

  @Test
  void releaseWakesTheFirstWaiterWithoutHandingItTheLock() {
    runWithVirtualTime(releaseDoesNotHandOver());
  }

  @Async
  Coro<Void> releaseDoesNotHandOver() {
    Lock lock = new Lock();
    await(lock.acquire());
    Task<Held> waiter = createTask(lock.acquire());
    await(sleep(0));
    lock.release();
    assertFalse(lock.isLocked(), "the woken waiter takes the lock when it runs, not before");
    await(waiter);
    assertTrue(lock.isLocked());
    return done();
  }

  @Test
  void aNewcomerQueuesBehindAWokenWaiter() {
    runWithVirtualTime(noBarging());
  }

  @Async
  Coro<Void> noBarging() {
    Lock lock = new Lock();
    List<String> log = new ArrayList<>();
    await(lock.acquire());
    Task<Void> first = createTask(holdFor(lock, log, "waiter", 0));
    await(sleep(0)); // "waiter" queues
    Task<Void> second = createTask(holdFor(lock, log, "newcomer", 0)); // will run before it
    lock.release(); // wakes "waiter", whose step is scheduled after the newcomer's first
    await(gather(first, second));
    assertEquals(
        List.of("waiter acquired", "waiter releases", "newcomer acquired", "newcomer releases"), log);
    return done();
  }

  @Test
  void theReleasingTaskCannotTakeTheLockBackBeforeTheWokenWaiter() {
    runWithVirtualTime(releaserQueues());
  }

  @Async
  Coro<Void> releaserQueues() {
    Lock lock = new Lock();
    List<String> log = new ArrayList<>();
    await(lock.acquire());
    Task<Void> waiter = createTask(holdFor(lock, log, "waiter", 0));
    await(sleep(0));
    lock.release();
    await(lock.acquire()); // queues behind "waiter"
    log.add("releaser again");
    lock.release();
    await(waiter);
    assertEquals(List.of("waiter acquired", "waiter releases", "releaser again"), log);
    return done();
  }

  @Test
  void aCancelledWaiterLeavesTheQueue() {
    runWithVirtualTime(cancelledWaiterLeaves());
  }

  @Async
  Coro<Void> cancelledWaiterLeaves() {
    Lock lock = new Lock();
    List<String> log = new ArrayList<>();
    await(lock.acquire());
    Task<Void> a = createTask(holdFor(lock, log, "a", 0));
    Task<Void> b = createTask(holdFor(lock, log, "b", 0));
    await(sleep(0));
    a.cancel();
    await(sleep(0));
    assertTrue(a.isCancelled());
    lock.release();
    await(b);
    assertEquals(List.of("b acquired", "b releases"), log);
    assertFalse(lock.isLocked());
    return done();
  }

  @Test
  void aWaiterCancelledAfterBeingWokenPassesTheLockOn() {
    runWithVirtualTime(wokenThenCancelled());
  }

  @Async
  Coro<Void> wokenThenCancelled() {
    Lock lock = new Lock();
    List<String> log = new ArrayList<>();
    await(lock.acquire());
    Task<Void> a = createTask(holdFor(lock, log, "a", 0));
    Task<Void> b = createTask(holdFor(lock, log, "b", 0));
    Task<Void> c = createTask(holdFor(lock, log, "c", 0));
    await(sleep(0));
    lock.release(); // wakes a
    a.cancel(); // ...which is cancelled before it runs
    await(gatherReturnExceptions(a, b, c));
    assertTrue(a.isCancelled());
    assertEquals(List.of("b acquired", "b releases", "c acquired", "c releases"), log);
    assertFalse(lock.isLocked());
    return done();
  }

  @Test
  void aFreeLockWhoseWaitersAreAllCancelledIsTakenAtOnce() {
    runWithVirtualTime(allWaitersCancelled());
  }

  @Async
  Coro<Void> allWaitersCancelled() {
    Lock lock = new Lock();
    await(lock.acquire());
    Task<Held> a = createTask(lock.acquire());
    await(sleep(0));
    a.cancel(); // its waiter future is cancelled now; the task has not run yet
    lock.release();
    Task<?> other = createTask(expectLater(2));
    expect(1);
    await(lock.acquire()); // free, and the only waiter is cancelled: no queueing
    assertFalse(other.isDone());
    assertTrue(lock.isLocked());
    await(other);
    finish(3);
    return done();
  }

  @Test
  void theLockIsNotReentrant() {
    runWithVirtualTime(notReentrant());
  }

  @Async
  Coro<Void> notReentrant() {
    Lock lock = new Lock();
    await(lock.acquire());
    try {
      await(waitFor(lock.acquire(), 0.01));
      expectUnreached();
    } catch (TimeoutError e) {
      assertTrue(lock.isLocked());
    }
    return done();
  }

  @Test
  void anyTaskMayReleaseTheLock() {
    runWithVirtualTime(anyTaskReleases());
  }

  @Async
  Coro<Void> anyTaskReleases() {
    Lock lock = new Lock();
    await(lock.acquire());
    await(createTask(releaseIt(lock)));
    assertFalse(lock.isLocked());
    return done();
  }

  @Async
  Coro<Void> releaseIt(Lock lock) {
    lock.release();
    return done();
  }

  @Test
  void leavingTheHeldBlockReleasesEvenOnAnException() {
    runWithVirtualTime(heldReleasesOnException());
  }

  @Async
  Coro<Void> heldReleasesOnException() {
    Lock lock = new Lock();
    try (Held held = await(lock.acquire())) {
      assertTrue(lock.isLocked());
      await(sleep(0));
      throw new IllegalArgumentException("boom");
    } catch (IllegalArgumentException e) {
      assertEquals("boom", e.getMessage());
    }
    assertFalse(lock.isLocked());
    return done();
  }

  @Test
  void theLockIsAnAsyncContext() {
    runWithVirtualTime(asyncWith());
  }

  @Async
  Coro<Void> asyncWith() {
    Lock lock = new Lock();
    List<String> log = new ArrayList<>();
    Task<Void> other = createTask(holdFor(lock, log, "other", 0));
    try (lock) {
      log.add("body");
      await(sleep(0));
      assertTrue(lock.isLocked());
    }
    assertFalse(lock.isLocked());
    await(other);
    assertEquals(List.of("body", "other acquired", "other releases"), log);
    return done();
  }

  @Test
  void aCancelledAcquireLeavesTheLockUsable() {
    runWithVirtualTime(cancelDuringAcquire());
  }

  @Async
  Coro<Void> cancelDuringAcquire() {
    Lock lock = new Lock();
    await(lock.acquire());
    Task<Held> waiter = createTask(lock.acquire());
    await(sleep(0));
    waiter.cancel();
    try {
      await(waiter);
      expectUnreached();
    } catch (CancelledError e) {
      // expected
    }
    lock.release();
    await(lock.acquire());
    assertTrue(lock.isLocked());
    assertEquals(true, lock.toString().endsWith("[locked]>"), lock.toString());
    return done();
  }

  @Test
  void aLockUsedFromASecondLoopSaysItIsBoundToAnother() {
    Lock lock = new Lock();
    runWithVirtualTime(contend(lock));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> runWithVirtualTime(contend(lock)));
    assertTrue(e.getMessage().endsWith("is bound to a different event loop"), e.getMessage());
  }

  @Async
  Coro<Void> contend(Lock lock) {
    await(lock.acquire());
    Task<Held> waiter = createTask(lock.acquire());
    await(sleep(0));
    lock.release();
    await(waiter);
    lock.release();
    return done();
  }

  @Test
  void toStringShowsTheStateAndWaiters() {
    runWithVirtualTime(describe());
  }

  @Async
  Coro<Void> describe() {
    Lock lock = new Lock();
    assertTrue(lock.toString().matches("<io\\.jasyncio\\.sync\\.Lock@[0-9a-f]+ \\[unlocked\\]>"), lock.toString());
    await(lock.acquire());
    Task<Held> waiter = createTask(lock.acquire());
    await(sleep(0));
    assertTrue(lock.toString().endsWith("[locked, waiters:1]>"), lock.toString());
    waiter.cancel();
    return done();
  }
}
