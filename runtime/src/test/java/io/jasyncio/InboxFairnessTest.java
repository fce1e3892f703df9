package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
