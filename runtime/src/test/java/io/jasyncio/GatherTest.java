package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** gather and gatherReturnExceptions (CPython's gather / _GatheringFuture). */
@Timeout(10)
class GatherTest {
  // Virtual time: the timings in these tests are exact, whatever the load on the machine.
  private final EventLoop loop = EventLoop.withVirtualTime();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  /** Runs {@code body} inside a task of the loop, so that gather finds a running loop. */
  private <T> T inTask(java.util.function.Supplier<Awaitable<T>> body) {
    return loop.runUntilComplete(Coros.deferred(body));
  }

  @Test
  void resultsComeInArgumentOrderWhateverTheCompletionOrder() {
    List<String> results =
        inTask(
            () ->
                AsyncIO.gather(
                    Coros.worker(log, "slow", 0.03, "a"),
                    Coros.worker(log, "fast", 0.01, "b"),
                    Coros.worker(log, "mid", 0.02, "c")));
    assertEquals(List.of("a", "b", "c"), results);
    assertEquals(List.of("fast end", "mid end", "slow end"), log.subList(3, 6));
  }

  @Test
  void coroutinesBecomeTasksThatStartInArgumentOrder() {
    inTask(
        () ->
            AsyncIO.gather(
                Coros.worker(log, "one", 0, 1),
                Coros.worker(log, "two", 0, 2),
                Coros.worker(log, "three", 0, 3)));
    assertEquals(List.of("one start", "two start", "three start"), log.subList(0, 3));
  }

  @Test
  void anAwaitableListedTwiceRunsOnce() {
    List<Object> results =
        inTask(
            () -> {
              Task<String> shared = AsyncIO.createTask(Coros.worker(log, "shared", 0, "s"));
              return AsyncIO.gatherReturnExceptions(shared, shared);
            });
    assertEquals(List.of("s", "s"), results);
    assertEquals(List.of("shared start", "shared end"), log);
  }

  @Test
  void aCoroutineListedTwiceBecomesOneTask() {
    List<Object> results =
        inTask(
            () -> {
              Coro<String> shared = Coros.worker(log, "shared", 0, "s");
              Coro<String> other = Coros.worker(log, "other", 0, "o");
              return AsyncIO.gatherReturnExceptions(shared, other, shared);
            });
    assertEquals(List.of("s", "o", "s"), results);
    assertEquals(List.of("shared start", "other start", "shared end", "other end"), log);
  }

  @Test
  void aRepeatIsFoundAfterOtherAwaitablesInBetween() {
    // The repeat is not next to its first listing, and a done future comes first: the gather
    // switches to telling repeats apart by identity and must still count three children.
    List<Object> results =
        inTask(
            () -> {
              Future<String> done = loop.createFuture();
              done.setResult("d");
              Task<String> a = AsyncIO.createTask(Coros.worker(log, "a", 0.1, "a"));
              Task<String> b = AsyncIO.createTask(Coros.worker(log, "b", 0.2, "b"));
              return AsyncIO.gather(a, b, a, done, b, done);
            });
    assertEquals(List.of("a", "b", "a", "d", "b", "d"), results);
    assertEquals(List.of("a start", "b start", "a end", "b end"), log);
  }

  @Test
  void aTaskAnotherGatherWatchesIsNotTakenForARepeat() {
    List<Object> results =
        inTask(
            () -> {
              Task<String> a = AsyncIO.createTask(Coros.worker(log, "a", 0.1, "a"));
              Future<List<String>> first = AsyncIO.gather(a);
              // a's last callback is the first gather's: this one still gathers a once, and waits.
              return AsyncIO.gather(a, first);
            });
    assertEquals(List.of("a", List.of("a")), results);
  }

  @Test
  void gatherOfNothingIsAnEmptyList() {
    assertEquals(List.of(), inTask(() -> AsyncIO.gather()));
  }

  @Test
  void theFirstFailureIsPassedOnAtOnceAndTheOthersKeepRunning() {
    IOException failure = new IOException("first");
    Task<String>[] survivor = newTaskArray();
    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                inTask(
                    () -> {
                      survivor[0] = AsyncIO.createTask(Coros.worker(log, "survivor", 0.03, "s"));
                      return AsyncIO.gather(survivor[0], Coros.failAfter(0.01, failure));
                    }));
    assertSame(failure, thrown);
    assertFalse(survivor[0].isDone());
    assertEquals("s", loop.runUntilComplete(survivor[0]));
  }

  @Test
  void returnExceptionsPutsFailuresAndCancellationsInTheList() {
    IOException failure = new IOException("x");
    List<Object> results =
        inTask(
            () -> {
              Task<String> cancelled = AsyncIO.createTask(Coros.worker(log, "c", 1, "c"));
              loop.callLater(0.01, () -> cancelled.cancel("with a message"));
              return AsyncIO.gatherReturnExceptions(
                  Coros.worker(log, "ok", 0, "ok"), Coros.failAfter(0, failure), cancelled);
            });
    assertEquals("ok", results.get(0));
    assertSame(failure, results.get(1));
    CancelledError error = assertInstanceOf(CancelledError.class, results.get(2));
    assertEquals("", error.getMessage()); // the message is lost, as in CPython
  }

  @Test
  void cancellingTheGatherCancelsEveryPendingChild() {
    Future<List<Object>>[] outer = newFutureArray();
    CancelledError thrown =
        assertThrows(
            CancelledError.class,
            () ->
                inTask(
                    () -> {
                      outer[0] =
                          AsyncIO.gatherReturnExceptions(
                              Coros.worker(log, "a", 1, "a"), Coros.worker(log, "b", 1, "b"));
                      loop.callLater(0.01, () -> assertTrue(outer[0].cancel("stop")));
                      return outer[0];
                    }));
    assertEquals("stop", thrown.getMessage());
    assertTrue(log.contains("a cancelled") && log.contains("b cancelled"), log.toString());
    assertFalse(outer[0].isCancelled()); // it ends with a CancelledError exception instead
    assertInstanceOf(CancelledError.class, outer[0].exception());
    assertFalse(outer[0].cancel());
  }

  @Test
  void cancellingOneChildFailsTheGatherButNotItsSiblings() {
    Task<String>[] sibling = newTaskArray();
    assertThrows(
        CancelledError.class,
        () ->
            inTask(
                () -> {
                  Task<String> victim = AsyncIO.createTask(Coros.worker(log, "victim", 1, "v"));
                  sibling[0] = AsyncIO.createTask(Coros.worker(log, "sibling", 0.03, "s"));
                  loop.callLater(0.01, victim::cancel);
                  return AsyncIO.gather(victim, sibling[0]);
                }));
    assertFalse(sibling[0].isDone());
    assertEquals("s", loop.runUntilComplete(sibling[0]));
  }

  @Test
  void cancellingTheTaskAwaitingAGatherCancelsTheChildren() {
    Task<List<String>> awaiting =
        loop.createTask(
            new Coro<List<String>>() {
              @Override
              @SuppressWarnings("fallthrough")
              protected Object $resume(Object $in, Throwable $err) throws Throwable {
                if ($err != null) {
                  throw $err;
                }
                if ($label == 0) {
                  $label = 1;
                  return $await(
                      AsyncIO.gather(Coros.worker(log, "a", 1, "a"), Coros.worker(log, "b", 1, "b")));
                }
                return $in;
              }
            });
    loop.callLater(0.01, awaiting::cancel);
    assertThrows(CancelledError.class, () -> loop.runUntilComplete(awaiting));
    loop.runUntilComplete(AsyncIO.sleep(0.01));
    assertTrue(log.contains("a cancelled") && log.contains("b cancelled"), log.toString());
  }

  @Test
  void theGatherFutureCanBeAwaitedMoreThanOnce() {
    Future<List<String>>[] gathered = newFutureArray();
    inTask(
        () -> {
          gathered[0] = AsyncIO.gather(Coros.worker(log, "a", 0, "a"));
          return gathered[0];
        });
    assertEquals(List.of("a"), loop.runUntilComplete(Coros.awaiting(gathered[0])));
    assertEquals(List.of("a"), loop.runUntilComplete(Coros.awaiting(gathered[0])));
  }

  @SuppressWarnings("unchecked")
  private static <T> Task<T>[] newTaskArray() {
    return (Task<T>[]) new Task<?>[1];
  }

  @SuppressWarnings("unchecked")
  private static <T> Future<T>[] newFutureArray() {
    return (Future<T>[]) new Future<?>[1];
  }
}
