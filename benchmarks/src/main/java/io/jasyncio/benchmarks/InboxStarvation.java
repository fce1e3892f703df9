package io.jasyncio.benchmarks;

import io.jasyncio.EventLoop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The starvation scenario of issue 11: 8 threads each call {@code callSoonThreadsafe} 500,000 times
 * as fast as they can while the loop should also run its own callback, a 50 ms timer, and a {@code
 * stop()} from another thread. Prints how late each was and the process's peak RSS.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.jasyncio.benchmarks.InboxStarvation
 * </pre>
 */
public final class InboxStarvation {
  private InboxStarvation() {}

  public static void main(String[] args) throws Exception {
    int threads = 8;
    int perThread = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    EventLoop loop = new EventLoop();
    CountDownLatch go = new CountDownLatch(1);
    AtomicLong submitted = new AtomicLong();
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread producer =
          new Thread(
              () -> {
                try {
                  go.await();
                  for (int i = 0; i < perThread; i++) {
                    loop.callSoonThreadsafe(() -> {});
                    submitted.incrementAndGet();
                  }
                } catch (InterruptedException | IllegalStateException e) {
                  // done
                }
              });
      producer.setDaemon(true);
      producers.add(producer);
    }
    long[] firstCallback = {-1};
    long[] timerAt = {-1};
    long[] stopCalled = {-1};
    long start = System.nanoTime();
    loop.callSoon(
        () -> {
          producers.forEach(Thread::start);
          go.countDown();
          loop.callSoon(() -> firstCallback[0] = System.nanoTime());
          loop.callLater(0.05, () -> timerAt[0] = System.nanoTime());
        });
    Thread stopper =
        new Thread(
            () -> {
              while (timerAt[0] < 0 && System.nanoTime() - start < 60_000_000_000L) {
                Thread.onSpinWait();
              }
              while (submitted.get() < (long) threads * perThread / 2
                  && System.nanoTime() - start < 60_000_000_000L) {
                Thread.onSpinWait();
              }
              stopCalled[0] = System.nanoTime();
              loop.stop();
            });
    stopper.setDaemon(true);
    stopper.start();
    loop.runForever();
    long stopped = System.nanoTime();
    long producedWhenStopped = submitted.get();
    loop.close();
    System.out.printf(
        "first callback after %.1f ms; 50 ms timer ran at %.1f ms (%.1f ms late); stop() took effect"
            + " after %.1f ms with %,d of %,d callbacks submitted; peak RSS %s%n",
        (firstCallback[0] - start) / 1e6,
        (timerAt[0] - start) / 1e6,
        (timerAt[0] - start) / 1e6 - 50,
        (stopped - stopCalled[0]) / 1e6,
        producedWhenStopped,
        (long) threads * perThread,
        peakRss());
  }

  private static String peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return line.substring(6).trim();
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return "unknown";
  }
}
