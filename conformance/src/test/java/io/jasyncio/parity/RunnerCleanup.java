package io.jasyncio.parity;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;

/** Port of runner_cleanup.py; it prints after AsyncIO.run returns, so it runs itself. */
abstract class RunnerCleanup {

  @Async
  static Coro<Void> leftover(Out out, String name) {
    try {
      out.print(name, "started");
      await(sleep(10));
    } finally {
      out.print(name, "cleanup starts");
      await(sleep(0));
      out.print(name, "cleanup ends");
    }
    return done();
  }

  @Async
  static Coro<Integer> main(Out out) {
    createTask(leftover(out, "a"));
    createTask(leftover(out, "b"));
    await(sleep(0));
    out.print("main returns");
    return done(42);
  }

  static void run(Out out) {
    out.print("result", AsyncIO.run(AsyncRunnerCleanup.main(out)));
  }
}
