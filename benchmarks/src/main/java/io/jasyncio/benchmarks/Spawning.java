package io.jasyncio.benchmarks;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.Coro;
import io.jasyncio.Future;
import io.jasyncio.annotations.Async;

/** The coroutines of the spawn benchmark (W1). */
public abstract class Spawning {

  /** Creates {@code n} tasks that each yield once, and waits until the last has finished. */
  @Async
  static Coro<Integer> spawner(int n) {
    Future<Integer> allDone = getRunningLoop().createFuture();
    int[] left = {n};
    for (int i = 0; i < n; i++) {
      createTask(yieldOnce(left, allDone, n));
    }
    return done(await(allDone));
  }

  @Async
  static Coro<Void> yieldOnce(int[] left, Future<Integer> allDone, int n) {
    await(sleep(0));
    if (--left[0] == 0) {
      allDone.setResult(n);
    }
    return done();
  }

  /** Creates {@code n} tasks that finish without suspending (a cache hit), and counts them. */
  @Async
  static Coro<Integer> spawnerOfFinished(int n) {
    Future<Integer> allDone = getRunningLoop().createFuture();
    int[] left = {n};
    for (int i = 0; i < n; i++) {
      createTask(finishAtOnce(left, allDone, n));
    }
    return done(await(allDone));
  }

  @Async
  static Coro<Void> finishAtOnce(int[] left, Future<Integer> allDone, int n) {
    if (--left[0] == 0) {
      allDone.setResult(n);
    }
    return done();
  }
}
