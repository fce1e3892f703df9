package io.jasyncio.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.processor.TestSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Randomly generated bodies ({@link RandomBodies}), each run as {@code @Async} and as plain Java:
 * same result and trace. CI runs a fixed set; any other set runs with
 *
 * <pre>
 * mvn -B -pl processor -am test -Dtest=RandomProgramsTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Djasyncio.random.seed=42 -Djasyncio.random.count=10000
 * </pre>
 */
class RandomProgramsTest {
  private static final long SEED = Long.getLong("jasyncio.random.seed", 20261121L);
  private static final int COUNT = Integer.getInteger("jasyncio.random.count", 500);
  private static final int BATCH = 100;

  @Test
  void randomProgramsBehaveAsPlainJava() {
    List<String> mismatches = new ArrayList<>();
    int programs = 0;
    for (int start = 0; start < COUNT; start += BATCH) {
      Map<String, String> bodies = new LinkedHashMap<>();
      for (int i = start; i < Math.min(COUNT, start + BATCH); i++) {
        long seed = SEED * 1_000_003L + i;
        bodies.put("r" + i, new RandomBodies(seed).body());
      }
      TestSupport.Pair pair =
          TestSupport.compilePair(Corpus.source(true, bodies), Corpus.source(false, bodies));
      for (Map.Entry<String, String> body : bodies.entrySet()) {
        programs++;
        String method = "b_" + body.getKey();
        Runs.Outcome plain = Runs.plain(pair.plain, method, 0);
        Runs.Outcome async = Runs.async(pair.async, method, 0);
        if (!plain.comparable().equals(async.comparable()) || async.leftovers() != 0) {
          mismatches.add(
              body.getKey()
                  + " (seed "
                  + SEED
                  + ", program "
                  + body.getKey().substring(1)
                  + ")\n  plain: "
                  + plain.comparable()
                  + "\n  async: "
                  + async.comparable()
                  + " leftovers="
                  + async.leftovers()
                  + "\n"
                  + body.getValue());
          if (mismatches.size() >= 5) {
            break;
          }
        }
      }
      if (mismatches.size() >= 5) {
        break;
      }
    }
    assertTrue(
        mismatches.isEmpty(),
        mismatches.size() + " mismatches in " + programs + " programs:\n" + String.join("\n", mismatches));
  }
}
