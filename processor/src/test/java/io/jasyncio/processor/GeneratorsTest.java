package io.jasyncio.processor;

import static io.jasyncio.processor.Programs.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Async generators and async for-each loops (PEP 525 and {@code async for}), as the processor
 * transforms them: laziness, every way out of the loop, close with awaits in finally, the
 * generator protocol (asend, athrow, aclose) as CPython's test_asyncgen pins it, and the errors of
 * the forms that are refused. Each program logs what happens; the expected log is what Python
 * prints for the same program.
 */
class GeneratorsTest {
  private static final String MAIN = "class Main { static Object run() throws Exception { ";

  /** Runs {@code G.main()} of an abstract class G with the given members and a {@code log}. */
  private static Object run(String... members) {
    String[] lines = new String[members.length + 3];
    lines[0] = "abstract class G {";
    lines[1] = "  final List<String> log = new ArrayList<>();";
    System.arraycopy(members, 0, lines, 2, members.length);
    lines[lines.length - 1] = "}";
    Object result =
        Programs.run(
            "G", source(lines),
            "Main", source(MAIN, "  return AsyncIO.run(new AsyncG() {}.main());", "} }"));
    return result instanceof Throwable t ? "threw " + t : result;
  }

  private static final String COUNT =
      "  @Async AsyncGenerator<Integer> count(int n) {\n"
          + "    log.add(\"start\");\n"
          + "    try {\n"
          + "      for (int i = 0; i < n; i++) { await(sleep(0)); await(emit(i)); }\n"
          + "    } finally {\n"
          + "      await(sleep(0));\n"
          + "      log.add(\"finally\");\n"
          + "    }\n"
          + "    return stopIteration();\n"
          + "  }";

  @Test
  void aForEachLoopSeesEveryEmittedValueInOrder() {
    assertEquals(
        "0123 [start, finally]",
        run(
            COUNT,
            "  @Async Coro<String> main() {",
            "    StringBuilder seen = new StringBuilder();",
            "    for (int x : awaitEach(count(4))) seen.append(x);",
            "    return done(seen + \" \" + log);",
            "  }"));
  }

  @Test
  void nothingOfTheBodyRunsBeforeTheFirstRequest() {
    assertEquals(
        "[made, start] 0",
        run(
            COUNT,
            "  @Async Coro<String> main() {",
            "    AsyncGenerator<Integer> g = count(2);",
            "    await(sleep(0));",
            "    log.add(\"made\");",
            "    Integer first = await(g.anext());",
            "    String seen = log.toString();",
            "    await(g.aclose());",
            "    return done(seen + \" \" + first);",
            "  }"));
  }

  @Test
  void breakClosesTheGeneratorBeforeTheCodeAfterTheLoop() {
    assertEquals(
        "0 [start, finally, after]",
        run(
            COUNT,
            "  @Async Coro<String> main() {",
            "    StringBuilder seen = new StringBuilder();",
            "    for (int x : awaitEach(count(10))) { if (x == 1) break; seen.append(x); }",
            "    log.add(\"after\");",
            "    return done(seen + \" \" + log);",
            "  }"));
  }

  @Test
  void continueGoesOnWithTheSameGenerator() {
    assertEquals(
        "13 [start, finally]",
        run(
            COUNT,
            "  @Async Coro<String> main() {",
            "    StringBuilder seen = new StringBuilder();",
            "    for (var x : awaitEach(count(4))) { if (x % 2 == 0) continue; await(sleep(0)); seen.append(x); }",
            "    return done(seen + \" \" + log);",
            "  }"));
  }

  @Test
  void returnFromTheLoopClosesTheGeneratorAndKeepsTheValue() {
    assertEquals(
        "2 [start, finally]",
        run(
            COUNT,
            "  @Async Coro<String> main() {",
            "    return done(await(find()) + \" \" + log);",
            "  }",
            "  @Async Coro<Integer> find() {",
            "    for (int x : awaitEach(count(10))) { if (x == 2) return done(x); }",
            "    return done(-1);",
            "  }"));
  }

