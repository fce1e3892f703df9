package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Futures: states, callbacks, awaiting (CPython's futures.py). */
@Timeout(10)
class FutureTest extends OrderedTest {
  // Virtual time: the timings in these tests are exact, whatever the load on the machine.
  private final EventLoop loop = EventLoop.withVirtualTime();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  private void runOnce() {
    loop.stop();
    loop.runForever();
  }

  @Test
  void resultOfAPendingFutureFails() {
    Future<String> future = loop.createFuture();
    InvalidStateError e = assertThrows(InvalidStateError.class, future::result);
    assertEquals("Result is not set.", e.getMessage());
  }

  @Test
  void exceptionOfAPendingFutureFails() {
    Future<String> future = loop.createFuture();
    InvalidStateError e = assertThrows(InvalidStateError.class, future::exception);
    assertEquals("Exception is not set.", e.getMessage());
  }

  @Test
  void aFinishedFutureHasItsResultAndNoException() {
    Future<String> future = loop.createFuture();
    future.setResult("value");
    assertTrue(future.isDone());
    assertFalse(future.isCancelled());
    assertEquals("value", future.result());
    assertNull(future.exception());
  }

  @Test
  void setResultOnADoneFutureFails() {
    Future<String> future = loop.createFuture();
    future.setResult("first");
    InvalidStateError e = assertThrows(InvalidStateError.class, () -> future.setResult("second"));
    assertTrue(e.getMessage().startsWith("FINISHED: <Future finished result=first>"), e.getMessage());
    assertEquals("first", future.result());
  }

  @Test
  void setExceptionOnACancelledFutureFails() {
    Future<String> future = loop.createFuture();
    future.cancel();
    InvalidStateError e =
        assertThrows(InvalidStateError.class, () -> future.setException(new IOException()));
    assertTrue(e.getMessage().startsWith("CANCELLED: "), e.getMessage());
  }

  @Test
  void aFailedFutureThrowsItsExceptionUnchanged() {
    Future<String> future = loop.createFuture();
    IOException failure = new IOException("checked");
    future.setException(failure);
    assertSame(failure, future.exception());
    Exception thrown = assertThrows(Exception.class, future::result);
    assertSame(failure, thrown);
  }

  @Test
  void cancelReturnsTrueOnlyWhilePending() {
    Future<String> future = loop.createFuture();
    assertTrue(future.cancel());
    assertTrue(future.isCancelled());
    assertTrue(future.isDone());
    assertFalse(future.cancel());
    Future<String> finished = loop.createFuture();
    finished.setResult("x");
    assertFalse(finished.cancel());
  }

  @Test
  void aCancelledFutureThrowsCancelledErrorWithTheMessage() {
    Future<String> future = loop.createFuture();
    future.cancel("stop it");
    CancelledError fromResult = assertThrows(CancelledError.class, future::result);
    CancelledError fromException = assertThrows(CancelledError.class, future::exception);
    assertEquals("stop it", fromResult.getMessage());
    assertEquals("stop it", fromException.getMessage());
  }

  @Test
  void cancelledErrorIsNotAnException() {
    assertFalse(Exception.class.isAssignableFrom(CancelledError.class));
    assertTrue(Error.class.isAssignableFrom(CancelledError.class));
  }

  @Test
  void doneCallbacksAreScheduledNotRunInline() {
    Future<String> future = loop.createFuture();
    future.addDoneCallback(f -> expect(2));
    future.setResult("x");
    expect(1);
    runOnce();
    finish(3);
  }

  @Test
  void aCallbackAddedToADoneFutureIsScheduled() {
    Future<String> future = loop.createFuture();
    future.setResult("x");
    future.addDoneCallback(
        f -> {
          assertSame(future, f);
          expect(2);
        });
    expect(1);
    runOnce();
    finish(3);
  }

  @Test
  void callbacksRunInRegistrationOrderBehindWhatIsAlreadyQueued() {
    Future<String> future = loop.createFuture();
    loop.callSoon(() -> expect(1));
    future.addDoneCallback(f -> expect(2));
    future.addDoneCallback(f -> expect(3));
    future.addDoneCallback(f -> expect(4));
    future.setResult("x");
    loop.callSoon(() -> expect(5));
    runOnce();
    finish(6);
  }

  @Test
  void removeDoneCallbackRemovesEveryRegistrationAndCountsThem() {
    Future<String> future = loop.createFuture();
    Consumer<Future<String>> unwanted = f -> expectUnreached();
    future.addDoneCallback(unwanted);
    future.addDoneCallback(f -> expect(1));
    future.addDoneCallback(unwanted);
    future.addDoneCallback(f -> expect(2));
    assertEquals(2, future.removeDoneCallback(unwanted));
    assertEquals(0, future.removeDoneCallback(unwanted));
    future.setResult("x");
    runOnce();
    finish(3);
  }

  @Test
  void callbacksRunInTheContextCurrentWhenTheyWereAdded() {
    ContextVar<String> var = new ContextVar<>("var", "default");
    Future<String> future = loop.createFuture();
    Context context = AsyncIO.copyContext();
    context.run(
        () -> {
          var.set("inside");
          future.addDoneCallback(f -> assertEquals("inside", var.get()));
        });
    future.addDoneCallback(f -> assertEquals("default", var.get()));
    future.setResult("x");
    runOnce();
  }

  @Test
  void awaitingADoneFutureDoesNotYield() {
    Future<String> future = loop.createFuture();
    future.setResult("ready");
    Task<String> awaiting =
        loop.createTask(
            new Coro<String>() {
              @Override
              @SuppressWarnings("fallthrough")
              protected Object $resume(Object $in, Throwable $err) throws Throwable {
                if ($err != null) {
                  throw $err;
                }
                switch ($label) {
                  case 0:
                    expect(1);
                    loop.callSoon(() -> expect(3));
                    $label = 1;
                    if (($in = $await(future)) == $SUSPEND) {
                      return $SUSPEND;
                    }
                    // fall through
                  case 1:
                    expect(2); // before the callback: the await did not yield
                    return $result(false ? () -> future : null, $in);
                  default:
                    throw new IllegalStateException();
                }
              }
            });
    assertEquals("ready", loop.runUntilComplete(awaiting));
    finish(4);
  }

  @Test
  void awaitingAPendingFutureSuspendsUntilItIsDone() {
    Future<String> future = loop.createFuture();
    Task<String> task =
        loop.createTask(
            Coros.awaitThen(
                future,
                () -> expect(3)));
    loop.callSoon(
        () -> {
          expect(1);
          loop.callSoon(
              () -> {
                expect(2);
                future.setResult("value");
              });
        });
    assertEquals("value", loop.runUntilComplete(task));
    finish(4);
  }

  @Test
  void toCompletableFutureCompletesWithTheResult() throws Exception {
    Future<String> future = loop.createFuture();
    CompletableFuture<String> cf = future.toCompletableFuture();
    assertFalse(cf.isDone());
    future.setResult("value");
    runOnce();
    assertEquals("value", cf.get(1, TimeUnit.SECONDS));
  }

  @Test
  void toCompletableFutureCarriesTheFailure() {
    Future<String> future = loop.createFuture();
    CompletableFuture<String> cf = future.toCompletableFuture();
    IOException failure = new IOException("x");
    future.setException(failure);
    runOnce();
    ExecutionException e = assertThrows(ExecutionException.class, cf::get);
    assertSame(failure, e.getCause());
  }

  @Test
  void cancellingTheCompletableFutureCancelsTheFuture() {
    Future<String> future = loop.createFuture();
    CompletableFuture<String> cf = future.toCompletableFuture();
    cf.cancel(false);
    runOnce();
    assertTrue(future.isCancelled());
    assertThrows(CancellationException.class, cf::join);
  }

  @Test
  void aFutureNeedsARunningLoopWhenNoneIsGiven() {
    IllegalStateException e = assertThrows(IllegalStateException.class, Future::new);
    assertEquals("no running event loop", e.getMessage());
  }
}
