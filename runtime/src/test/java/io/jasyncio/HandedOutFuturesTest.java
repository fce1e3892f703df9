package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A future handed to another thread always completes: when the loop closes first, cancelled. */
@Timeout(30)
class HandedOutFuturesTest {

  @Test
  void runCoroutineThreadsafeFuturesAreCancelledWhenTheLoopClosesWithTheirTasksUnfinished()
      throws Exception {
    EventLoop loop = EventLoop.withVirtualTime();
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      futures.add(AsyncIO.runCoroutineThreadsafe(Coros.awaiting(loop.<Void>createFuture()), loop));
    }
    loop.runCurrent(); // the tasks start and wait forever
    loop.close();
    for (CompletableFuture<Void> future : futures) {
      assertTrue(future.isCancelled());
      assertThrows(CancellationException.class, () -> future.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aSubmissionTheLoopNeverRanIsCancelledToo() {
    EventLoop loop = EventLoop.withVirtualTime();
    CompletableFuture<Integer> future =
        AsyncIO.runCoroutineThreadsafe(Coros.call(() -> 1), loop);
    loop.close(); // never ran
    assertTrue(future.isCancelled());
  }

  @Test
  void aThreadBlockedInGetIsReleasedByClose() throws Exception {
    EventLoop loop = EventLoop.withVirtualTime();
    CompletableFuture<Void> future =
        AsyncIO.runCoroutineThreadsafe(Coros.awaiting(loop.<Void>createFuture()), loop);
    loop.runCurrent();
    Throwable[] seen = new Throwable[1];
    Thread waiter =
        new Thread(
            () -> {
              try {
                future.get();
              } catch (Throwable e) {
                seen[0] = e;
              }
            });
    waiter.start();
    loop.close();
    waiter.join();
    assertTrue(seen[0] instanceof CancellationException, String.valueOf(seen[0]));
  }

  @Test
  void aToCompletableFutureOfAPendingFutureIsCancelledByClose() {
    EventLoop loop = EventLoop.withVirtualTime();
    Future<String> pending = loop.createFuture();
    CompletableFuture<String> handed = pending.toCompletableFuture();
    loop.close();
    assertTrue(handed.isCancelled());
  }

  @Test
  void completedOnesAreLeftAsTheyAre() throws Exception {
    EventLoop loop = EventLoop.withVirtualTime();
    CompletableFuture<Integer> future = AsyncIO.runCoroutineThreadsafe(Coros.call(() -> 7), loop);
    loop.runCurrent();
    loop.runCurrent();
    loop.close();
    assertTrue(future.isDone() && !future.isCancelled());
    assertTrue(future.get() == 7);
  }
}