  @Test
  void aLabeledContinueOfAnOuterLoopClosesTheInnerGenerator() {
    assertEquals(
        "a0b0 [start, finally, start, finally]",
        run(
            COUNT,
            "  @Async Coro<String> main() {",
            "    StringBuilder seen = new StringBuilder();",
            "    outer:",
            "    for (String s : List.of(\"a\", \"b\")) {",
            "      for (int x : awaitEach(count(5))) { if (x == 1) continue outer; seen.append(s).append(x); }",
            "    }",
            "    return done(seen + \" \" + log);",
            "  }"));
  }

  @Test
  void anExceptionInTheLoopBodyClosesTheGeneratorAndArrivesUnchanged() {
    assertEquals(
        "same [start, finally]",
        run(
            COUNT,
            "  @Async Coro<String> main() {",
            "    IllegalStateException boom = new IllegalStateException(\"boom\");",
            "    try {",
            "      for (int x : awaitEach(count(10))) { if (x == 1) throw boom; }",
            "    } catch (IllegalStateException e) {",
            "      return done((e == boom && e.getSuppressed().length == 0 ? \"same\" : \"other\") + \" \" + log);",
            "    }",
            "    return done(\"not thrown\");",
            "  }"));
  }

  @Test
  void aFailureOfTheGeneratorReachesTheLoopAndEndsTheGenerator() {
    assertEquals(
        "0 bad [start, finally] true",
        run(
            "  @Async AsyncGenerator<Integer> failing() {",
            "    log.add(\"start\");",
            "    try { await(emit(0)); throw new IllegalArgumentException(\"bad\"); }",
            "    finally { log.add(\"finally\"); }",
            "  }",
            "  @Async Coro<String> main() {",
            "    StringBuilder seen = new StringBuilder();",
            "    AsyncGenerator<Integer> g = failing();",
            "    try {",
            "      for (int x : awaitEach(g)) seen.append(x);",
            "    } catch (IllegalArgumentException e) { seen.append(' ').append(e.getMessage()); }",
            "    return done(seen + \" \" + log + \" \" + g.isClosed());",
            "  }"));
  }

  @Test
  void closingFailureIsSuppressedIntoTheExceptionThatLeftTheLoop() {
    assertEquals(
        "boom suppressed close",
        run(
            "  @Async AsyncGenerator<Integer> badClose() {",
            "    try { await(emit(0)); await(emit(1)); }",
            "    finally { await(sleep(0)); if (log.isEmpty()) throw new IllegalStateException(\"close\"); }",
            "    return stopIteration();",
            "  }",
            "  @Async Coro<String> main() {",
            "    try {",
            "      for (int x : awaitEach(badClose())) throw new IllegalArgumentException(\"boom\");",
            "    } catch (IllegalArgumentException e) {",
            "      return done(e.getMessage() + \" suppressed \" + e.getSuppressed()[0].getMessage());",
            "    }",
            "    return done(\"not thrown\");",
            "  }"));
  }

  @Test
  void cancellingTheConsumerWhileTheGeneratorWaitsRunsItsFinally() {
    assertEquals(
        "cancelled [start, finally, consumer finally]",
        run(
            "  @Async AsyncGenerator<Integer> slow() {",
            "    log.add(\"start\");",
            "    try { await(emit(0)); await(sleep(3600)); await(emit(1)); }",
            "    finally { await(sleep(0)); log.add(\"finally\"); }",
            "    return stopIteration();",
            "  }",
            "  @Async Coro<Void> consume() {",
            "    try { for (int x : awaitEach(slow())) { } }",
            "    finally { log.add(\"consumer finally\"); }",
            "    return done();",
            "  }",
            "  @Async Coro<String> main() {",
            "    Task<Void> t = createTask(consume());",
            "    await(sleep(0)); await(sleep(0));",
            "    t.cancel();",
            "    try { await(t); } catch (CancelledError e) { return done(\"cancelled \" + log); }",
            "    return done(\"not cancelled\");",
            "  }"));
  }

