package io.jasyncio.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.processor.TestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A machine too large for one JVM method is split into a method per state, its long runs of
 * statements cut into more states. That form is checked here on every body of the corpus, split
 * whatever its size ({@code -Ajasyncio.split=always}): same result and trace as plain Java, also
 * cancelled at each await point; and on a method whose machine would not fit otherwise.
 */
class SplitMachinesTest {
  private static TestSupport.Pair compiled;

  static synchronized TestSupport.Pair compiled() {
    if (compiled == null) {
      Map<String, String> bodies = Corpus.load();
      compiled =
          TestSupport.compilePair(
              Corpus.source(true, bodies), Corpus.source(false, bodies), "-Ajasyncio.split=always");
      compiled.names.addAll(bodies.keySet());
    }
    return compiled;
  }

  @TestFactory
  Stream<DynamicTest> everyBodySplitBehavesAsPlainJavaAlsoCancelled() {
    TestSupport.Pair pair = compiled();
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : pair.names) {
      tests.add(
          DynamicTest.dynamicTest(
              name,
              () -> {
                Runs.Outcome plain = Runs.plain(pair.plain, "b_" + name, 0);
                Runs.Outcome async = Runs.async(pair.async, "b_" + name, 0);
                assertEquals(plain.comparable(), async.comparable());
                for (int k = 1; k <= plain.steps(); k++) {
                  assertEquals(
                      Runs.plain(pair.plain, "b_" + name, k).comparable(),
                      Runs.async(pair.async, "b_" + name, k).comparable(),
                      "cancelled at await " + k);
                }
              }));
    }
    return tests.stream();
  }

  @Test
  void aMethodTooLargeForOneJvmMethodAsAMachineIsSplitAndRuns() {
    StringBuilder body = new StringBuilder("int x = p, y = 2, z = 3, w = 4;\nawait(v(0));\n");
    for (int i = 0; i < 2000; i++) {
      body.append("x = x + y * z - w; y = x ^ y; z += x; w = z - ").append(i).append(";\n");
    }
    body.append("await(v(0));\nreturn done(x + y + z + w);\n");
    Map<String, String> bodies = Map.of("huge", body.toString());
    TestSupport.Pair pair = TestSupport.compilePair(Corpus.source(true, bodies), Corpus.source(false, bodies));
    assertEquals(
        Runs.plain(pair.plain, "b_huge", 0).comparable(), Runs.async(pair.async, "b_huge", 0).comparable());
  }
}
