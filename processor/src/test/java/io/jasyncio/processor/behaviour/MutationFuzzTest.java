package io.jasyncio.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutants of valid {@code @Async} sources ({@link MutationFuzzer}): whatever javac thinks of them,
 * the processor does not fail, javac returns, and nothing is reported inside generated code. CI
 * runs a fixed set; any other with
 *
 * <pre>
 * mvn -B -pl processor -am test -Dtest=MutationFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Djasyncio.fuzz.seed=7 -Djasyncio.fuzz.count=5000
 * </pre>
 */
class MutationFuzzTest {
  private static final long SEED = Long.getLong("jasyncio.fuzz.seed", 20261203L);
  private static final int COUNT = Integer.getInteger("jasyncio.fuzz.count", 200);

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  void mutantsAreReportedOnTheUsersLinesOnly() {
    MutationFuzzer.Report report = MutationFuzzer.run(SEED, 0, COUNT);
    System.out.println("mutation fuzz (JDK " + GrammarPrograms.FEATURE + "): " + report.summary());
    System.out.println("said again in generated code: " + report.echoes);
    assertEquals(0, report.defectCount(), report.summary() + "\n" + String.join("\n\n", report.defects));
    int echoes = report.counts.getOrDefault(MutationFuzzer.Outcome.ERROR_ALSO_IN_GENERATED_CODE, 0);
    assertTrue(
        echoes * 100 <= report.total(),
        "more than 1% of mutants had their error said again in generated code: "
            + report.summary()
            + "\n"
            + String.join("\n\n", report.echoCases));
  }
}
