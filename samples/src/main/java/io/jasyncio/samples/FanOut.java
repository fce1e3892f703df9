package io.jasyncio.samples;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.AsyncIO;
import io.jasyncio.CancelledError;
import io.jasyncio.Coro;
import io.jasyncio.TaskGroup;
import io.jasyncio.TaskGroupException;
import io.jasyncio.annotations.Async;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Structured fan-out: a request asks four backends at once inside a {@link TaskGroup}. One of them
 * fails; the group cancels the others (they log it and clean up), waits for them, and reports the
 * failure as a {@link TaskGroupException}. Nothing is left running once the block is left.
 */
public abstract class FanOut {

  @Async
  static Coro<String> backend(String name, double seconds, boolean fails, List<String> log) {
    try {
      await(sleep(seconds));
      if (fails) {
        log.add(name + " failed");
        throw new IllegalStateException(name + " is down");
      }
      log.add(name + " answered");
      return done(name + ": ok");
    } catch (CancelledError e) {
      log.add(name + " cancelled");
      throw e;
    } finally {
      await(sleep(0)); // cleanup may await, even when cancelled
      log.add(name + " closed its connection");
    }
  }

  @Async
  static Coro<List<String>> request(PrintStream out) {
    List<String> log = new ArrayList<>();
    try {
      try (TaskGroup group = new TaskGroup()) {
        group.createTask(backend("users", 0.05, false, log));
        group.createTask(backend("orders", 0.10, true, log));
        group.createTask(backend("stock", 0.30, false, log));
        group.createTask(backend("prices", 0.40, false, log));
      }
    } catch (TaskGroupException e) {
      out.println(e.getMessage());
      for (Throwable failure : e.exceptions()) {
        out.println("  " + failure);
      }
    }
    for (String line : log) {
      out.println(line);
    }
    out.println("tasks still pending: " + (allTasks().size() - 1));
    return done(log);
  }

  public static void main(String[] args) {
    AsyncIO.run(AsyncFanOut.request(System.out));
  }
}
