package io.jasyncio.parity;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.CancelledError;
import io.jasyncio.Coro;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.queues.LifoQueue;
import io.jasyncio.queues.PriorityQueue;
import io.jasyncio.queues.Queue;
import io.jasyncio.queues.QueueEmpty;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Port of queue_workers.py; Python's (priority, seq, data) tuples are a record here. */
abstract class QueueWorkers {

  record Entry(int priority, int seq, String data) {}

  @Async
  static Coro<Void> worker(Out out, String name, Queue<Integer> queue, List<String> log) {
    try {
      while (true) {
        int item = await(queue.get());
        for (int step = 0; step < item; step++) { // item steps of work, no timers
          await(sleep(0));
        }
        log.add(name + ":" + item);
        queue.taskDone();
      }
    } catch (CancelledError e) {
      out.print(name + " stops");
      throw e;
    }
  }

  @Async
  static Coro<Void> main(Out out) {
    Queue<Integer> queue = new Queue<>(2);
    List<String> log = new ArrayList<>();
    List<Task<Void>> workers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      workers.add(createTask(worker(out, "w" + i, queue, log)));
    }
    for (int item : new int[] {3, 1, 2, 1, 1, 3}) {
      await(queue.put(item));
      out.print("put " + item + ", size " + queue.qsize());
    }
    await(queue.join());
    out.print("joined; processed", log.size());
    for (Task<Void> w : workers) {
      w.cancel();
    }
    await(gatherReturnExceptions(workers));
    out.print("empty:", queue.isEmpty(), "full:", queue.isFull());

    PriorityQueue<Entry> pq =
        new PriorityQueue<>(
            0, Comparator.comparingInt(Entry::priority).thenComparingInt(Entry::seq));
    pq.putNowait(new Entry(2, 0, "b"));
    pq.putNowait(new Entry(1, 1, "a"));
    pq.putNowait(new Entry(2, 2, "c"));
    pq.putNowait(new Entry(0, 3, "z"));
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      order.add(pq.getNowait().data());
    }
    out.print("priority order:", String.join(" ", order));
    LifoQueue<String> lq = new LifoQueue<>();
    for (String x : List.of("a", "b", "c")) {
      lq.putNowait(x);
    }
    out.print("lifo order:", lq.getNowait() + lq.getNowait() + lq.getNowait());
    try {
      new Queue<Integer>(1).getNowait();
    } catch (QueueEmpty e) {
      out.print("QueueEmpty");
    }
    return done();
  }
}
