package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A loop on virtual time: the clock jumps to the next timer when nothing else can happen first, and
 * follows real time while other threads or channels may still deliver something.
 */
@Timeout(20)
class VirtualTimeTest extends OrderedTest {
  private final EventLoop loop = EventLoop.withVirtualTime();
  private final List<Object> callbackErrors = new ArrayList<>();

  VirtualTimeTest() {
    // An assertion that fails inside a callback must fail the test, not just be logged.
    loop.setExceptionHandler((l, context) -> callbackErrors.add(context.get("exception")));
  }

  @AfterEach
  void closeLoop() {
    if (!loop.isRunning()) {
      loop.close();
    }
    assertEquals(List.of(), callbackErrors);
  }

  @Test
  void theClockStartsAtZeroAndStandsStillWhileCallbacksRun() {
    assertTrue(loop.isVirtualTime());
    assertFalse(new EventLoop().isVirtualTime());
    assertEquals(0.0, loop.time());
    loop.callSoon(() -> assertEquals(0.0, loop.time()));
    loop.runCurrent();
    assertEquals(0.0, loop.time());
  }

  @Test
  void anHourLongSleepEndsAtExactlyOneHourOfLoopTime() {
    double[] woke = new double[1];
    loop.runUntilComplete(Coros.awaitThen(AsyncIO.sleep(3600), () -> woke[0] = loop.time()));
    assertEquals(3600.0, woke[0]);
  }

  @Test
  void timersRunInDeadlineOrderAtTheirOwnDeadlines() {
    List<String> order = new ArrayList<>();
    loop.callLater(3, () -> order.add("c@" + loop.time()));
    loop.callLater(1, () -> order.add("a@" + loop.time()));
    loop.callLater(2, () -> order.add("b@" + loop.time()));
    loop.advanceUntilIdle();
    assertEquals(List.of("a@1.0", "b@2.0", "c@3.0"), order);
  }

  @Test
  void waitForTimesOutAtItsDeadlineWhenTheWorkTakesLonger() {
    Coro<String> slow = Coros.awaiting(AsyncIO.sleep(10, "late"));
    assertThrows(
        TimeoutError.class, () -> loop.runUntilComplete(AsyncIO.waitFor(slow, 2.5)));
    assertEquals(2.5, loop.time());
  }

  @Test
  void waitForReturnsWhenTheWorkEndsFirst() {
    String value =
        loop.runUntilComplete(AsyncIO.waitFor(Coros.awaiting(AsyncIO.sleep(2, "on time")), 2.5));
    assertEquals("on time", value);
    assertEquals(2.0, loop.time());
  }

  @Test
  void runCurrentRunsWhatIsReadyAndDueButDoesNotMoveTheClock() {
    loop.callSoon(
        () -> {
          expect(1);
          loop.callSoon(() -> expect(3));
        });
    loop.callLater(0, () -> expect(2)); // due now: joins the first iteration
    loop.callLater(1, () -> expectUnreached());
    loop.runCurrent();
    finish(4);
    assertEquals(0.0, loop.time());
    assertEquals(1, loop.pendingCallbacks());
  }

  @Test
  void advanceTimeByRunsTimersDueUpToAndIncludingTheNewTime() {
    List<Double> ran = new ArrayList<>();
    loop.callLater(1, () -> ran.add(loop.time()));
    loop.callLater(2, () -> ran.add(loop.time()));
    loop.callLater(2.0001, () -> ran.add(loop.time()));
    loop.advanceTimeBy(2);
    assertEquals(List.of(1.0, 2.0), ran);
    assertEquals(2.0, loop.time());
    loop.advanceTimeBy(java.time.Duration.ofMillis(500));
    assertEquals(List.of(1.0, 2.0, 2.0001), ran);
    assertEquals(2.5, loop.time());
  }

  @Test
  void advanceTimeByRunsTimersThatCallbacksScheduleWithinTheWindow() {
    List<Double> ran = new ArrayList<>();
    loop.callLater(
        1,
        () -> {
          ran.add(loop.time());
          loop.callLater(1, () -> ran.add(loop.time()));
          loop.callLater(5, () -> ran.add(loop.time()));
        });
    loop.advanceTimeBy(3);
    assertEquals(List.of(1.0, 2.0), ran);
    loop.advanceUntilIdle();
    assertEquals(List.of(1.0, 2.0, 6.0), ran);
    assertEquals(6.0, loop.time());
  }