  @Test
  void cancellingTheConsumerWhileItsLoopBodyWaitsClosesTheGenerator() {
    assertEquals(
        "cancelled [start, finally]",
        run(
            COUNT,
            "  @Async Coro<Void> consume() {",
            "    for (int x : awaitEach(count(5))) { await(sleep(3600)); }",
            "    return done();",
            "  }",
            "  @Async Coro<String> main() {",
            "    Task<Void> t = createTask(consume());",
            "    for (int i = 0; i < 5; i++) await(sleep(0));",
            "    t.cancel();",
            "    try { await(t); } catch (CancelledError e) { return done(\"cancelled \" + log); }",
            "    return done(\"not cancelled\");",
            "  }"));
  }

  @Test
  void asendDeliversTheValueAtTheEmit() {
    assertEquals(
        "0 1 [got hello] end",
        run(
            "  @Async AsyncGenerator<Integer> echo() {",
            "    String got = await(emit(0));",
            "    log.add(\"got \" + got);",
            "    await(emit(1));",
            "    return stopIteration();",
            "  }",
            "  @Async Coro<String> main() {",
            "    AsyncGenerator<Integer> g = echo();",
            "    int a = await(g.anext());",
            "    int b = await(g.asend(\"hello\"));",
            "    try { await(g.anext()); } catch (StopAsyncIteration e) { return done(a + \" \" + b + \" \" + log + \" end\"); }",
            "    return done(\"no end\");",
            "  }"));
  }

  @Test
  void asendOfAValueToAGeneratorNotStartedIsRefused() {
    assertEquals(
        "can't send non-None value to a just-started async generator",
        run(
            COUNT,
            "  @Async Coro<String> main() {",
            "    try { await(count(1).asend(\"x\")); } catch (IllegalArgumentException e) { return done(e.getMessage()); }",
            "    return done(\"sent\");",
            "  }"));
  }

  @Test
  void athrowCaughtByTheGeneratorProducesItsNextValue() {
    assertEquals(
        "10 [caught boom] closed",
        run(
            "  @Async AsyncGenerator<Integer> g() {",
            "    try { await(emit(0)); } catch (IllegalStateException e) { log.add(\"caught \" + e.getMessage()); }",
            "    await(emit(10));",
            "    return stopIteration();",
            "  }",
            "  @Async Coro<String> main() {",
            "    AsyncGenerator<Integer> gen = g();",
            "    await(gen.anext());",
            "    int next = await(gen.athrow(new IllegalStateException(\"boom\")));",
            "    await(gen.aclose());",
            "    return done(next + \" \" + log + (gen.isClosed() ? \" closed\" : \" open\"));",
            "  }"));
  }

  @Test
  void athrowNotCaughtEndsTheGeneratorWithThatException() {
    assertEquals(
        "same [finally] true",
        run(
            "  @Async AsyncGenerator<Integer> g() {",
            "    try { await(emit(0)); await(emit(1)); } finally { log.add(\"finally\"); }",
            "    return stopIteration();",
            "  }",
            "  @Async Coro<String> main() {",
            "    AsyncGenerator<Integer> gen = g();",
            "    await(gen.anext());",
            "    IllegalStateException boom = new IllegalStateException();",
            "    try { await(gen.athrow(boom)); } catch (IllegalStateException e) {",
            "      return done((e == boom ? \"same \" : \"other \") + log + \" \" + gen.isClosed());",
            "    }",
            "    return done(\"not thrown\");",
            "  }"));
  }

  @Test
  void athrowOnAGeneratorNotStartedEndsItWithoutRunningTheBody() {
    assertEquals(
        "boom [] true",
        run(
            COUNT,
            "  @Async Coro<String> main() {",
            "    AsyncGenerator<Integer> gen = count(3);",
            "    try { await(gen.athrow(new IllegalStateException(\"boom\"))); }",
            "    catch (IllegalStateException e) { return done(e.getMessage() + \" \" + log + \" \" + gen.isClosed()); }",
            "    return done(\"not thrown\");",
            "  }"));
  }

