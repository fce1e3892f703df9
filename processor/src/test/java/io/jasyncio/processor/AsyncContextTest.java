package io.jasyncio.processor;

import static io.jasyncio.processor.Programs.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@code async with}: a try-with-resources over an {@code AsyncContext} awaits aenter() on entry
 * and aexit(exception or null) on every way out, like {@code __aenter__}/{@code __aexit__}.
 */
class AsyncContextTest {

  private static Object run(String... body) {
    String[] lines = new String[body.length + 6];
    lines[0] = "abstract class Flow {";
    lines[1] = "  @Async Coro<String> go() throws Exception {";
    System.arraycopy(body, 0, lines, 2, body.length);
    lines[body.length + 2] = "  }";
    lines[body.length + 3] = "}";
    lines[body.length + 4] =
        "class Main { static Object run() { Trace.reset(true, 0);"
            + " try { return AsyncIO.run(new AsyncFlow().go()) + \" \" + Trace.events(); }"
            + " catch (Throwable e) { return \"! \" + e.getMessage() + \" \" + Trace.events(); } } }";
    lines[body.length + 5] = "";
    return Programs.run("Flow", source(lines));
  }

  @Test
  void enterAndExitAreAwaitedAroundTheBody() {
    assertEquals(
        "done [enter a, body, exit a -]",
        run(
            "try (Scope a = new Scope(\"a\")) {",
            "  await(sleep(0));",
            "  Trace.log(\"body\");",
            "}",
            "return done(\"done\");"));
  }

  @Test
  void aBodyWithoutAwaitStillAwaitsEnterAndExit() {
    assertEquals(
        "done [enter a, body, exit a -]",
        run(
            "try (Scope a = new Scope(\"a\")) {",
            "  Trace.log(\"body\");",
            "}",
            "return done(\"done\");"));
  }

  @Test
  void theExceptionInFlightIsPassedToExitAndPropagates() {
    assertEquals(
        "! boom [enter a, exit a boom]",
        run(
            "try (Scope a = new Scope(\"a\")) {",
            "  await(sleep(0));",
            "  throw new Boom(\"boom\");",
            "}"));
  }

  @Test
  void exitCanSuppressTheException() {
    assertEquals(
        "after [enter a, exit a boom]",
        run(
            "try (Scope a = new Scope(\"a\", true, null)) {",
            "  if (Trace.events() != null) throw new Boom(\"boom\");",
            "}",
            "return done(\"after\");"));
  }

  @Test
  void exitCanReplaceTheException() {
    assertEquals(
        "! replaced [enter a, exit a boom]",
        run(
            "try (Scope a = new Scope(\"a\", false, new Boom(\"replaced\"))) {",
            "  throw new Boom(\"boom\");",
            "}"));
  }

  @Test
  void severalResourcesEnterInOrderAndExitInReverse() {
    assertEquals(
        "done [enter a, enter b, body, exit b -, exit a -]",
        run(
            "try (Scope a = new Scope(\"a\"); Scope b = new Scope(\"b\")) {",
            "  Trace.log(\"body\");",
            "}",
            "return done(\"done\");"));
  }

  @Test
  void returnAndBreakLeaveThroughExit() {
    assertEquals(
        "1 [enter a, exit a -, enter a, exit a -, enter b, exit b -]",
        run(
            "for (int i = 0; i < 3; i++) {",
            "  try (Scope a = new Scope(\"a\")) {",
            "    if (i == 0) continue;",
            "  }",
            "  try (Scope b = new Scope(\"b\")) {",
            "    if (i == 1) return done(\"\" + i);",
            "  }",
            "}",
            "return done(\"none\");"));
  }

  @Test
  void catchAndFinallyOfTheStatementSeeTheExitsOutcome() {
    assertEquals(
        "caught replaced [enter a, exit a boom, finally]",
        run(
            "try (Scope a = new Scope(\"a\", false, new Boom(\"replaced\"))) {",
            "  await(sleep(0));",
            "  throw new Boom(\"boom\");",
            "} catch (Boom e) {",
            "  return done(\"caught \" + e.getMessage());",
            "} finally {",
            "  Trace.log(\"finally\");",
            "}"));
  }

  @Test
  void timeoutTurnsItsCancellationIntoTimeoutError() {
    assertEquals(
        "timed out true []",
        run(
            "try (Timeout t = timeout(0.01)) {",
            "  await(sleep(10));",
            "  return done(\"slept\");",
            "} catch (TimeoutError e) {",
            "  return done(\"timed out \" + (e.getCause() instanceof CancelledError));",
            "}"));
  }

  @Test
  void aResourceVariableFromBeforeTheStatement() {
    assertEquals(
        "done [enter x, exit x -]",
        run(
            "Scope x = new Scope(\"x\");",
            "try (x) {",
            "  await(sleep(0));",
            "}",
            "return done(\"done\");"));
  }

  @Test
  void aResourceReachedThroughAFieldIsTestedForAsyncContextWhenItRuns() {
    // The processor sees trees before javac types them: a field access has no type it can see.
    assertEquals(
        "done [enter f, body, exit f -, enter f, no await, exit f -, closed plain]",
        Programs.run(
            "Flow",
            source(
                "abstract class Flow {",
                "  final Scope field = new Scope(\"f\");",
                "  final AutoCloseable plain = () -> Trace.log(\"closed plain\");",
                "  @Async Coro<String> go() throws Exception {",
                "    try (this.field) {",
                "      await(sleep(0));",
                "      Trace.log(\"body\");",
                "    }",
                "    try (field) {",
                "      Trace.log(\"no await\");",
                "    }",
                "    try (this.plain) {",
                "      await(sleep(0));",
                "    }",
                "    return done(\"done\");",
                "  }",
                "}",
                "class Main { static Object run() throws Exception { Trace.reset(true, 0);"
                    + " return AsyncIO.run(new AsyncFlow().go()) + \" \" + Trace.events(); } }",
                "")));
  }
}
