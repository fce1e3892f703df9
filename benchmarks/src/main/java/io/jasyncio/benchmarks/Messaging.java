package io.jasyncio.benchmarks;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.Coro;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.queues.Queue;
import io.jasyncio.sync.Held;
import io.jasyncio.sync.Lock;

/** The coroutines of the queue (W2) and lock benchmarks, as users write them. */
public abstract class Messaging {

  @Async
  static Coro<Void> produce(Queue<Integer> queue, int messages) {
    for (int i = 0; i < messages; i++) {
      await(queue.put(i & 63));
    }
    return done();
  }

  @Async
  static Coro<Long> consume(Queue<Integer> queue, int messages) {
    long sum = 0;
    for (int i = 0; i < messages; i++) {
      sum += await(queue.get());
    }
    return done(sum);
  }

  /** W2: a producer and a consumer task exchange {@code messages} items through {@code queue}. */
  @Async
  static Coro<Long> pingPong(int maxsize, int messages) {
    Queue<Integer> queue = new Queue<>(maxsize);
    Task<Long> consumer = createTask(consume(queue, messages));
    await(produce(queue, messages));
    return done(await(consumer));
  }

  /** Uncontended lock: await acquire(), release(). */
  @Async
  static Coro<Integer> acquireRelease(Lock lock, int times) {
    int held = 0;
    for (int i = 0; i < times; i++) {
      await(lock.acquire());
      held += lock.isLocked() ? 1 : 0;
      lock.release();
    }
    return done(held);
  }

  /** Uncontended lock as Python's {@code async with lock}. */
  @Async
  static Coro<Integer> asyncWith(Lock lock, int times) {
    int held = 0;
    for (int i = 0; i < times; i++) {
      try (lock) {
        held += lock.isLocked() ? 1 : 0;
      }
    }
    return done(held);
  }

  /** Uncontended lock through the Held handle: {@code try (Held h = await(lock.acquire()))}. */
  @Async
  @SuppressWarnings("try")
  static Coro<Integer> heldBlock(Lock lock, int times) {
    int held = 0;
    for (int i = 0; i < times; i++) {
      try (Held h = await(lock.acquire())) {
        held += lock.isLocked() ? 1 : 0;
      }
    }
    return done(held);
  }
}
