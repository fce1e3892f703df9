package io.jasyncio.parity;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.CancelledError;
import io.jasyncio.Coro;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;

/** Port of cancel_finally.py. */
abstract class CancelFinally {

  @Async
  static Coro<Void> child(Out out, String name) {
    try {
      out.print(name + " waiting");
      await(sleep(10));
    } catch (CancelledError e) {
      out.print(name + " cancelled with " + Out.str(e.getMessage()));
      throw e;
    } finally {
      out.print(name + " finally starts");
      await(sleep(0));
      out.print(name + " finally ends");
    }
    return done();
  }

  @Async
  static Coro<String> refuses(Out out) {
    try {
      await(sleep(10));
    } catch (CancelledError e) {
      out.print("refuses: caught, carrying on");
    }
    await(sleep(0));
    return done("refused");
  }

  @Async
  static Coro<Void> main(Out out) {
    Task<Void> t = createTask(child(out, "t"));
    await(sleep(0));
    out.print("cancel returns", t.cancel("stop"));
    out.print("cancelling", t.cancelling());
    try {
      await(t);
    } catch (CancelledError e) {
      out.print("main saw the cancellation; t.cancelled() =", t.isCancelled());
    }
    out.print("cancel a done task:", t.cancel());

    Task<String> r = createTask(refuses(out));
    await(sleep(0));
    r.cancel();
    out.print("refuses result:", await(r), "cancelled:", r.isCancelled(), "cancelling:", r.cancelling());

    Task<Void> early = createTask(child(out, "early"));
    early.cancel();
    try {
      await(early);
    } catch (CancelledError e) {
      out.print("cancelled before it started");
    }
    return done();
  }
}
