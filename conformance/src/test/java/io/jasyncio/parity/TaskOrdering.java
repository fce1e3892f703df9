package io.jasyncio.parity;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.Coro;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.util.List;

/** Port of task_ordering.py. */
abstract class TaskOrdering {

  @Async
  static Coro<String> worker(Out out, String name, int steps) {
    for (int i = 0; i < steps; i++) {
      out.print(name + " step " + i);
      await(sleep(0));
    }
    out.print(name + " done");
    return done(name.toUpperCase());
  }

  @Async
  static Coro<Void> main(Out out) {
    Task<String> a = createTask(worker(out, "a", 2));
    Task<String> b = createTask(worker(out, "b", 3));
    out.print("created");
    await(sleep(0));
    out.print("main after first yield");
    List<String> results = await(gather(b, a, worker(out, "c", 1)));
    out.print("results " + String.join(" ", results));
    out.print("a done twice: " + await(a));
    return done();
  }
}
