package io.jasyncio.benchmarks.anchors;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.Coro;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.queues.Queue;
import io.jasyncio.sync.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * The anchor workloads W1 to W5 as a user writes them: {@code @Async} methods compiled by the
 * processor, the same parameters as the peers' programs in {@code ../shared/anchors} (definitions
 * in its RESULTS.md).
 */
public abstract class Workloads {

  // W1: spawn n tasks that each yield once; wait for all (asyncio: create_task, then gather).

  @Async
  static Coro<Void> yieldOnce() {
    await(sleep(0));
    return done();
  }

  @Async
  static Coro<Integer> spawn(int n) {
    List<Task<Void>> tasks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      tasks.add(createTask(yieldOnce()));
    }
    return done(await(gather(tasks)).size());
  }

  // W2: n messages through a queue of capacity 1.

  @Async
  static Coro<Void> produce(Queue<Integer> queue, int n) {
    for (int i = 0; i < n; i++) {
      await(queue.put(i));
    }
    return done();
  }

  @Async
  static Coro<Long> pingPong(int n) {
    Queue<Integer> queue = new Queue<>(1);
    Task<Void> producer = createTask(produce(queue, n));
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += await(queue.get());
    }
    await(producer);
    return done(sum);
  }

  // W3: s += await(child(i)), the child completing at once (its suspension point is never taken).

  @Async
  static Coro<Integer> child(int i) {
    if (i < 0) {
      await(sleep(0));
    }
    return done(i);
  }

  @Async
  static Coro<Long> parent(int n) {
    long s = 0;
    for (int i = 0; i < n; i++) {
      s += await(child(i));
    }
    return done(s);
  }

  /** W3 timed inside the loop, as the peers time it inside runBlocking. */
  @Async
  static Coro<Long> timed(int n, long[] nanos) {
    long t0 = System.nanoTime();
    long s = await(parent(n));
    nanos[0] = System.nanoTime() - t0;
    return done(s);
  }

  // W4: n tasks suspended on one event.

  @Async
  static Coro<Void> waitOn(Event event, int[] started) {
    started[0]++;
    await(event.waitFor());
    return done();
  }

  // W5: n tasks sleeping d[i] milliseconds.

  @Async
  static Coro<Void> sleepMs(int ms) {
    await(sleep(ms / 1000.0));
    return done();
  }

  @Async
  static Coro<Integer> timers(int[] delays) {
    List<Task<Void>> tasks = new ArrayList<>(delays.length);
    for (int d : delays) {
      tasks.add(createTask(sleepMs(d)));
    }
    return done(await(gather(tasks)).size());
  }
}
