package io.jasyncio.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs each ported scenario and compares what it prints with what CPython printed for the original
 * (see {@code src/test/resources/cpython/README.md}), line by line.
 */
@Timeout(20)
class CpythonParityTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "task_ordering",
        "cancel_finally",
        "gather_errors",
        "lock_fairness",
        "condition_pipeline",
        "semaphore_limit",
        "event_barrier",
        "queue_workers",
        "taskgroup_failure",
        "timeout_nested",
        "shield_wait",
        "callback_order",
        "runner_cleanup",
        "stream_echo",
      })
  void printsWhatCpythonPrints(String scenario) throws Exception {
    List<String> expected = expectedOutput(scenario);
    Out out = new Out();
    Class<?> port = Class.forName("io.jasyncio.parity." + portName(scenario));
    Method ownRun = findRun(port);
    if (ownRun != null) {
      ownRun.invoke(null, out); // a port that prints around AsyncIO.run itself
    } else {
      Class<?> generated = Class.forName("io.jasyncio.parity.Async" + portName(scenario));
      Method main = generated.getDeclaredMethod("main", Out.class);
      main.setAccessible(true);
      AsyncIO.runWithVirtualTime((Coro<?>) main.invoke(null, out));
    }
    assertEquals(String.join("\n", expected), String.join("\n", out.lines()));
  }

  private static Method findRun(Class<?> port) {
    try {
      Method run = port.getDeclaredMethod("run", Out.class);
      run.setAccessible(true);
      return run;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /** task_ordering -> TaskOrdering */
  private static String portName(String scenario) {
    StringBuilder name = new StringBuilder();
    for (String word : scenario.split("_")) {
      name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return name.toString();
  }

  private static List<String> expectedOutput(String scenario) throws IOException {
    try (InputStream in =
        CpythonParityTest.class.getResourceAsStream("/cpython/" + scenario + ".out")) {
      assertNotNull(in, "no recorded CPython output for " + scenario);
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Arrays.asList(text.stripTrailing().split("\n"));
    }
  }
}
