package io.jasyncio.parity;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.CancelledError;
import io.jasyncio.Coro;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.util.List;

/** Port of gather_errors.py (ValueError is IllegalArgumentException). */
abstract class GatherErrors {

  @Async
  static Coro<String> job(Out out, String name, double delay, boolean fail) {
    await(sleep(delay));
    if (fail) {
      out.print(name + " fails");
      throw new IllegalArgumentException(name);
    }
    out.print(name + " ok");
    return done(name);
  }

  @Async
  static Coro<Void> main(Out out) {
    Task<String> a = createTask(job(out, "a", 0.01, false));
    Task<String> b = createTask(job(out, "b", 0.02, true));
    Task<String> c = createTask(job(out, "c", 0.03, false));
    try {
      await(gather(a, b, c));
    } catch (IllegalArgumentException e) {
      out.print("gather raised", e.getMessage());
    }
    out.print("c cancelled?", c.isCancelled(), "done?", c.isDone());
    await(c);
    out.print("c finished:", c.result());

    List<Object> results =
        await(gatherReturnExceptions(job(out, "d", 0.01, true), job(out, "e", 0.02, false)));
    for (Object r : results) {
      if (r instanceof IllegalArgumentException e) {
        out.print("result", "ValueError", e.getMessage());
      } else {
        out.print("result", "str", r);
      }
    }

    Future<List<String>> outer = gather(job(out, "f", 10, false), job(out, "g", 10, false));
    await(sleep(0));
    outer.cancel();
    try {
      await(outer);
    } catch (CancelledError e) {
      out.print("gather cancelled, children cancelled too");
    }
    return done();
  }
}
