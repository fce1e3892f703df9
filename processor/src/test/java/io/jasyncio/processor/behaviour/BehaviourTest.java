package io.jasyncio.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.processor.TestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every body of the corpus, run as an {@code @Async} method on the loop and as plain sequential
 * Java: same result (or exception), same trace of side effects. Then the same body cancelled at
 * each of its await points in turn: the outcome matches plain Java with a CancelledError thrown
 * at that point, finally blocks included, and nothing is left scheduled on the loop.
 */
class BehaviourTest {
  private static TestSupport.Pair compiled;

  static synchronized TestSupport.Pair compiled() {
    if (compiled == null) {
      Map<String, String> bodies = Corpus.load();
      compiled = TestSupport.compilePair(Corpus.source(true, bodies), Corpus.source(false, bodies));
      compiled.names.addAll(bodies.keySet());
    }
    return compiled;
  }

  @TestFactory
  Stream<DynamicTest> eachBodyBehavesAsPlainJava() {
    TestSupport.Pair pair = compiled();
    return pair.names.stream()
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      Runs.Outcome plain = Runs.plain(pair.plain, "b_" + name, 0);
                      Runs.Outcome async = Runs.async(pair.async, "b_" + name, 0);
                      assertEquals(plain.comparable(), async.comparable());
                      assertEquals(0, async.leftovers(), "left on the loop");
                    }));
  }

  @TestFactory
  Stream<DynamicTest> cancellingAtEachAwaitPointBehavesAsAThrowThere() {
    TestSupport.Pair pair = compiled();
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : pair.names) {
      tests.add(
          DynamicTest.dynamicTest(
              name,
              () -> {
                int steps = Runs.plain(pair.plain, "b_" + name, 0).steps();
                for (int k = 1; k <= steps; k++) {
                  Runs.Outcome plain = Runs.plain(pair.plain, "b_" + name, k);
                  Runs.Outcome async = Runs.async(pair.async, "b_" + name, k);
                  assertEquals(plain.comparable(), async.comparable(), "cancelled at await " + k);
                  assertEquals(0, async.leftovers(), "left on the loop after cancel at " + k);
                }
                assertTrue(steps >= 0);
              }));
    }
    return tests.stream();
  }
}
