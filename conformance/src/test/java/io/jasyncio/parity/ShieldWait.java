package io.jasyncio.parity;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.Awaitable;
import io.jasyncio.CancelledError;
import io.jasyncio.Coro;
import io.jasyncio.Done;
import io.jasyncio.ReturnWhen;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.util.List;

/** Port of shield_wait.py (asyncio.wait is waitFutures). */
abstract class ShieldWait {

  @Async
  static Coro<String> job(Out out, String name, double delay) {
    await(sleep(delay));
    out.print(name + " finished");
    return done(name);
  }

  @Async
  static Coro<String> shielded(Task<String> inner) {
    return done(await(shield(inner)));
  }

  @Async
  static Coro<Void> main(Out out) {
    Task<String> inner = createTask(job(out, "inner", 0.02));
    Task<String> waiter = createTask(shielded(inner));
    await(sleep(0.005));
    waiter.cancel();
    try {
      await(waiter);
    } catch (CancelledError e) {
      out.print("the shield's waiter was cancelled, inner done:", inner.isDone());
    }
    out.print("inner result", await(inner));

    List<Task<String>> tasks =
        List.of(
            createTask(job(out, "x", 0.03)),
            createTask(job(out, "y", 0.01)),
            createTask(job(out, "z", 0.05)));
    Done<Task<String>> first = await(waitFutures(tasks, 0.02));
    out.print("done", first.done().size(), "pending", first.pending().size());
    Done<Task<String>> second = await(waitFutures(tasks, ReturnWhen.FIRST_COMPLETED));
    out.print("first completed round: done", second.done().size(), "pending", second.pending().size());
    await(waitFutures(tasks));
    List<Coro<String>> fresh = List.of(job(out, "p", 0.03), job(out, "q", 0.01), job(out, "r", 0.02));
    for (Awaitable<String> next : asCompleted(fresh)) {
      out.print("as_completed gives", await(next));
    }
    return done();
  }
}
