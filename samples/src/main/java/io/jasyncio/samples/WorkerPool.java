package io.jasyncio.samples;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.AsyncIO;
import io.jasyncio.CancelledError;
import io.jasyncio.Coro;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.queues.Queue;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A worker pool: a producer feeds jobs into a bounded {@link Queue}, several workers take them,
 * {@code join()} waits until every job is marked done, then the workers are cancelled. The bounded
 * queue is back-pressure: the producer waits whenever the workers fall behind.
 *
 * <p>The asyncio documentation's queue example, with {@code maxsize}:
 *
 * <pre>
 * async def worker(name, queue):
 *     while True:
 *         sleep_for = await queue.get()
 *         await asyncio.sleep(sleep_for)
 *         queue.task_done()
 *         print(f'{name} has slept for {sleep_for:.2f} seconds')
 * </pre>
 */
public abstract class WorkerPool {

  /** What a run measured. */
  record Summary(int jobs, int producerWaits, double elapsed, double totalWork) {}

  @Async
  static Coro<Void> worker(String name, Queue<Double> queue, PrintStream out) {
    try {
      while (true) {
        double sleepFor = await(queue.get());
        await(sleep(sleepFor));
        queue.taskDone();
        out.printf("%s has slept for %.2f seconds%n", name, sleepFor);
      }
    } catch (CancelledError e) {
      out.println(name + " stops");
      throw e;
    }
  }

  @Async
  static Coro<Summary> run(int jobs, int workers, int maxsize, double scale, PrintStream out) {
    Queue<Double> queue = new Queue<>(maxsize);
    List<Task<Void>> pool = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      pool.add(createTask(worker("worker-" + i, queue, out)));
    }
    Random random = new Random(2026);
    double started = getRunningLoop().time();
    double totalWork = 0;
    int producerWaits = 0;
    for (int i = 0; i < jobs; i++) {
      double sleepFor = scale * (0.05 + 0.95 * random.nextDouble());
      totalWork += sleepFor;
      if (queue.isFull()) {
        producerWaits++; // put() below waits for a worker to take a job
      }
      await(queue.put(sleepFor));
    }
    await(queue.join());
    double elapsed = getRunningLoop().time() - started;
    for (Task<Void> task : pool) {
      task.cancel();
    }
    await(gatherReturnExceptions(pool));
    out.println("====");
    out.printf("%d workers slept in parallel for %.2f seconds%n", workers, elapsed);
    out.printf("total expected sleep time: %.2f seconds%n", totalWork);
    out.printf("the producer waited for a free slot %d times%n", producerWaits);
    return done(new Summary(jobs, producerWaits, elapsed, totalWork));
  }

  public static void main(String[] args) {
    AsyncIO.run(AsyncWorkerPool.run(20, 3, 4, 1.0, System.out));
  }
}
