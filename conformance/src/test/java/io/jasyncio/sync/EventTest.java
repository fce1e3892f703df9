package io.jasyncio.sync;

import static io.jasyncio.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** asyncio.Event, one behaviour per test (CPython's test_locks.EventTests). */
@Timeout(10)
abstract class EventTest extends OrderedTest {

  @Async
  Coro<Void> waitAndLog(Event event, List<String> log, String name) {
    boolean value = await(event.waitFor());
    log.add(name + " " + value);
    return done();
  }

  @Test
  void waitingOnASetEventReturnsTrueWithoutYielding() {
    runWithVirtualTime(setEventDoesNotYield());
  }

  @Async
  Coro<Void> setEventDoesNotYield() {
    Event event = new Event();
    event.set();
    Task<Void> other = createTask(step(2));
    expect(1);
    assertTrue(await(event.waitFor()));
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
  void setWakesEveryWaiterInTheOrderTheyStartedWaiting() {
    runWithVirtualTime(setWakesAll());
  }

  @Async
  Coro<Void> setWakesAll() {
    Event event = new Event();
    List<String> log = new ArrayList<>();
    List<Task<Void>> tasks = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      tasks.add(createTask(waitAndLog(event, log, name)));
    }
    await(sleep(0));
    assertTrue(log.isEmpty());
    event.set();
    await(gather(tasks));
    assertEquals(List.of("a true", "b true", "c true"), log);
    return done();
  }

  @Test
  void clearRightAfterSetDoesNotTakeBackTheWakeUps() {
    runWithVirtualTime(clearAfterSet());
  }

  @Async
  Coro<Void> clearAfterSet() {
    Event event = new Event();
    List<String> log = new ArrayList<>();
    Task<Void> waiter = createTask(waitAndLog(event, log, "w"));
    await(sleep(0));
    event.set();
    event.clear();
    assertFalse(event.isSet());
    await(waiter);
    assertEquals(List.of("w true"), log);
    return done();
  }

  @Test
  void afterClearNewWaitersWaitAgain() {
    runWithVirtualTime(clearMakesWaitersWait());
  }

  @Async
  Coro<Void> clearMakesWaitersWait() {
    Event event = new Event();
    event.set();
    event.clear();
    List<String> log = new ArrayList<>();
    Task<Void> waiter = createTask(waitAndLog(event, log, "w"));
    await(sleep(0.001));
    assertFalse(waiter.isDone());
    event.set();
    await(waiter);
    assertEquals(List.of("w true"), log);
    return done();
  }

  @Test
  void setIsIdempotent() {
    runWithVirtualTime(setTwice());
  }

  @Async
  Coro<Void> setTwice() {
    Event event = new Event();
    List<String> log = new ArrayList<>();
    Task<Void> waiter = createTask(waitAndLog(event, log, "w"));
    await(sleep(0));
    event.set();
    event.set();
    await(waiter);
    assertTrue(event.isSet());
    assertEquals(List.of("w true"), log);
    return done();
  }

  @Test
  void aCancelledWaiterLeavesTheEventWithoutWaiters() {
    runWithVirtualTime(cancelledWaiter());
  }

  @Async
  Coro<Void> cancelledWaiter() {
    Event event = new Event();
    Task<Boolean> waiter = createTask(event.waitFor());
    await(sleep(0));
    assertTrue(event.toString().endsWith("[unset, waiters:1]>"), event.toString());
    waiter.cancel();
    try {
      await(waiter);
      expectUnreached();
    } catch (CancelledError e) {
      assertTrue(event.toString().endsWith("[unset]>"), event.toString());
    }
    event.set();
    assertTrue(event.toString().endsWith("[set]>"), event.toString());
    return done();
  }
}