  @Test
  void aTaskStepsThroughSleepsOneAdvanceAtATime() {
    List<String> log = new ArrayList<>();
    Task<String> task = loop.createTask(Coros.worker(log, "w", 5, "result"));
    loop.runCurrent();
    assertEquals(List.of("w start"), log);
    loop.advanceTimeBy(4.999);
    assertFalse(task.isDone());
    loop.advanceTimeBy(0.001);
    assertEquals(List.of("w start", "w end"), log);
    assertEquals("result", task.result());
  }

  @Test
  void drivingMethodsRefuseARealTimeLoop() {
    try (EventLoop real = new EventLoop()) {
      assertThrows(IllegalStateException.class, real::runCurrent);
      assertThrows(IllegalStateException.class, () -> real.advanceTimeBy(1));
      assertThrows(IllegalStateException.class, real::advanceUntilIdle);
    }
  }

  @Test
  void advanceTimeByRejectsANegativeAmount() {
    assertThrows(IllegalArgumentException.class, () -> loop.advanceTimeBy(-1));
    assertThrows(IllegalArgumentException.class, () -> loop.advanceTimeBy(Double.NaN));
  }

  @Test
  void theRunningLoopIsVisibleToCallbacksWhileDriven() {
    loop.callSoon(() -> assertEquals(loop, AsyncIO.getRunningLoop()));
    loop.runCurrent();
    assertThrows(IllegalStateException.class, AsyncIO::getRunningLoop);
  }

  @Test
  void theClockDoesNotJumpPastATimerWhileAThreadIsWorking() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<String> order = new ArrayList<>();
    Coro<String> main =
        Coros.deferred(
            () -> {
              Future<String> job =
                  AsyncIO.toThread(
                      () -> {
                        release.await();
                        return "job";
                      });
              // A timer far in the future: a jump would fire it before the job completes.
              loop.callLater(1e6, () -> order.add("timer"));
              job.addDoneCallback(f -> order.add(f.result()));
              loop.callSoon(release::countDown);
              return job;
            });
    assertEquals("job", loop.runUntilComplete(main));
    assertEquals(List.of("job"), order);
    assertTrue(loop.time() < 1e6);
  }

  @Test
  void theClockJumpsAgainOnceTheThreadsWorkIsDone() {
    Future<String> job = loop.runInExecutor(null, () -> "job");
    assertEquals("job", loop.runUntilComplete(job));
    double start = loop.time();
    // Were the job still counted, this would wait a real day and hit the test's timeout.
    loop.runUntilComplete(Coros.awaiting(AsyncIO.sleep(86_400)));
    assertEquals(start + 86_400, loop.time(), 1e-6);
  }

  @Test
  void anAwaitedCompletableFutureKeepsTheClockFromJumping() {
    CompletableFuture<String> external = new CompletableFuture<>();
    List<String> order = new ArrayList<>();
    Thread completer =
        new Thread(
            () -> {
              try {
                Thread.sleep(50);
              } catch (InterruptedException e) {
                return;
              }
              external.complete("external");
            });
    Coro<Object> main =
        Coros.deferred(
            () -> {
              loop.callLater(1e6, () -> order.add("timer"));
              completer.start();
              return CompletionStages.toFuture(external, loop);
            });
    assertEquals("external", loop.runUntilComplete(main));
    assertEquals(List.of(), order);
    assertTrue(loop.time() > 0, "the clock follows the real time waited");
  }

  @Test
  void aSleepOfTenMinutesInStepsOfBackoffEndsAtTheExpectedTime() {
    // 1 + 2 + 4 + ... + 256 = 511 seconds of backoff.
    List<Double> attempts = new ArrayList<>();
    Runnable[] attempt = new Runnable[1];
    double[] delay = {1};
    attempt[0] =
        () -> {
          attempts.add(loop.time());
          if (attempts.size() < 10) {
            loop.callLater(delay[0], attempt[0]);
            delay[0] *= 2;
          }
        };
    loop.callSoon(attempt[0]);
    loop.advanceUntilIdle();
    assertEquals(
        List.of(0.0, 1.0, 3.0, 7.0, 15.0, 31.0, 63.0, 127.0, 255.0, 511.0), attempts);
  }
}
