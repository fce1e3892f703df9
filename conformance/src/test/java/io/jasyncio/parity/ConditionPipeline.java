package io.jasyncio.parity;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.Coro;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.sync.Condition;
import java.util.ArrayList;
import java.util.List;

/** Port of condition_pipeline.py. */
abstract class ConditionPipeline {

  @Async
  static Coro<Void> consumer(Out out, Condition cond, List<Integer> items, String name) {
    try (cond) {
      await(cond.waitUntil(() -> !items.isEmpty()));
      int item = items.remove(0);
      out.print(name + " got " + item);
    }
    return done();
  }

  @Async
  static Coro<Void> main(Out out) {
    Condition cond = new Condition();
    List<Integer> items = new ArrayList<>();
    List<Task<Void>> consumers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      consumers.add(createTask(consumer(out, cond, items, "c" + i)));
    }
    await(sleep(0));
    for (int i = 0; i < 2; i++) {
      try (cond) {
        items.add(i);
        out.print("produced " + i);
        cond.signal();
      }
      await(sleep(0));
    }
    try (cond) {
      items.add(10);
      items.add(11);
      out.print("produced 10 and 11");
      cond.signalAll();
    }
    await(gather(consumers));
    out.print("left:", items.size());
    return done();
  }
}
