package io.jasyncio;

import static io.jasyncio.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.annotations.Async;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** AsyncIO.timeout / timeoutAt (CPython 3.13's test_timeouts). */
@org.junit.jupiter.api.Timeout(10)
abstract class TimeoutTest extends OrderedTest {

  @Test
  void anExpiredDeadlineTurnsTheCancellationIntoTimeoutError() {
    runWithVirtualTime(expires());
  }

  @Async
  Coro<Void> expires() {
    Timeout deadline = timeout(0.01);
    try {
      try (Timeout t = deadline) {
        await(sleep(10));
        expectUnreached();
      }
    } catch (TimeoutError e) {
      assertInstanceOf(CancelledError.class, e.getCause());
    }
    assertTrue(deadline.expired());
    assertEquals(0, currentTask().cancelling());
    return done();
  }

  @Test
  void aBlockThatFinishesInTimeIsUntouched() {
    runWithVirtualTime(inTime());
  }

  @Async
  Coro<Void> inTime() {
    double start = getRunningLoop().time();
    Timeout deadline = timeout(Duration.ofSeconds(10));
    try (Timeout t = deadline) {
      await(sleep(0));
      assertTrue(t.when() >= start + 10 && t.when() <= getRunningLoop().time() + 10);
    }
    assertFalse(deadline.expired());
    assertEquals("<Timeout [finished]>", deadline.toString());
    return done();
  }

  @Test
  void noDeadlineMeansNoTimeout() {
    runWithVirtualTime(noDeadline());
  }

  @Async
  Coro<Void> noDeadline() {
    try (Timeout t = timeoutAt(null)) {
      assertNull(t.when());
      await(sleep(0.001));
    }
    return done();
  }

  @Test
  void rescheduleMovesTheDeadline() {
    runWithVirtualTime(reschedules());
  }

  @Async
  Coro<Void> reschedules() {
    Timeout deadline = timeoutAt(null);
    try {
      try (Timeout t = deadline) {
        t.reschedule(getRunningLoop().time() + 0.01);
        await(sleep(10));
      }
      expectUnreached();
    } catch (TimeoutError e) {
      assertTrue(deadline.expired());
    }
    return done();
  }

  @Test
  void rescheduleToNoneRemovesTheDeadline() {
    runWithVirtualTime(rescheduleToNone());
  }

  @Async
  Coro<Void> rescheduleToNone() {
    try (Timeout t = timeout(0.001)) {
      t.reschedule(null);
      await(sleep(0.01));
    }
    return done();
  }

  @Test
  void aDeadlineInThePastFiresAtTheNextAwait() {
    runWithVirtualTime(pastDeadline());
  }

  @Async
  Coro<Void> pastDeadline() {
    Timeout deadline = timeoutAt(getRunningLoop().time() - 1);
    try {
      try (Timeout t = deadline) {
        await(sleep(0));
        expectUnreached();
      }
    } catch (TimeoutError e) {
      assertTrue(deadline.expired());
    }
    return done();
  }

  @Test
  void aBlockWithoutAwaitsCannotBeInterrupted() {
    runWithVirtualTime(noAwaitInside());
  }

  @Async
  Coro<Void> noAwaitInside() {
    Timeout deadline = timeoutAt(getRunningLoop().time() - 1);
    try (Timeout t = deadline) {
      expect(1);
    }
    assertFalse(deadline.expired());
    finish(2);
    return done();
  }

  @Test
  void rescheduleBeforeEnteringIsRefused() {
    Timeout t = timeoutAt(1.0);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.reschedule(2.0));
    assertEquals("Timeout has not been entered", e.getMessage());
  }

  @Test
  void rescheduleAfterLeavingIsRefused() {
    runWithVirtualTime(rescheduleAfterExit());
  }

  @Async
  Coro<Void> rescheduleAfterExit() {
    Timeout finished = timeout(10);
    try (Timeout t = finished) {
      await(sleep(0));
    }
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> finished.reschedule(1.0));
    assertEquals("Cannot change state of finished Timeout", e.getMessage());
    Timeout expired = timeout(0);
    try {
      try (Timeout t = expired) {
        await(sleep(1));
      }
    } catch (TimeoutError ignored) {
      // expected
    }
    e = assertThrows(IllegalStateException.class, () -> expired.reschedule(1.0));
    assertEquals("Cannot change state of expired Timeout", e.getMessage());
    return done();
  }

  @Test
  void enteringTwiceIsRefused() {
    runWithVirtualTime(enterTwice());
  }

  @Async
  Coro<Void> enterTwice() {
    Timeout deadline = timeout(10);
    try (Timeout t = deadline) {
      try (Timeout again = deadline) {
        expectUnreached();
      }
    } catch (IllegalStateException e) {
      assertEquals("Timeout has already been entered", e.getMessage());
    }
    return done();
  }

  @Test
  void anInnerTimeoutThatFiresConvertsAndTheOuterOneIsUntouched() {
    runWithVirtualTime(innerFires());
  }

  @Async
  Coro<Void> innerFires() {
    Timeout outer = timeout(10);
    Timeout inner = timeout(0.001);
    try (Timeout o = outer) {
      try {
        try (Timeout i = inner) {
          await(sleep(10));
        }
      } catch (TimeoutError e) {
        expect(1);
      }
      await(sleep(0));
    }
    assertTrue(inner.expired());
    assertFalse(outer.expired());
    finish(2);
    return done();
  }

  @Test
  void anOuterTimeoutThatFiresPassesThroughTheInnerOne() {
    runWithVirtualTime(outerFires());
  }

  @Async
  Coro<Void> outerFires() {
    Timeout outer = timeout(0.001);
    Timeout inner = timeout(10);
    try {
      try (Timeout o = outer) {
        try (Timeout i = inner) {
          await(sleep(10));
        } catch (TimeoutError e) {
          expectUnreached(); // the inner one did not fire: a plain cancellation passes through
        } catch (CancelledError e) {
          expect(1);
          throw e;
        }
      }
    } catch (TimeoutError e) {
      expect(2);
    }
    assertTrue(outer.expired());
    assertFalse(inner.expired());
    finish(3);
    return done();
  }

  @Test
  void aCancellationFromOutsidePassesThroughUnchanged() {
    runWithVirtualTime(outsideCancel());
  }

  @Async
  Coro<Void> outsideCancel() {
    Task<Void> runner = createTask(sleepWithin(10, 10));
    await(sleep(0));
    runner.cancel();
    try {
      await(runner);
      expectUnreached();
    } catch (CancelledError e) {
      assertTrue(runner.isCancelled());
    }
    return done();
  }

  @Async
  Coro<Void> sleepWithin(double limit, double seconds) {
    try (Timeout t = timeout(limit)) {
      await(sleep(seconds));
    }
    return done();
  }

  @Test
  void aCancellationRequestedAfterTheDeadlineFiredIsNotSwallowed() {
    runWithVirtualTime(cancelAfterExpiry());
  }

  @Async
  Coro<Void> cancelAfterExpiry() {
    Task<Void> runner = createTask(sleepPastDeadline());
    await(sleep(0)); // the runner enters its block; its deadline (past) is scheduled
    await(sleep(0)); // the deadline fires and cancels it; its step is queued
    runner.cancel(); // a second request, from outside, before the runner runs
    await(gatherReturnExceptions(runner));
    assertTrue(runner.isCancelled(), "the outside cancellation wins over the timeout");
    return done();
  }

  @Async
  Coro<Void> sleepPastDeadline() {
    try (Timeout t = timeoutAt(getRunningLoop().time() - 1)) {
      await(sleep(10));
    }
    return done();
  }
}