  @Test
  void requestsToAClosedGeneratorEndOrDoNothingAsInCPython() {
    // CPython 3.13: after aclose, asend and anext raise StopAsyncIteration, athrow returns None.
    assertEquals(
        "stop stop null",
        run(
            COUNT,
            "  @Async Coro<String> main() {",
            "    AsyncGenerator<Integer> g = count(3);",
            "    await(g.anext());",
            "    await(g.aclose());",
            "    String out = \"\";",
            "    try { await(g.asend(null)); } catch (StopAsyncIteration e) { out += \"stop\"; }",
            "    try { await(g.anext()); } catch (StopAsyncIteration e) { out += \" stop\"; }",
            "    return done(out + \" \" + await(g.athrow(new IllegalStateException())));",
            "  }"));
  }

  @Test
  void acloseThrowsGeneratorExitAtTheEmitAndRunsFinallyOnce() {
    assertEquals(
        "[start, exit, finally] true END",
        run(
            "  @Async AsyncGenerator<Integer> g() {",
            "    log.add(\"start\");",
            "    try { await(emit(0)); }",
            "    catch (GeneratorExit e) { log.add(\"exit\"); throw e; }",
            "    finally { await(sleep(0)); log.add(\"finally\"); }",
            "    return stopIteration();",
            "  }",
            "  @Async Coro<String> main() {",
            "    AsyncGenerator<Integer> gen = g();",
            "    await(gen.anext());",
            "    await(gen.aclose());",
            "    await(gen.aclose());",
            "    return done(log + \" \" + gen.isClosed() + \" \" + await(gen.nextOrEnd()));",
            "  }"));
  }

  @Test
  void acloseOfAGeneratorNotStartedNeverRunsTheBody() {
    assertEquals(
        "[] true",
        run(
            COUNT,
            "  @Async Coro<String> main() {",
            "    AsyncGenerator<Integer> gen = count(3);",
            "    await(gen.aclose());",
            "    return done(log + \" \" + (await(gen.nextOrEnd()) == AsyncIterator.END));",
            "  }"));
  }

  @Test
  void aGeneratorThatEmitsWhileClosingMakesAcloseFail() {
    assertEquals(
        "async generator ignored GeneratorExit",
        run(
            "  @Async AsyncGenerator<Integer> stubborn() {",
            "    try { await(emit(0)); } catch (GeneratorExit e) { await(emit(1)); }",
            "    return stopIteration();",
            "  }",
            "  @Async Coro<String> main() {",
            "    AsyncGenerator<Integer> gen = stubborn();",
            "    await(gen.anext());",
            "    try { await(gen.aclose()); } catch (IllegalStateException e) { return done(e.getMessage()); }",
            "    return done(\"closed\");",
            "  }"));
  }

  @Test
  void aStopAsyncIterationEscapingTheBodyBecomesAnIllegalStateException() {
    assertEquals(
        "async generator raised StopAsyncIteration",
        run(
            "  @Async AsyncGenerator<Integer> g() {",
            "    await(emit(0));",
            "    throw new StopAsyncIteration();",
            "  }",
            "  @Async Coro<String> main() {",
            "    try { for (int x : awaitEach(g())) { } } catch (IllegalStateException e) { return done(e.getMessage()); }",
            "    return done(\"ended quietly\");",
            "  }"));
  }

  @Test
  void anextAfterTheEndFailsWithStopAsyncIterationAgainAndAgain() {
    assertEquals(
        "0 stop stop",
        run(
            "  @Async AsyncGenerator<Integer> one() { await(emit(0)); return stopIteration(); }",
            "  @Async Coro<String> main() {",
            "    AsyncGenerator<Integer> g = one();",
            "    String out = \"\" + await(g.anext());",
            "    for (int i = 0; i < 2; i++) {",
            "      try { await(g.anext()); } catch (StopAsyncIteration e) { out += \" stop\"; }",
            "    }",
            "    return done(out);",
            "  }"));
  }

