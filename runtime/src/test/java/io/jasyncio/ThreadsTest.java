package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Crossing threads: toThread, runCoroutineThreadsafe, awaiting CompletionStages. */
@Timeout(10)
class ThreadsTest extends OrderedTest {

  @Test
  void toThreadRunsOffTheLoopAndCarriesTheContext() {
    ContextVar<String> var = new ContextVar<>("request", "none");
    AtomicReference<Thread> worker = new AtomicReference<>();
    String seen =
        AsyncIO.run(
            Coros.deferred(
                () -> {
                  var.set("r-42");
                  return AsyncIO.toThread(
                      () -> {
                        worker.set(Thread.currentThread());
                        return var.get();
                      });
                }));
    assertEquals("r-42", seen);
    assertNotSame(Thread.currentThread(), worker.get());
  }

  @Test
  void aCompletionStageCompletedOnAnotherThreadResumesOnTheLoopThread() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    Thread loopThread = Thread.currentThread();
    AtomicReference<Thread> resumedOn = new AtomicReference<>();
    Thread completer = new Thread(() -> {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
      stage.complete("from elsewhere");
    });
    String result =
        AsyncIO.run(
            Coros.deferred(
                () -> {
                  completer.start();
                  return awaitStage(stage, () -> resumedOn.set(Thread.currentThread()));
                }));
    assertEquals("from elsewhere", result);
    assertSame(loopThread, resumedOn.get());
  }

  /**
   * <pre>{@code
   * @Async <T> Coro<T> awaitStage(CompletionStage<T> stage, Runnable after) {
   *   T value = await(stage);
   *   after.run();
   *   return done(value);
   * }
   * }</pre>
   */
  static <T> Coro<T> awaitStage(java.util.concurrent.CompletionStage<T> stage, Runnable after) {
    return new Coro<T>() {
      @Override
      @SuppressWarnings("fallthrough")
      protected Object $resume(Object $in, Throwable $err) throws Throwable {
        if ($err != null) {
          throw $err;
        }
        if ($label == 0) {
          $label = 1;
          if (($in = $await(stage)) == $SUSPEND) {
            return $SUSPEND;
          }
        }
        T value = $result(false ? () -> stage : null, $in);
        after.run();
        return value;
      }
    };
  }

  @Test
  void aCompletedCompletableFutureIsAwaitedWithoutYielding() {
    CompletableFuture<String> stage = CompletableFuture.completedFuture("now");
    String result =
        AsyncIO.run(
            Coros.deferred(
                () -> {
                  expect(1);
                  AsyncIO.getRunningLoop().callSoon(() -> expect(3));
                  return awaitStage(stage, () -> expect(2));
                }));
    assertEquals("now", result);
    finish(4);
  }

  @Test
  void aStageFailureArrivesUnwrapped() {
    IOException failure = new IOException("remote");
    CompletableFuture<String> failed = new CompletableFuture<>();
    failed.completeExceptionally(new CompletionException(failure));
    assertSame(
        failure, assertThrows(IOException.class, () -> AsyncIO.run(awaitStage(failed, () -> {}))));
    CompletableFuture<String> later = new CompletableFuture<>();
    CompletableFuture<String> derived = later.thenApply(s -> s);
    new Thread(() -> later.completeExceptionally(failure)).start();
    assertSame(
        failure, assertThrows(IOException.class, () -> AsyncIO.run(awaitStage(derived, () -> {}))));
  }

  @Test
  void aCancelledStageIsACancellation() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    stage.cancel(false);
    assertThrows(CancelledError.class, () -> AsyncIO.run(awaitStage(stage, () -> {})));
  }

  @Test
  void cancellingATaskAwaitingACompletableFutureCancelsIt() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    assertThrows(
        CancelledError.class,
        () ->
            AsyncIO.run(
                Coros.deferred(
                    () -> {
                      Task<String> task = AsyncIO.createTask(awaitStage(stage, () -> {}));
                      AsyncIO.getRunningLoop().callLater(0.01, task::cancel);
                      return task;
                    })));
    assertTrue(stage.isCancelled());
  }

  @Test
  void runCoroutineThreadsafeRunsOnTheLoopAndReportsTheResult() throws Exception {
    EventLoop loop = new EventLoop();
    Thread loopThread = new Thread(loop::runForever);
    loopThread.start();
    try {
      CompletableFuture<String> result =
          AsyncIO.runCoroutineThreadsafe(
              Coros.call(() -> AsyncIO.currentTask() != null ? "in a task" : "no task"), loop);
      assertEquals("in a task", result.get(5, TimeUnit.SECONDS));
      IOException failure = new IOException("x");
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () -> AsyncIO.runCoroutineThreadsafe(Coros.failing(failure), loop).get());
      assertSame(failure, e.getCause());
    } finally {
      loop.callSoonThreadsafe(loop::stop);
      loopThread.join();
      loop.close();
    }
  }

  @Test
  void cancellingTheResultOfRunCoroutineThreadsafeCancelsTheTask() throws Exception {
    EventLoop loop = new EventLoop();
    Thread loopThread = new Thread(loop::runForever);
    loopThread.start();
    CountDownLatch cancelled = new CountDownLatch(1);
    try {
      CompletableFuture<String> result =
          AsyncIO.runCoroutineThreadsafe(
              TaskTest.guarded(AsyncIO.sleep(10), e -> cancelled.countDown()), loop);
      Thread.sleep(20);
      result.cancel(false);
      assertTrue(cancelled.await(5, TimeUnit.SECONDS));
    } finally {
      loop.callSoonThreadsafe(loop::stop);
      loopThread.join();
      loop.close();
    }
  }

  @Test
  void runCoroutineThreadsafeRefusesNull() {
    EventLoop loop = new EventLoop();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> AsyncIO.runCoroutineThreadsafe(null, loop));
    assertEquals("A coroutine object is required", e.getMessage());
    loop.close();
  }

  @Test
  void awaitOutsideAnAsyncMethodNamesTheGeneratedMethod() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Plain.fetch());
    assertTrue(e.getMessage().contains("ThreadsTest_Plain"), e.getMessage());
    assertTrue(e.getMessage().contains("AsyncThreadsTest_Plain.fetch(...)"), e.getMessage());
  }

  /** Stands for a class whose @Async method's original body is called directly. */
  static final class Plain {
    static String fetch() {
      return AsyncIO.await(CompletableFuture.completedFuture("x"));
    }
  }
}
