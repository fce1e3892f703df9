package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tasks: scheduling, names, cancellation, frames (CPython's tasks.py). */
@Timeout(20)
class TaskTest extends OrderedTest {
  // Virtual time: the timings in these tests are exact, whatever the load on the machine.
  private final EventLoop loop = EventLoop.withVirtualTime();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  /**
   * <pre>{@code
   * @Async Coro<String> guarded(Awaitable<?> inner, Runnable onCancel) {
   *   try {
   *     await(inner);
   *     return done("finished");
   *   } catch (CancelledError e) {
   *     onCancel.run();
   *     throw e;
   *   }
   * }
   * }</pre>
   */
  static Coro<String> guarded(Awaitable<?> inner, java.util.function.Consumer<CancelledError> onCancel) {
    return new Coro<String>() {
      Throwable $caught;

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
                {
                  CancelledError e = (CancelledError) $caught;
                  $caught = null;
                  onCancel.accept(e);
                  throw e;
                }
              default:
                throw new IllegalStateException();
            }
          } catch (Throwable $t) {
            $err = null;
            if ($label == 1 && $t instanceof CancelledError) {
              $caught = $t;
              $label = 2;
              continue;
            }
            throw $t;
          }
        }
      }
    };
  }

  /**
   * <pre>{@code
   * @Async Coro<String> withFinally(Awaitable<?> inner, Runnable before, Runnable after) {
   *   try {
   *     await(inner);
   *     return done("finished");
   *   } finally {
   *     before.run();
   *     await(sleep(0));
   *     after.run();
   *   }
   * }
   * }</pre>
   */
  static Coro<String> withFinally(Awaitable<?> inner, Runnable before, Runnable after) {
    return new Coro<String>() {
      Throwable $pendingThrow;
      Object $pendingReturn;

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
                $pendingReturn = "finished";
                $label = 2;
                continue;
              case 2: // finally
                before.run();
                $label = 3;
                if (($in = $await(AsyncIO.sleep(0))) == $SUSPEND) {
                  return $SUSPEND;
                }
                // fall through
              case 3:
                after.run();
                if ($pendingThrow != null) {
                  Throwable t = $pendingThrow;
                  $pendingThrow = null;
                  throw t;
                }
                return $pendingReturn;
              default:
                throw new IllegalStateException();
            }
          } catch (Throwable $t) {
            $err = null;
            if ($label == 1) {
              $pendingThrow = $t;
              $label = 2;
              continue;
            }
            throw $t;
          }
        }
      }
    };
  }

  /**
   * <pre>{@code
   * @Async Coro<Void> steps(List<String> log, String name, int count) {
   *   for (int i = 0; i < count; i++) {
   *     log.add(name + i);
   *     await(sleep(0));
   *   }
   *   return done();
   * }
   * }</pre>
   */
  static Coro<Void> steps(List<String> log, String name, int count) {
    return new Coro<Void>() {
      int i$1;

      @Override
      @SuppressWarnings("fallthrough")
      protected Object $resume(Object $in, Throwable $err) throws Throwable {
        if ($err != null) {
          throw $err;
        }
        for (; ; ) {
          switch ($label) {
            case 0:
              i$1 = 0;
              // fall through
            case 1:
              if (!(i$1 < count)) {
                return null;
              }
              log.add(name + i$1);
              $label = 2;
              if (($in = $await(AsyncIO.sleep(0))) == $SUSPEND) {
                return $SUSPEND;
              }
              // fall through
            case 2:
              i$1++;
              $label = 1;
              continue;
            default:
              throw new IllegalStateException();
          }
        }
      }
    };
  }

  private static Coro<Void> action(Runnable body) {
    return Coros.call(
        () -> {
          body.run();
          return null;
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Scheduling

  @Test
  void aTaskStartsOnlyAfterItsCreatorYieldsAndInCreationOrder() {
    Task<Void> task =
        loop.createTask(
            new Coro<Void>() {
              @Override
              @SuppressWarnings("fallthrough")
              protected Object $resume(Object $in, Throwable $err) throws Throwable {
                if ($err != null) {
                  throw $err;
                }
                switch ($label) {
                  case 0:
                    expect(1);
                    AsyncIO.createTask(action(() -> expect(3)));
                    AsyncIO.createTask(action(() -> expect(4)));
                    expect(2);
                    $label = 1;
                    if (($in = $await(AsyncIO.sleep(0))) == $SUSPEND) {
                      return $SUSPEND;
                    }
                    // fall through
                  case 1:
                    expect(5);
                    return null;
                  default:
                    throw new IllegalStateException();
                }
              }
            });
    loop.runUntilComplete(task);
    finish(6);
  }

  @Test
  void aNewTaskRunsBehindCallbacksAlreadyQueued() {
    loop.callSoon(() -> expect(1));
    Task<Void> task = loop.createTask(action(() -> expect(2)));
    loop.callSoon(() -> expect(3));
    loop.runUntilComplete(task);
    finish(4);
  }

  @Test
  void awaitingACoroutineRunsItInlineWithoutScheduling() {
    Task<Integer> task =
        loop.createTask(
            new Coro<Integer>() {
              @Override
              @SuppressWarnings("fallthrough")
              protected Object $resume(Object $in, Throwable $err) throws Throwable {
                if ($err != null) {
                  throw $err;
                }
                switch ($label) {
                  case 0:
                    expect(1);
                    loop.callSoon(() -> expect(4));
                    $label = 1;
                    if (($in =
                            $await(
                                Coros.call(
                                    () -> {
                                      expect(2);
                                      return 41;
                                    })))
                        == $SUSPEND) {
                      return $SUSPEND;
                    }
                    // fall through
                  case 1:
                    expect(3);
                    return (Integer) $in + 1;
                  default:
                    throw new IllegalStateException();
                }
              }
            });
    assertEquals(42, loop.runUntilComplete(task));
    finish(5);
  }

  @Test
  void sleepZeroYieldsExactlyOnce() {
    List<String> log = new ArrayList<>();
    Task<Void> a = loop.createTask(steps(log, "a", 3));
    Task<Void> b = loop.createTask(steps(log, "b", 3));
    loop.runUntilComplete(AsyncIO.gather(a, b));
    assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), log);
  }

  @Test
  void sleepWaitsAtLeastTheDelayAndReturnsTheResult() {
    double start = loop.time();
    assertEquals("late", loop.runUntilComplete(AsyncIO.sleep(0.05, "late")));
    assertTrue(loop.time() - start >= 0.05);
  }

  @Test
  void sleepStartsTheClockWhenAwaitedNotWhenCreated() throws Exception {
    Coro<Void> sleeper = AsyncIO.sleep(0.05);
    Thread.sleep(60);
    double start = loop.time();
    loop.runUntilComplete(sleeper);
    assertTrue(loop.time() - start >= 0.05);
  }

  @Test
  void sleepRejectsNaN() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AsyncIO.sleep(Double.NaN));
    assertTrue(e.getMessage().contains("NaN"));
  }

  // ---------------------------------------------------------------------------------------------
  // Names and registry

  @Test
  void tasksAreNamedFromAProcessWideCounter() {
    Task<Void> first = loop.createTask(AsyncIO.sleep(0));
    Task<Void> second = loop.createTask(AsyncIO.sleep(0));
    int n = Integer.parseInt(first.getName().substring("Task-".length()));
    assertEquals("Task-" + (n + 1), second.getName());
    second.setName("worker");
    assertEquals("worker", second.getName());
    assertEquals("named", loop.createTask(AsyncIO.sleep(0), "named").getName());
    loop.runUntilComplete(AsyncIO.sleep(0.001));
  }

  @Test
  void aFailedCreateTaskUsesNoNumber() {
    Coro<String> used = Coros.call(() -> "once");
    Task<String> first = loop.createTask(used);
    assertThrows(IllegalStateException.class, () -> loop.createTask(used));
    Task<Void> second = loop.createTask(AsyncIO.sleep(0));
    int n = Integer.parseInt(first.getName().substring("Task-".length()));
    assertEquals("Task-" + (n + 1), second.getName());
    loop.runUntilComplete(second);
  }

  @Test
  void currentTaskIsTheTaskWhoseStepRuns() {
    Task<?>[] seen = new Task<?>[2];
    Task<Void> task = loop.createTask(action(() -> seen[0] = AsyncIO.currentTask()));
    loop.callSoon(() -> seen[1] = AsyncIO.currentTask());
    loop.runUntilComplete(task);
    assertSame(task, seen[0]);
    assertNull(seen[1]);
  }

  @Test
  void allTasksListsThePendingTasksOnly() {
    Task<Void> quick = loop.createTask(AsyncIO.sleep(0));
    Task<Void> slow = loop.createTask(AsyncIO.sleep(10));
    assertEquals(List.of(quick, slow), new ArrayList<>(loop.allTasks()));
    loop.runUntilComplete(quick);
    assertEquals(List.of(slow), new ArrayList<>(loop.allTasks()));
  }

  @Test
  void theLoopKeepsATaskNobodyHoldsAlive() {
    AtomicBoolean ran = new AtomicBoolean();
    WeakReference<Task<String>> ref =
        new WeakReference<>(
            loop.createTask(Coros.awaitThen(AsyncIO.sleep(0.02, "x"), () -> ran.set(true))));
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    assertTrue(ref.get() != null, "a pending task was collected");
    loop.runUntilComplete(AsyncIO.sleep(0.05));
    assertTrue(ran.get());
  }

  @Test
  void aTaskCannotBeCompletedFromOutside() {
    Task<Void> task = loop.createTask(AsyncIO.sleep(0));
    assertEquals(
        "Task does not support setResult operation",
        assertThrows(IllegalStateException.class, () -> task.setResult(null)).getMessage());
    assertEquals(
        "Task does not support setException operation",
        assertThrows(IllegalStateException.class, () -> task.setException(new IOException()))
            .getMessage());
    loop.runUntilComplete(task);
  }

  // ---------------------------------------------------------------------------------------------
  // Cancellation

  @Test
  void cancellationIsThrownInAtTheAwaitPoint() {
    Task<String> task =
        loop.createTask(
            guarded(
                AsyncIO.sleep(10),
                e -> {
                  expect(2);
                  assertNull(e.getMessage());
                }));
    loop.callSoon(
        () -> {
          expect(1);
          assertTrue(task.cancel());
          assertFalse(task.isCancelled()); // not until the coroutine has ended
        });
    assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
    assertTrue(task.isCancelled());
    finish(3);
  }

  @Test
  void finallyBlocksRunOnCancellationAndMayAwait() {
    Task<String> task =
        loop.createTask(withFinally(AsyncIO.sleep(10), () -> expect(2), () -> expect(3)));
    loop.callSoon(
        () -> {
          expect(1);
          task.cancel();
        });
    assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
    assertTrue(task.isCancelled());
    finish(4);
  }

  @Test
  void theCancelMessageReachesTheCoroutineTheAwaiterAndResult() {
    CancelledError[] inside = new CancelledError[1];
    Task<String> task = loop.createTask(guarded(AsyncIO.sleep(10), e -> inside[0] = e));
    Task<String> awaiter = loop.createTask(Coros.awaiting(task));
    loop.callSoon(() -> task.cancel("shutting down"));
    CancelledError seen = assertThrows(CancelledError.class, () -> loop.runUntilComplete(awaiter));
    assertEquals("shutting down", inside[0].getMessage());
    assertSame(inside[0], seen);
    assertSame(inside[0], assertThrows(CancelledError.class, task::result));
  }

  @Test
  void aTaskCancelledBeforeItsFirstStepNeverRunsItsBody() {
    Task<Void> task = loop.createTask(action(this::expectUnreached));
    task.cancel("early");
    CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
    assertEquals("early", e.getMessage());
    assertTrue(task.isCancelled());
  }

  @Test
  void severalCancelsBeforeTheTaskRunsDeliverOneCancelledError() {
    Task<String> task =
        loop.createTask(
            new Coro<String>() {
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
                        if (($in = $await(AsyncIO.sleep(10))) == $SUSPEND) {
                          return $SUSPEND;
                        }
                        // fall through
                      case 1:
                        expectUnreached();
                        return "not cancelled";
                      case 2:
                        expect(1);
                        $label = 3;
                        if (($in = $await(AsyncIO.sleep(0))) == $SUSPEND) {
                          return $SUSPEND;
                        }
                        // fall through
                      case 3:
                        expect(2);
                        return "survived";
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
            });
    loop.callSoon(
        () -> {
          task.cancel();
          task.cancel();
          task.cancel();
        });
    assertEquals("survived", loop.runUntilComplete(task));
    assertEquals(3, task.cancelling());
    finish(3);
  }

  @Test
  void aTaskThatCatchesTheCancellationEndsNormallyAndStaysCancellingUntilUncancel() {
    Task<String> refusing = loop.createTask(guardedSwallow(AsyncIO.sleep(10)));
    loop.callSoon(refusing::cancel);
    assertEquals("swallowed", loop.runUntilComplete(refusing));
    assertFalse(refusing.isCancelled());
    assertEquals(1, refusing.cancelling());
  }

  /** {@code try { await(inner); return done("finished"); } catch (CancelledError e) { return done("swallowed"); }} */
  private static Coro<String> guardedSwallow(Awaitable<?> inner) {
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
  void uncancelCountsDownAndNeverBelowZero() {
    Task<Void> task = loop.createTask(AsyncIO.sleep(10));
    loop.runUntilComplete(AsyncIO.sleep(0)); // the task is now suspended in sleep
    task.cancel();
    task.cancel();
    assertEquals(2, task.cancelling());
    assertEquals(1, task.uncancel());
    assertEquals(0, task.uncancel());
    assertEquals(0, task.uncancel());
    assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
  }

  @Test
  void uncancelToZeroDropsACancellationNotYetDelivered() {
    Task<String> task = loop.createTask(Coros.call(() -> "ran"));
    task.cancel();
    assertEquals(0, task.uncancel());
    assertEquals("ran", loop.runUntilComplete(task));
  }

  @Test
  void aTaskCancellingItselfIsCancelledAtItsNextAwait() {
    // inner: expect(1); currentTask().cancel(); expect(2); await(sleep(0)); unreachable
    Coro<Void> inner =
        new Coro<Void>() {
          @Override
          @SuppressWarnings("fallthrough")
          protected Object $resume(Object $in, Throwable $err) throws Throwable {
            if ($err != null) {
              throw $err;
            }
            switch ($label) {
              case 0:
                expect(1);
                AsyncIO.currentTask().cancel();
                expect(2); // cancelling does not interrupt plain code
                $label = 1;
                if (($in = $await(AsyncIO.sleep(0))) == $SUSPEND) {
                  return $SUSPEND;
                }
                // fall through
              case 1:
                expectUnreached();
                return null;
              default:
                throw new IllegalStateException();
            }
          }
        };
    Task<String> task = loop.createTask(guarded(inner, e -> expect(3)));
    assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
    finish(4);
  }

  @Test
  void aTaskThatCancelsItselfAndReturnsEndsCancelled() {
    Task<String> task =
        loop.createTask(
            Coros.call(
                () -> {
                  AsyncIO.currentTask().cancel("self");
                  return "returned";
                }));
    CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
    assertEquals("self", e.getMessage());
    assertTrue(task.isCancelled());
  }

  @Test
  void anExceptionFromFinallyReplacesTheCancellation() {
    IllegalStateException fromFinally = new IllegalStateException("cleanup failed");
    Task<String> task =
        loop.createTask(
            withFinally(
                AsyncIO.sleep(10),
                () -> {},
                () -> {
                  throw fromFinally;
                }));
    loop.callSoon(task::cancel);
    assertSame(
        fromFinally, assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(task)));
    assertFalse(task.isCancelled());
    assertSame(fromFinally, task.exception());
  }

  @Test
  void cancelOnADoneTaskReturnsFalse() {
    Task<String> task = loop.createTask(Coros.call(() -> "x"));
    loop.runUntilComplete(task);
    assertFalse(task.cancel());
    assertEquals(0, task.cancelling());
  }

  @Test
  void cancellingATaskCancelsTheTaskItAwaits() {
    Task<String> inner = loop.createTask(guarded(AsyncIO.sleep(10), e -> expect(1)));
    Task<String> outer = loop.createTask(Coros.awaiting(inner));
    loop.runUntilComplete(AsyncIO.sleep(0.001));
    outer.cancel();
    assertThrows(CancelledError.class, () -> loop.runUntilComplete(outer));
    assertTrue(inner.isCancelled());
    assertTrue(outer.isCancelled());
    finish(2);
  }

  // ---------------------------------------------------------------------------------------------
  // Frames, errors

  @Test
  void awaitingACoroutineTwiceFails() {
    Coro<String> child = Coros.call(() -> "once");
    Task<String> first = loop.createTask(Coros.awaiting(child));
    assertEquals("once", loop.runUntilComplete(first));
    Task<String> second = loop.createTask(Coros.awaiting(child));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(second));
    assertTrue(
        e.getMessage().startsWith("cannot reuse already awaited coroutine "), e.getMessage());
    assertTrue(e.getMessage().contains("call the @Async method again"), e.getMessage());
  }

  @Test
  void aTaskCannotAwaitItself() {
    Task<?>[] self = new Task<?>[1];
    Task<Object> task =
        loop.createTask(
            new Coro<Object>() {
              @Override
              @SuppressWarnings("fallthrough")
              protected Object $resume(Object $in, Throwable $err) throws Throwable {
                if ($err != null) {
                  throw $err;
                }
                $label = 1;
                return $await(self[0]);
              }
            });
    self[0] = task;
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(task));
    assertTrue(e.getMessage().startsWith("Task cannot await on itself"), e.getMessage());
  }

  @Test
  void aMillionDeepAwaitChainCompletingInlineDoesNotOverflowTheStack() {
    assertEquals(
        1_000_000, loop.runUntilComplete(Coros.depth(1_000_000, () -> Coros.call(() -> null))));
  }

  @Test
  void aMillionDeepAwaitChainThatSuspendsAtTheBottomDoesNotOverflowTheStack() {
    assertEquals(1_000_000, loop.runUntilComplete(Coros.depth(1_000_000, () -> AsyncIO.sleep(0))));
  }

  @Test
  void exceptionsPassThroughAwaitsUnchanged() {
    IOException checked = new IOException("disk full");
    assertSame(
        checked,
        assertThrows(
            IOException.class,
            () ->
                loop.runUntilComplete(
                    Coros.awaiting(Coros.awaiting(Coros.<String>failing(checked))))));
    InternalError error = new InternalError("vm");
    assertSame(
        error,
        assertThrows(
            InternalError.class,
            () -> loop.runUntilComplete(Coros.awaiting(Coros.<String>failing(error)))));
  }

  @Test
  void anExceptionShowsTheChainOfCoroutinesItLeftInItsOwnStackTrace() {
    IOException failure = new IOException("boom");
    assertThrows(
        IOException.class,
        () ->
            loop.runUntilComplete(
                Coros.awaiting(Coros.awaiting(Coros.awaiting(Coros.<String>failing(failure))))));
    long coroutineFrames =
        java.util.Arrays.stream(failure.getStackTrace())
            .filter(e -> e.getMethodName().equals("coroutine"))
            .count();
    assertEquals(4, coroutineFrames);
    assertEquals(0, failure.getSuppressed().length, "nothing is added to the exception itself");
    assertEquals(null, failure.getCause());
  }

  @Test
  void getStackListsTheAwaitChainInnermostLast() {
    Coro<Void> innermost = AsyncIO.sleep(10);
    Task<Void> task = loop.createTask(Coros.awaiting(Coros.awaiting(innermost)));
    loop.runUntilComplete(AsyncIO.sleep(0.001));
    List<StackTraceElement> stack = task.getStack();
    assertEquals(3, stack.size());
    assertEquals("sleep", stack.get(2).getMethodName());
    task.cancel();
    assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
    assertTrue(task.getStack().isEmpty());
  }

  @Test
  void aTaskDescribesItself() {
    Task<Void> task = loop.createTask(AsyncIO.sleep(10), "sleeper");
    loop.runUntilComplete(AsyncIO.sleep(0.001));
    String text = task.toString();
    assertTrue(text.startsWith("<Task pending name='sleeper' coro=<AsyncIO.sleep()>"), text);
    task.cancel();
    assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
    assertEquals("<Task cancelled name='sleeper'>", task.toString());
  }
}