  @Test
  void twoTasksAskingAtOnceGetAlreadyRunning() {
    assertEquals(
        "anext(): asynchronous generator is already running",
        run(
            COUNT,
            "  @Async Coro<Integer> take(AsyncGenerator<Integer> g) { return done(await(g.anext())); }",
            "  @Async Coro<String> main() {",
            "    AsyncGenerator<Integer> g = count(3);",
            "    Task<Integer> first = createTask(take(g));",
            "    Task<Integer> second = createTask(take(g));",
            "    try { await(second); } catch (IllegalStateException e) { await(first); await(g.aclose()); return done(e.getMessage()); }",
            "    return done(\"both ran\");",
            "  }"));
  }

  @Test
  void aGeneratorIsRunningOnlyWhileARequestIsServed() {
    assertEquals(
        "false true false 0",
        run(
            COUNT,
            "  @Async Coro<Integer> take(AsyncGenerator<Integer> g) { return done(await(g.anext())); }",
            "  @Async Coro<String> main() {",
            "    AsyncGenerator<Integer> g = count(3);",
            "    boolean before = g.isRunning();",
            "    Task<Integer> t = createTask(take(g));",
            "    await(sleep(0)); // the task has started the body, which waits in its own sleep(0)",
            "    boolean during = g.isRunning();",
            "    int first = await(t);",
            "    boolean after = g.isRunning();",
            "    await(g.aclose());",
            "    return done(before + \" \" + during + \" \" + after + \" \" + first);",
            "  }"));
  }

  @Test
  void runClosesAGeneratorLeftUnfinishedBeforeTheLoopCloses() {
    Object result =
        Programs.run(
            "G",
            source(
                "abstract class G {",
                "  static final List<String> LOG = new ArrayList<>();",
                "  @Async AsyncGenerator<Integer> g() {",
                "    try { await(emit(0)); await(emit(1)); }",
                "    finally { await(sleep(0)); LOG.add(\"finally\"); }",
                "    return stopIteration();",
                "  }",
                "  @Async Coro<Integer> main() { AsyncGenerator<Integer> gen = g(); KEEP.add(gen); return done(await(gen.anext())); }",
                "  static final List<Object> KEEP = new ArrayList<>();",
                "}"),
            "Main",
            source(
                MAIN,
                "  Object first = AsyncIO.run(new AsyncG() {}.main());",
                "  return first + \" \" + G.LOG + \" \" + ((AsyncGenerator<?>) G.KEEP.get(0)).isClosed();",
                "} }"));
    assertEquals("0 [finally] true", result);
  }

  @Test
  void debugModeReportsAGeneratorLeftUnclosedWhenRunClosesIt() {
    Object result =
        Programs.run(
            "G",
            source(
                "abstract class G {",
                "  static final List<String> REPORTS = new ArrayList<>();",
                "  @Async AsyncGenerator<Integer> g() { await(emit(0)); await(emit(1)); return stopIteration(); }",
                "  @Async Coro<Integer> main() {",
                "    getRunningLoop().setExceptionHandler((loop, context) -> REPORTS.add(String.valueOf(context.get(\"message\"))));",
                "    return done(await(g().anext()));",
                "  }",
                "}"),
            "Main",
            source(
                MAIN,
                "  AsyncIO.run(new AsyncG() {}.main(), true);",
                "  return G.REPORTS.toString();",
                "} }"));
    assertTrue(
        String.valueOf(result).matches(
            "\\[asynchronous generator <async_generator G\\.g at G\\.java:10 suspended> was never"
                + " closed; closing it at shutdown\\]"),
        String.valueOf(result));
  }

