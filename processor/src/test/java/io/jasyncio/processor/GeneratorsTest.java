package io.jasyncio.processor;

import static io.jasyncio.processor.Programs.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Async generators and async for-each loops (PEP 525 and {@code async for}), as the processor
 * transforms them: laziness, every way out of the loop, close with awaits in finally, the
 * generator protocol (asend, athrow, aclose), and the errors of the forms that are refused.
 */
class GeneratorsTest {
  private static final String MAIN = "class Main { static Object run() throws Exception { ";

  private static Object run(String... body) {
    String[] lines = new String[body.length + 2];
    lines[0] = "abstract class G {";
    System.arraycopy(body, 0, lines, 1, body.length);
    lines[lines.length - 1] = "}";
    return Programs.run(
        "G", source(lines),
        "Main", source(MAIN, "  return AsyncIO.run(new AsyncG() {}.main());", "} }"));
  }

  @Test
  void aForEachLoopSeesEveryEmittedValueInOrder() {
    Object result =
        run(
            "  @Async AsyncGenerator<Integer> count(int n) {",
            "    for (int i = 0; i < n; i++) { await(sleep(0)); await(emit(i)); }",
            "    return stopIteration();",
            "  }",
            "  @Async Coro<String> main() {",
            "    StringBuilder seen = new StringBuilder();",
            "    for (int x : awaitEach(count(4))) seen.append(x);",
            "    return done(seen.toString());",
            "  }");
    assertEquals("0123", result);
  }
}
