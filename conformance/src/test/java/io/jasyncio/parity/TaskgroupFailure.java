package io.jasyncio.parity;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.CancelledError;
import io.jasyncio.Coro;
import io.jasyncio.Task;
import io.jasyncio.TaskGroup;
import io.jasyncio.TaskGroupException;
import io.jasyncio.annotations.Async;
import java.util.List;
import java.util.stream.Collectors;

/** Port of taskgroup_failure.py (RuntimeError is IllegalStateException; except* is exceptionsOf). */
abstract class TaskgroupFailure {

  @Async
  static Coro<String> sleeper(Out out, String name, double delay) {
    try {
      await(sleep(delay));
      out.print(name + " finished");
      return done(name);
    } catch (CancelledError e) {
      out.print(name + " cancelled");
      throw e;
    }
  }

  @Async
  static Coro<String> failer(Out out, String name, double delay) {
    await(sleep(delay));
    out.print(name + " raises");
    throw new IllegalStateException(name);
  }

  @Async
  static Coro<Void> main(Out out) {
    Task<String> a;
    Task<String> b;
    try (TaskGroup tg = new TaskGroup()) {
      a = tg.createTask(sleeper(out, "a", 0.01));
      b = tg.createTask(sleeper(out, "b", 0.02));
      out.print("body done");
    }
    out.print("results", a.result(), b.result());
    try {
      try (TaskGroup tg = new TaskGroup()) {
        tg.createTask(sleeper(out, "slow", 1));
        tg.createTask(failer(out, "boom", 0.01));
        try {
          await(sleep(1));
        } catch (CancelledError e) {
          out.print("body cancelled by the group");
          throw e;
        }
      }
    } catch (TaskGroupException eg) {
      List<IllegalStateException> errors = eg.exceptionsOf(IllegalStateException.class);
      out.print(
          "group failed:",
          errors.size(),
          "error(s):",
          errors.stream().map(Throwable::getMessage).collect(Collectors.joining(", ")));
    }
    out.print("still running, cancelling =", currentTask().cancelling());
    await(sleep(0));
    out.print("end");
    return done();
  }
}
