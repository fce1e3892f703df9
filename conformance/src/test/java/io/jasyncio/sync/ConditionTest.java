package io.jasyncio.sync;

import static io.jasyncio.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.CancelledError;
import io.jasyncio.Coro;
import io.jasyncio.OrderedTest;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** asyncio.Condition, one behaviour per test (CPython's test_locks.ConditionTests). */
@Timeout(10)
abstract class ConditionTest extends OrderedTest {

  @Async
  Coro<Void> waitThenLog(Condition cond, List<String> log, String name) {
    try (cond) {
      boolean value = await(cond.waitFor());
      log.add(name + " " + value + (cond.isLocked() ? " locked" : " unlocked"));
    }
    return done();
  }

  @Test
  void waitingWithoutTheLockIsAnError() {
    runWithVirtualTime(waitUnlocked());
  }

  @Async
  Coro<Void> waitUnlocked() {
    Condition cond = new Condition();
    try {
      await(cond.waitFor());
      expectUnreached();
    } catch (IllegalStateException e) {
      assertEquals("cannot wait on un-acquired lock", e.getMessage());
    }
    return done();
  }

  @Test
  void signallingWithoutTheLockIsAnError() {
    Condition cond = new Condition();
    IllegalStateException e = assertThrows(IllegalStateException.class, cond::signal);
    assertEquals("cannot notify on un-acquired lock", e.getMessage());
    e = assertThrows(IllegalStateException.class, cond::signalAll);
    assertEquals("cannot notify on un-acquired lock", e.getMessage());
  }

  @Test
  void signalWakesTheOldestWaitersWhichTakeTheLockOneAtATime() {
    runWithVirtualTime(signalInOrder());
  }

  @Async
  Coro<Void> signalInOrder() {
    Condition cond = new Condition();
    List<String> log = new ArrayList<>();
    List<Task<Void>> tasks = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      tasks.add(createTask(waitThenLog(cond, log, name)));
    }
    await(sleep(0));
    await(cond.acquire());
    cond.signal();
    cond.release();
    await(sleep(0));
    await(sleep(0));
    assertEquals(List.of("a true locked"), log);
    await(cond.acquire());
    cond.signal(2);
    cond.release();
    await(gather(tasks));
    assertEquals(List.of("a true locked", "b true locked", "c true locked"), log);
    return done();
  }

  @Test
  void aWokenWaiterDoesNotReturnUntilTheSignallerReleasesTheLock() {
    runWithVirtualTime(wokenWaitsForLock());
  }

  @Async
  Coro<Void> wokenWaitsForLock() {
    Condition cond = new Condition();
    List<String> log = new ArrayList<>();
    Task<Void> waiter = createTask(waitThenLog(cond, log, "w"));
    await(sleep(0));
    await(cond.acquire());
    cond.signalAll();
    await(sleep(0));
    await(sleep(0));
    assertTrue(log.isEmpty(), "the waiter needs the lock the signaller still holds");
    cond.release();
    await(waiter);
    assertEquals(List.of("w true locked"), log);
    return done();
  }

  @Test
  void waitUntilChecksThePredicateFirstAndAfterEachSignal() {
    runWithVirtualTime(waitUntilLoops());
  }

  @Async
  Coro<Void> waitUntilLoops() {
    Condition cond = new Condition();
    int[] value = {0};
    int[] checks = {0};
    Task<Boolean> waiter =
        createTask(
            waitUntilLocked(
                cond,
                () -> {
                  checks[0]++;
                  return value[0] == 2;
                }));
    await(sleep(0));
    assertEquals(1, checks[0]);
    for (int i = 1; i <= 2; i++) {
      await(cond.acquire());
      value[0] = i;
      cond.signal();
      cond.release();
      await(sleep(0));
      await(sleep(0));
    }
    assertTrue(await(waiter));
    assertEquals(3, checks[0]);
    return done();
  }

  @Async
  Coro<Boolean> waitUntilLocked(Condition cond, java.util.function.BooleanSupplier predicate) {
    try (cond) {
      return done(await(cond.waitUntil(predicate)));
    }
  }

  @Test
  void waitUntilReturnsAtOnceWhenThePredicateHolds() {
    runWithVirtualTime(waitUntilTrue());
  }

  @Async
  Coro<Void> waitUntilTrue() {
    Condition cond = new Condition();
    await(cond.acquire());
    Task<Void> other = createTask(step(2));
    expect(1);
    assertTrue(await(cond.waitUntil(() -> true)));
    assertFalse(other.isDone());
    cond.release();
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
  void aWaiterCancelledWhileWaitingHoldsTheLockWhenTheCancellationReachesIt() {
    runWithVirtualTime(cancelledWaiterReacquires());
  }

  @Async
  Coro<Void> cancelledWaiterReacquires() {
    Condition cond = new Condition();
    List<String> log = new ArrayList<>();
    Task<Void> waiter = createTask(waitCatchingCancel(cond, log));
    await(sleep(0));
    await(cond.acquire()); // the waiter released it while waiting
    waiter.cancel();
    await(sleep(0));
    await(sleep(0));
    assertTrue(log.isEmpty(), "the cancelled waiter must first get the lock back");
    cond.release();
    await(waiter);
    assertEquals(List.of("cancelled, locked"), log);
    assertFalse(cond.isLocked());
    return done();
  }

  @Async
  Coro<Void> waitCatchingCancel(Condition cond, List<String> log) {
    await(cond.acquire());
    try {
      await(cond.waitFor());
    } catch (CancelledError e) {
      log.add("cancelled, " + (cond.isLocked() ? "locked" : "unlocked"));
    } finally {
      cond.release();
    }
    return done();
  }

  @Test
  void aWaiterCancelledAfterBeingSignalledPassesTheSignalOn() {
    runWithVirtualTime(signalledThenCancelled());
  }

  @Async
  Coro<Void> signalledThenCancelled() {
    Condition cond = new Condition();
    List<String> log = new ArrayList<>();
    Task<Void> a = createTask(waitThenLog(cond, log, "a"));
    Task<Void> b = createTask(waitThenLog(cond, log, "b"));
    await(sleep(0));
    await(cond.acquire());
    cond.signal(); // wakes a
    cond.release();
    a.cancel(); // a fails before acting on the signal: b gets it
    await(gatherReturnExceptions(a, b));
    assertTrue(a.isCancelled());
    assertEquals(List.of("b true locked"), log);
    return done();
  }

  @Test
  void conditionsMayShareALock() {
    runWithVirtualTime(sharedLock());
  }

  @Async
  Coro<Void> sharedLock() {
    Lock lock = new Lock();
    Condition first = new Condition(lock);
    Condition second = new Condition(lock);
    await(first.acquire());
    assertTrue(lock.isLocked());
    assertTrue(second.isLocked());
    second.signalAll(); // allowed: the shared lock is held
    second.release();
    assertFalse(first.isLocked());
    return done();
  }

  @Test
  void toStringShowsLockStateAndWaiters() {
    runWithVirtualTime(describe());
  }

  @Async
  Coro<Void> describe() {
    Condition cond = new Condition();
    assertTrue(cond.toString().endsWith("[unlocked]>"), cond.toString());
    List<String> log = new ArrayList<>();
    Task<Void> waiter = createTask(waitThenLog(cond, log, "w"));
    await(sleep(0));
    assertTrue(cond.toString().endsWith("[unlocked, waiters:1]>"), cond.toString());
    waiter.cancel();
    await(gatherReturnExceptions(waiter));
    return done();
  }
}
