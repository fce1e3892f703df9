package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Other threads cannot starve the loop: an iteration takes only the callbacks they had submitted
 * when it began, so timers and stop() keep their turn however fast those threads submit. Each test
 * would hang (and hit its timeout) if the loop drained the inbox until it was empty.
 */
@Timeout(60)
class InboxFairnessTest {

  /** Threads that submit no-op callbacks to {@code loop} until {@code until} is set. */
  private static List<Thread> flood(EventLoop loop, int threads, AtomicBoolean until, AtomicLong sent) {
    List<Thread> producers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread producer =
          new Thread(
              () -> {
                try {
                  while (!until.get()) {
                    loop.callSoonThreadsafe(() -> {});
                    sent.incrementAndGet();
                  }
                } catch (IllegalStateException closed) {
                  // the loop closed
                }
              });
      producer.setDaemon(true);
      producers.add(producer);
    }
    return producers;
  }

  @Test
  void aTimerRunsWhileOtherThreadsKeepSubmitting() throws Exception {
    EventLoop loop = new EventLoop();
    AtomicBoolean timerRan = new AtomicBoolean();
    AtomicLong sent = new AtomicLong();
    List<Thread> producers = flood(loop, 4, timerRan, sent);
    CountDownLatch flowing = new CountDownLatch(1);
    loop.callSoon(
        () -> {
          producers.forEach(Thread::start);
          // Start the timer only once the inbox is busy, so it must win against the flood.
          while (sent.get() < 10_000) {
            Thread.onSpinWait();
          }
          flowing.countDown();
          loop.callLater(0, () -> {
            timerRan.set(true); // the producers stop only when this has run
            loop.stop();
          });
        });
    loop.runForever();
    assertTrue(timerRan.get());
    assertEquals(0, flowing.getCount());
    for (Thread producer : producers) {
      producer.join();
    }
    loop.close();
  }

  @Test
  void stopFromAnotherThreadEndsTheRunWhileOtherThreadsKeepSubmitting() throws Exception {
    EventLoop loop = new EventLoop();
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong sent = new AtomicLong();
    List<Thread> producers = flood(loop, 4, done, sent);
    Thread stopper =
        new Thread(
            () -> {
              while (sent.get() < 50_000) {
                Thread.onSpinWait();
              }
              loop.stop(); // not through the inbox: straight to the loop
            });
    loop.callSoon(
        () -> {
          producers.forEach(Thread::start);
          stopper.start();
        });
    loop.runForever(); // returns only if the stop took effect with the flood still on
    done.set(true);
    for (Thread producer : producers) {
      producer.join();
    }
    stopper.join();
    loop.close();
  }

  @Test
  void stopFromAnotherThreadWakesAnIdleLoop() throws Exception {
    EventLoop loop = new EventLoop();
    CountDownLatch running = new CountDownLatch(1);
    loop.callSoon(running::countDown);
    Thread stopper =
        new Thread(
            () -> {
              try {
                running.await();
              } catch (InterruptedException e) {
                return;
              }
              loop.stop();
            });
    stopper.start();
    loop.runForever(); // parked with nothing to do until the stop wakes it
    stopper.join();
    loop.close();
  }

  @Test
  void stopFromAnotherThreadNeverMissesALoopThatIsAboutToSleep() throws Exception {
    // The stop lands at varying points of the loop's way into its wait: before the loop announces
    // that it sleeps, while it does, after. Whichever, the loop must end (a missed wake-up parks it
    // for good, and join() then reports it alive).
    java.util.Random random = new java.util.Random(7);
    for (int trial = 0; trial < 2_000; trial++) {
      EventLoop loop = new EventLoop();
      AtomicBoolean running = new AtomicBoolean();
      loop.callSoon(() -> running.set(true));
      Thread runner = new Thread(loop::runForever, "trial-" + trial);
      runner.setDaemon(true); // a loop that missed its stop must not keep the JVM alive
      runner.start();
      while (!running.get()) {
        Thread.onSpinWait(); // no parking here: the stop must come within microseconds
      }
      for (int spin = random.nextInt(400); spin > 0; spin--) {
        Thread.onSpinWait();
      }
      loop.stop();
      runner.join(10_000);
      assertFalse(runner.isAlive(), "trial " + trial + ": the loop slept through stop()");
      loop.close();
    }
  }
}