  @Test
  void nestedGeneratorsDeeperThanTheInlineBoundStillRun() {
    assertEquals(
        "5050",
        run(
            "  @Async AsyncGenerator<Integer> chain(int depth, int n) {",
            "    if (depth == 0) { for (int i = 1; i <= n; i++) await(emit(i)); return stopIteration(); }",
            "    for (int x : awaitEach(chain(depth - 1, n))) await(emit(x));",
            "    return stopIteration();",
            "  }",
            "  @Async Coro<String> main() {",
            "    int sum = 0;",
            "    for (int x : awaitEach(chain(150, 100))) sum += x;",
            "    return done(\"\" + sum);",
            "  }"));
  }

  @Test
  void theLoopVariableKeptAcrossAnAwaitInTheBody() {
    assertEquals(
        "0,1,2,",
        run(
            COUNT,
            "  @Async Coro<String> main() {",
            "    StringBuilder seen = new StringBuilder();",
            "    for (Integer x : awaitEach(count(3))) { await(sleep(0)); seen.append(x).append(','); }",
            "    return done(seen.toString());",
            "  }"));
  }

  @Test
  void anEmptyGeneratorEndsTheLoopAtOnce() {
    assertEquals(
        "none",
        run(
            "  @Async AsyncGenerator<String> none() { return stopIteration(); }",
            "  @Async Coro<String> main() {",
            "    for (String s : awaitEach(none())) return done(s);",
            "    return done(\"none\");",
            "  }"));
  }

  @Test
  void nullElementsAreElements() {
    assertEquals(
        "[null, x]",
        run(
            "  @Async AsyncGenerator<String> g() { await(emit(null)); await(emit(\"x\")); return stopIteration(); }",
            "  @Async Coro<String> main() {",
            "    List<String> all = new ArrayList<>();",
            "    for (String s : awaitEach(g())) all.add(s);",
            "    return done(all.toString());",
            "  }"));
  }

  // ---------------------------------------------------------------------------------------------
  // Refused forms: one tagged error on the user's line

  private static String errors(String... members) {
    String[] lines = new String[members.length + 2];
    lines[0] = "abstract class G {";
    System.arraycopy(members, 0, lines, 1, members.length);
    lines[lines.length - 1] = "}";
    try (TestCompiler.Result result = Programs.compile("G", source(lines))) {
      assertFalse(result.success, "compiled");
      return String.join("\n", result.errors());
    }
  }

  @Test
  void emitOutsideAGeneratorIsRefused() {
    String errors = errors("  @Async Coro<Void> m() { await(emit(1)); return done(); }");
    assertTrue(errors.contains("[AsyncGeneratorForm] emit(..) in an @Async method that returns"), errors);
  }

  @Test
  void emitNotAwaitedIsRefused() {
    String errors = errors("  @Async AsyncGenerator<Integer> m() { emit(1); return stopIteration(); }");
    assertTrue(errors.contains("[AsyncGeneratorForm] emit(..) that is not awaited"), errors);
  }

  @Test
  void aGeneratorReturningAValueIsRefused() {
    String errors = errors("  @Async AsyncGenerator<Integer> m() { await(emit(1)); return null; }");
    assertTrue(errors.contains("[AsyncGeneratorForm] a generator body returns no value"), errors);
  }

  @Test
  void awaitEachOutsideAForEachLoopIsRefused() {
    String errors =
        errors(
            "  @Async AsyncGenerator<Integer> g() { return stopIteration(); }",
            "  @Async Coro<Void> m() { Iterable<Integer> it = awaitEach(g()); return done(); }");
    assertTrue(errors.contains("[AsyncForEachForm] awaitEach(..) is only the iterable"), errors);
  }

  @Test
  void anAsyncLoopInALambdaIsRefused() {
    String errors =
        errors(
            "  @Async AsyncGenerator<Integer> g() { return stopIteration(); }",
            "  @Async Coro<Void> m() { Runnable r = () -> { for (int x : awaitEach(g())) { } }; return done(); }");
    assertTrue(errors.contains("[AsyncAwaitInLambda] a for (.. : awaitEach(..)) loop inside a lambda"), errors);
  }
}
