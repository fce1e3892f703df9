package io.jasyncio.samples;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import io.jasyncio.Timeout;
import io.jasyncio.TimeoutError;
import io.jasyncio.annotations.Async;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Deadlines around slow work: a {@code timeout} block that gives up, a {@code waitFor} on one
 * operation, and a deadline pushed back each time the work makes progress (a heartbeat), as
 * {@code Timeout.reschedule} allows.
 */
public abstract class SlowWorkTimeout {

  @Async
  static Coro<Integer> slowWork(int steps, double stepSeconds, List<String> log) {
    for (int i = 1; i <= steps; i++) {
      await(sleep(stepSeconds));
      log.add("step " + i);
    }
    return done(steps);
  }

  @Async
  static Coro<List<String>> demo(PrintStream out) {
    List<String> outcomes = new ArrayList<>();

    List<String> log = new ArrayList<>();
    Timeout deadline = timeout(0.25);
    try {
      try (deadline) {
        await(slowWork(10, 0.1, log));
      }
      outcomes.add("finished");
    } catch (TimeoutError e) {
      outcomes.add("gave up after " + log.size() + " steps, expired=" + deadline.expired());
    }

    try {
      await(waitFor(slowWork(5, 0.1, new ArrayList<>()), 0.15));
      outcomes.add("waitFor finished");
    } catch (TimeoutError e) {
      outcomes.add("waitFor timed out");
    }

    log.clear();
    try (Timeout t = timeout(0.15)) {
      for (int i = 0; i < 5; i++) {
        await(slowWork(1, 0.1, log));
        t.reschedule(getRunningLoop().time() + 0.15); // progress: push the deadline back
      }
    }
    outcomes.add("heartbeat kept the deadline alive for " + log.size() + " steps");

    for (String outcome : outcomes) {
      out.println(outcome);
    }
    return done(outcomes);
  }

  public static void main(String[] args) {
    AsyncIO.run(AsyncSlowWorkTimeout.demo(System.out));
  }
}
