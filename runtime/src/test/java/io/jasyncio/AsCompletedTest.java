package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** asCompleted (CPython's as_completed). */
@Timeout(10)
class AsCompletedTest {
  // Virtual time: the timings in these tests are exact, whatever the load on the machine.
  private final EventLoop loop = EventLoop.withVirtualTime();
  private final List<String> log = new ArrayList<>();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  /** Awaits every awaitable of the iteration in turn, recording results and failures. */
  private List<Object> drain(java.util.function.Supplier<Iterable<Awaitable<String>>> make) {
    List<Object> outcomes = new ArrayList<>();
    loop.runUntilComplete(
        Coros.deferred(
            () -> {
              Iterator<Awaitable<String>> each = make.get().iterator();
              return drainNext(each, outcomes);
            }));
    return outcomes;
  }

  /**
   * <pre>{@code
   * @Async Coro<Void> drainNext(Iterator<Awaitable<String>> each, List<Object> outcomes) {
   *   while (each.hasNext()) {
   *     try { outcomes.add(await(each.next())); } catch (Exception e) { outcomes.add(e); }
   *   }
   *   return done();
   * }
   * }</pre>
   */
  private static Coro<Void> drainNext(Iterator<Awaitable<String>> each, List<Object> outcomes) {
    return new Coro<Void>() {
      Awaitable<String> current$1;

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
              case 1:
                if (!each.hasNext()) {
                  return null;
                }
                current$1 = each.next();
                $label = 2;
                if (($in = $await(current$1)) == $SUSPEND) {
                  return $SUSPEND;
                }
                // fall through
              case 2:
                outcomes.add($result(false ? () -> current$1 : null, $in));
                $label = 1;
                continue;
              default:
                throw new IllegalStateException();
            }
          } catch (Throwable $t) {
            $err = null;
            if ($label == 2 && $t instanceof Exception) {
              outcomes.add($t);
              $label = 1;
              continue;
            }
            throw $t;
          }
        }
      }
    };
  }

  @Test
  void outcomesArriveInCompletionOrder() {
    List<Object> outcomes =
        drain(
            () ->
                AsyncIO.asCompleted(
                    List.of(
                        Coros.worker(log, "slow", 0.03, "slow"),
                        Coros.worker(log, "fast", 0.01, "fast"),
                        Coros.worker(log, "mid", 0.02, "mid"))));
    assertEquals(List.of("fast", "mid", "slow"), outcomes);
  }

  @Test
  void awaitingOneRethrowsItsException() {
    IOException failure = new IOException("broken");
    List<Object> outcomes =
        drain(
            () ->
                AsyncIO.asCompleted(
                    List.of(Coros.worker(log, "ok", 0.02, "ok"), Coros.failAfter(0.01, failure))));
    assertSame(failure, outcomes.get(0));
    assertEquals("ok", outcomes.get(1));
  }

  @Test
  void afterTheTimeoutTheRemainingAwaitsThrowTimeoutErrorAndNothingIsCancelled() {
    Task<String>[] slow = newArray();
    List<Object> outcomes =
        drain(
            () -> {
              slow[0] = AsyncIO.createTask(Coros.worker(log, "slow", 0.05, "slow"));
              return AsyncIO.asCompleted(
                  List.of(Coros.worker(log, "fast", 0.005, "fast"), slow[0]), 0.02);
            });
    assertEquals("fast", outcomes.get(0));
    assertTrue(outcomes.get(1) instanceof TimeoutError, outcomes.toString());
    assertFalse(slow[0].isCancelled());
    assertEquals("slow", loop.runUntilComplete(slow[0]));
  }

  @Test
  void itYieldsOneAwaitablePerInput() {
    int[] count = {0};
    loop.runUntilComplete(
        Coros.deferred(
            () -> {
              for (Awaitable<String> ignored :
                  AsyncIO.asCompleted(
                      List.of(
                          Coros.worker(log, "a", 0, "a"),
                          Coros.worker(log, "b", 0, "b"),
                          Coros.worker(log, "c", 0, "c")))) {
                count[0]++;
              }
              return AsyncIO.sleep(0.01);
            }));
    assertEquals(3, count[0]);
  }

  @Test
  void theSameAwaitableTwiceCountsOnce() {
    Coro<String> twice = Coros.worker(log, "twice", 0.01, "twice");
    Task<String>[] task = newArray();
    List<Object> outcomes =
        drain(
            () -> {
              task[0] = AsyncIO.createTask(Coros.worker(log, "task", 0.02, "task"));
              return AsyncIO.asCompleted(
                  List.of(twice, twice, task[0], task[0], Coros.worker(log, "other", 0.03, "other")));
            });
    assertEquals(List.of("twice", "task", "other"), outcomes);
  }

  @SuppressWarnings("unchecked")
  private static <T> Task<T>[] newArray() {
    return (Task<T>[]) new Task<?>[1];
  }
}
