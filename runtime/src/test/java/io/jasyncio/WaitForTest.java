package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** waitFor (CPython 3.12+'s wait_for, built on timeout). */
@Timeout(10)
class WaitForTest extends OrderedTest {
  // Virtual time: the timings in these tests are exact, whatever the load on the machine.
  private final EventLoop loop = EventLoop.withVirtualTime();
  private final List<String> log = new ArrayList<>();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  @Test
  void theResultComesBackWhenTheAwaitableFinishesInTime() {
    assertEquals(
        "fast",
        loop.runUntilComplete(AsyncIO.waitFor(Coros.worker(log, "w", 0.01, "fast"), 1.0)));
  }

  @Test
  void onTimeoutTheAwaitableIsCancelledAndWaitedForThenTimeoutErrorIsThrown() {
    TimeoutError e =
        assertThrows(
            TimeoutError.class,
            () ->
                loop.runUntilComplete(
                    Coros.awaitThen(
                        AsyncIO.waitFor(
                            TaskTest.withFinally(
                                AsyncIO.sleep(10), () -> expect(1), () -> expect(2)),
                            0.01),
                        this::expectUnreached)));
    expect(3); // the inner finally (which awaits) completed before TimeoutError was raised
    assertInstanceOf(CancelledError.class, e.getCause());
    finish(4);
  }

  @Test
  void aValueReturnedBySwallowingTheCancellationIsReturned() {
    String result = loop.runUntilComplete(AsyncIO.waitFor(swallowing(AsyncIO.sleep(10)), 0.01));
    assertEquals("swallowed", result);
  }

  /** {@code try { await(inner); return done("finished"); } catch (CancelledError e) { return done("swallowed"); }} */
  private static Coro<String> swallowing(Awaitable<?> inner) {
    return new Coro<String>() {
      @Override
      @SuppressWarnings("fallthrough")
      protected Object $resume(Object $in, Throwable $err) throws Throwable {
        for (; ; ) {
          try {
            if ($err != null) {
              throw $err;
            }
            switch ($label) {
              case 0:
                $label = 1;
                if (($in = $await(inner)) == $SUSPEND) {
                  return $SUSPEND;
                }
                // fall through
              case 1:
                return "finished";
              case 2:
                return "swallowed";
              default:
                throw new IllegalStateException();
            }
          } catch (Throwable $t) {
            $err = null;
            if ($label == 1 && $t instanceof CancelledError) {
              $label = 2;
              continue;
            }
            throw $t;
          }
        }
      }
    };
  }

  @Test
  void aCoroutineRunsInTheCallingTask() {
    Task<?>[] seen = new Task<?>[2];
    Task<Object> caller =
        loop.createTask(
            Coros.deferred(
                () -> {
                  seen[0] = AsyncIO.currentTask();
                  return AsyncIO.waitFor(
                      Coros.call(
                          () -> {
                            seen[1] = AsyncIO.currentTask();
                            return null;
                          }),
                      1.0);
                }));
    loop.runUntilComplete(caller);
    assertSame(caller, seen[0]);
    assertSame(caller, seen[1]);
  }

  @Test
  void aZeroTimeoutNeverRunsAnUnstartedCoroutine() {
    TimeoutError e =
        assertThrows(
            TimeoutError.class,
            () ->
                loop.runUntilComplete(
                    Coros.deferred(
                        () -> AsyncIO.waitFor(Coros.call(() -> log.add("ran")), 0))));
    assertTrue(log.isEmpty());
    assertInstanceOf(CancelledError.class, e.getCause());
  }

  @Test
  void aZeroTimeoutReturnsTheResultOfADoneFuture() {
    Future<String> done = loop.createFuture();
    done.setResult("ready");
    assertEquals("ready", loop.runUntilComplete(Coros.deferred(() -> AsyncIO.waitFor(done, 0))));
  }

  @Test
  void cancellingTheCallerCancelsTheAwaitableAndPropagates() {
    Task<String> caller =
        loop.createTask(AsyncIO.waitFor(Coros.worker(log, "inner", 10, "x"), 5.0));
    loop.callLater(0.01, caller::cancel);
    assertThrows(CancelledError.class, () -> loop.runUntilComplete(caller));
    assertEquals(List.of("inner start", "inner cancelled"), log);
  }

  @Test
  void shieldProtectsTheInnerWorkFromTheTimeout() {
    Task<String> inner = loop.createTask(Coros.worker(log, "inner", 0.03, "late"));
    assertThrows(
        TimeoutError.class,
        () -> loop.runUntilComplete(Coros.deferred(() -> AsyncIO.waitFor(AsyncIO.shield(inner), 0.005))));
    assertEquals("late", loop.runUntilComplete(inner));
  }

  @Test
  void aNullDurationWaitsWithoutLimit() {
    assertEquals(
        "x",
        loop.runUntilComplete(
            AsyncIO.waitFor(Coros.worker(log, "w", 0.01, "x"), (Duration) null)));
  }

  @Test
  void theCallerCancellingCountIsRestoredAfterATimeout() {
    Task<Integer> caller =
        loop.createTask(
            Coros.awaitThen(
                Coros.deferred(
                    () ->
                        AsyncIO.waitFor(
                            swallowingTimeout(AsyncIO.waitFor(AsyncIO.sleep(10), 0.005)), 1.0)),
                () -> {}));
    assertEquals(0, loop.runUntilComplete(caller));
  }

  /** {@code try { await(inner); } catch (TimeoutError e) { } return done(currentTask().cancelling());} */
  private static Coro<Integer> swallowingTimeout(Awaitable<?> inner) {
    return new Coro<Integer>() {
      @Override
      @SuppressWarnings("fallthrough")
      protected Object $resume(Object $in, Throwable $err) throws Throwable {
        for (; ; ) {
          try {
            if ($err != null) {
              throw $err;
            }
            switch ($label) {
              case 0:
                $label = 1;
                if (($in = $await(inner)) == $SUSPEND) {
                  return $SUSPEND;
                }
                // fall through
              case 1:
              case 2:
                return AsyncIO.currentTask().cancelling();
              default:
                throw new IllegalStateException();
            }
          } catch (Throwable $t) {
            $err = null;
            if ($label == 1 && $t instanceof TimeoutError) {
              $label = 2;
              continue;
            }
            throw $t;
          }
        }
      }
    };
  }
}
