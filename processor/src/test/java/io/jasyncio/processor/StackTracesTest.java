package io.jasyncio.processor;

import static io.jasyncio.processor.Programs.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An exception's stack trace names the user's methods at the lines plain Java gives: each frame of
 * an {@code @Async} method at the statement it was running, never a line of the generated file,
 * never a frame of the runtime's own steps. Each of these was wrong until the grammar generator
 * compared traces with plain Java's.
 */
class StackTracesTest {

  private static final String MAIN =
      "class Main { static Object run() throws Exception { try { AsyncIO.run(AsyncT.m(0)); return"
          + " null; } catch (Exception e) { return e; } } }";

  /** The frames of classes of package t other than the generated ones, as Class.method:line. */
  private static List<String> frames(String... body) {
    return frames(new String[0], body);
  }

  /** As {@link #frames(String...)}, compiled with the processor {@code options}. */
  private static List<String> frames(String[] options, String... body) {
    List<String> lines = new ArrayList<>();
    lines.add("abstract class T {"); // line 8
    lines.add("  static void log(Object o) {}"); // 9
    lines.add("  interface Op { int apply(int a); }"); // 10
    lines.addAll(List.of(body)); // from line 11
    lines.add("}");
    lines.add(MAIN);
    Object result;
    try (TestCompiler.Result compiled =
        TestCompiler.compile(
            java.util.Map.of("t.T", source(lines.toArray(new String[0]))), options)) {
      assertTrue(compiled.success, compiled.errorsWithContext());
      java.lang.reflect.Method run = compiled.load("t.Main").getDeclaredMethod("run");
      run.setAccessible(true);
      result = run.invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    Exception error = assertInstanceOf(Exception.class, result);
    List<String> frames = new ArrayList<>();
    for (StackTraceElement element : error.getStackTrace()) {
      String type = element.getClassName();
      if (type.startsWith("t.") && !type.startsWith("t.Async") && !type.startsWith("t.Main")) {
        frames.add(type.substring(2) + "." + element.getMethodName() + ":" + element.getLineNumber());
      }
    }
    return frames;
  }

  @Test
  void aSwitchOnNullIsReportedAtTheSwitch() {
    assertEquals(
        List.of("T.m:14"),
        frames(
            "  @Async static Coro<Integer> m(int p) {", // 11
            "    await(sleep(0));", // 12
            "    log(\"before\");", // 13
            "    switch ((Integer) null) {", // 14
            "      case 1 -> { await(sleep(0)); log(\"a\"); }",
            "      default -> log(\"b\");",
            "    }",
            "    return done(1);",
            "  }"));
  }

  @Test
  void aThrowInTheBodyOfAnAsyncForEachLoopIsReportedAtTheThrow() {
    assertEquals(
        List.of("T.m:19"),
        frames(
            "  @Async static AsyncGenerator<Integer> gen(int n) {", // 11
            "    await(emit(n + 1));", // 12
            "    return stopIteration();", // 13
            "  }", // 14
            "  @Async static Coro<Integer> m(int p) {", // 15
            "    await(sleep(0));", // 16
            "    for (var e : awaitEach(gen(p))) {", // 17
            "      log(e);", // 18
            "      if (e > 0) throw new IllegalStateException(\"t3\");", // 19
            "    }",
            "    return done(1);",
            "  }"));
  }

  @Test
  void theSourceOfAnAsyncForEachLoopFailsAtTheLoop() {
    assertEquals(
        List.of("T.m:18"),
        frames(
            "  @Async static AsyncGenerator<Integer> gen(int n) {", // 11
            "    await(emit(n));", // 12
            "    return stopIteration();", // 13
            "  }", // 14
            "  @Async static Coro<Integer> m(int p) {", // 15
            "    int[] none = {};", // 16
            "    await(sleep(0));", // 17
            "    for (var e : awaitEach(gen(none[p]))) {", // 18
            "      log(e);",
            "    }",
            "    return done(1);",
            "  }"));
  }

  @Test
  void aThrowInASwitchSelectorWrittenOverSeveralLinesIsReportedAtItsOwnLine() {
    // Grammar seed 413, program 219817 of the long run (JDK 17): a switch expression as the
    // selector of a lowered switch, over three lines by a text block, threw from its last line;
    // the trace said its first.
    assertEquals(
        List.of("T.m:15"),
        frames(
            "  @Async static Coro<Integer> m(int p) {", // 11
            "    await(sleep(0));", // 12
            "    switch (switch (p) { case 1 -> \"\"\"", // 13
            "        text", // 14
            "        \"\"\"; default -> throw new IllegalStateException(); }) {", // 15
            "      default -> await(sleep(0));", // 16
            "    }",
            "    return done(1);",
            "  }"));
  }

  @Test
  void aResourceThatFailsToOpenIsReportedAtItsOwnLineAfterALoopThatAwaits() {
    // Grammar seed 411, program 223065 of the long run (JDK 25): in the loop written twice, the
    // states after the loop are copied without their case's line comment, and the resource's
    // creation there was reported at the loop's line. This smaller program is reported right
    // through its state's line either way; it guards the place, the program pinned the defect.
    assertEquals(
        List.of("T$Res.<init>:11", "T.m:17"),
        frames(
            "  static final class Res implements AutoCloseable { Res() { throw new IllegalStateException(); } public void close() {} }",
            "  @Async static Coro<Integer> m(int p) {", // 12
            "    int d = 0;", // 13
            "    do {", // 14
            "      Long v = Long.valueOf(await(sleep(0, 1L)));", // 15
            "    } while (++d < 1);", // 16
            "    try (Res r = new Res()) {", // 17
            "      if (p > 5) { await(sleep(0)); }", // 18
            "    } finally {",
            "      log(\"finally\");",
            "    }",
            "    return done(1);",
            "  }"));
  }

  @Test
  void anExceptionAnAwaitReceivesIsReportedAtTheAwaitAfterTheFinallyAwaits() {
    assertEquals(
        List.of("T.fail:11", "T.m:14"),
        frames(
            "  @Async static Coro<Integer> fail() { await(sleep(0)); throw new IllegalStateException(); }",
            "  @Async static Coro<Integer> m(int p) {", // 12
            "    try {", // 13
            "      return done(await(fail()));", // 14
            "    } finally {", // 15
            "      await(sleep(0));", // 16
            "      log(\"finally\");",
            "    }",
            "  }"));
  }

  @Test
  void aResourceThatFailsToCloseIsReportedAtTheEndOfTheTryBlock() {
    assertEquals(
        List.of("T$Res.close:11", "T.m:16"),
        frames(
            "  static final class Res implements AutoCloseable { public void close() { throw new IllegalStateException(); } }",
            "  @Async static Coro<Integer> m(int p) {", // 12
            "    try (Res r = new Res()) {", // 13
            "      await(sleep(0));", // 14
            "      log(r);", // 15
            "    }", // 16
            "    return done(1);",
            "  }"));
  }

  @Test
  void aMethodOfAnAnonymousClassIsReportedAtItsOwnLine() {
    assertEquals(
        List.of("T$1.apply:16", "T.m:19"),
        frames(
            "  @Async static Coro<Integer> m(int p) {", // 11
            "    int[] none = {};", // 12
            "    await(sleep(0));", // 13
            "    Op op = new Op() {", // 14
            "      int calls;", // 15
            "      @Override public int apply(int a) { calls++; return none[a]; }", // 16
            "    };", // 17
            "    await(sleep(0));", // 18
            "    log(op.apply(1));", // 19
            "    return done(1);",
            "  }"));
  }

  @Test
  void aGeneratorThatFailsWhenClosedShowsItsFrameOnceAndNoStepOfTheRuntime() {
    List<String> frames =
        frames(
            "  @Async static AsyncGenerator<Integer> gen(int n) {", // 11
            "    try {", // 12
            "      await(emit(n));", // 13
            "      await(emit(n + 1));", // 14
            "    } finally {", // 15
            "      await(sleep(0));", // 16
            "      if (n >= 0) throw new IllegalStateException();", // 17
            "    }",
            "    return stopIteration();",
            "  }",
            "  @Async static Coro<Integer> m(int p) {", // 21
            "    await(sleep(0));", // 22
            "    for (var e : awaitEach(gen(p))) {", // 23
            "      break;",
            "    }",
            "    return done(1);",
            "  }");
    assertEquals(List.of("T.gen:17", "T.m:23"), frames);
  }

  @Test
  void aLargeMachineSplitIntoAMethodPerStateShowsItsFrameOnceAtTheThrow() {
    // Found by the grammar generator on JDK 25, in a body large enough to be split: the frame
    // was put at the line of its state, the method of a state not being recognized as its code.
    assertEquals(
        List.of("T.m:16"),
        frames(
            new String[] {"-Ajasyncio.split=always"},
            "  @Async static Coro<Integer> m(int p) {", // 11
            "    try {", // 12
            "      await(sleep(0));", // 13
            "    } finally {", // 14
            "      log(\"finally\");", // 15
            "      if (p == 0) throw new IllegalStateException();", // 16
            "    }",
            "    return done(1);",
            "  }"));
  }

  @Test
  void aConditionWrittenOverSeveralLinesFailsAtItsOwnLine() {
    // Found by the grammar generator (seed 267): a condition that spans lines (here a text
    // block) was reported at its first line; javac reports the unboxing of null on the third.
    assertEquals(
        List.of("T.m:16"),
        frames(
            "  @Async static Coro<Integer> m(int p) {", // 11
            "    await(sleep(0));", // 12
            "    if ((p > 0 ? \"\"\"", // 13
            "        text", // 14
            "        \"\"\".isEmpty()", // 15
            "        : ((Boolean) null))) {", // 16
            "      await(sleep(0));",
            "    }",
            "    return done(1);",
            "  }"));
  }

  @Test
  void aCallOnALaterLineOfAStatementThatAwaitsFailsAtItsOwnLine() {
    // javac gives each call its own line: a chain over several lines that fails in its last call
    // is reported there, also when the chain starts with an await.
    assertEquals(
        List.of("T.m:14"),
        frames(
            "  @Async static Coro<Integer> m(int p) {", // 11
            "    String s = await(v(\"abc\"))", // 12
            "        .trim()", // 13
            "        .substring(5);", // 14
            "    return done(s.length());",
            "  }"));
  }

  @Test
  void anUnboxingOnTheLastLineOfAStatementAfterATextBlockFailsAtThatLine() {
    // Grammar seed 413, program 298517 of the long run (JDK 17): the condition of a conditional
    // whose arms await was taken out of the statement, and the text left was written on one line,
    // the statement's first: the unboxing of null in the last line's call was reported there.
    assertEquals(
        List.of("T.m:14"),
        frames(
            "  @Async static Coro<Integer> m(int p) {", // 11
            "    log((\"\"\"", // 12
            "        tb", // 13
            "        \"\"\".equals(\"x\") ? ((Float) await(v(1.5f))) : mix(await(v((Integer) null)), 1)));", // 14
            "    return done(1);",
            "  }",
            "  static int mix(int a, int b) { return a + b; }"));
  }

  /**
   * Statements over several lines, as people write long ones, that fail on a later line: each
   * line is its own in the trace, as javac marks each call's line. The grammar generator found
   * each once it began to break statements over lines.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        // the value of return done(..) on the line after the return
        "    return|        done(mix(p,|        (Integer) null));",
        // a local's initializer on the line after its name, after an await
        "    int v =|        mix(await(v(p)),|        (Integer) null);|    return done(v);",
        // the awaited call's arguments over two lines
        "    int v = await(v(mix(p,|        (Integer) null)));|    return done(v);",
        // an await statement over two lines
        "    await(v(mix(p,|        (Integer) null)));|    return done(1);",
        // a declaration's type on the line before its name, a value spilled before an await
        "    int|        v = mix((Integer) null, await(v(p)));|    return done(v);",
        // an array initializer's element on the line after new, evaluated before an await in it
        "    int[] v;|    v = new|        int[] {(Integer) null, await(v(p))};|    return done(v[0]);",
        // an argument on the line after its call's start, evaluated before an await after it
        "    int v = mix(mix(p,|        (Integer) null), await(v(p)));|    return done(v);",
        // a compound assignment whose right side goes on to a line that fails after the await
        "    int v = p;|    v /= (await(v(p))|        / mix(0, (Integer) null));|    return done(v);",
        // the left operand of a numeric + over two lines, kept (and promoted) before the await
        "    int v = mix(p,|        (Integer) null) + await(v(p));|    return done(v);",
        // the left operand of a string + over two lines, converted before the await
        "    String s = \"at \" + mix(p,|        (Integer) null) + await(v(p));|    return done(s.length());",
        // the left operand of == over two lines, kept before the await
        "    boolean b = mix(p,|        (Integer) null) == await(v(p));|    return done(b ? 1 : 0);",
        // a conditional that awaits in an arm, its condition on the line after the return
        "    return|        done(((Boolean) null) ? 1 : await(v(p)));",
        // the same in a declaration, the condition on the line after the name
        "    int v =|        ((Boolean) null) ? 1 : await(v(p));|    return done(v);",
        // an argument javac unboxes, a conditional with a constant condition over two lines,
        // kept before an await: javac unboxes the arm it keeps, at that arm's line (seed 511,
        // program 905)
        "    int v = mix((false ? // c|        Integer.valueOf(8) : (Integer) null), await(v(p)));|    return done(v);",
        // the left operand of && that awaits on its right, on the line after the return
        "    return|        done(((Boolean) null) && await(v(true)) ? 1 : 0);",
      })
  void aStatementOverSeveralLinesFailsAtTheLineOfTheFailingCall(String lines) {
    String[] body = lines.split("\\|");
    List<String> all = new ArrayList<>();
    all.add("  @Async static Coro<Integer> m(int p) {"); // 11
    all.add("    await(sleep(0));"); // 12
    all.addAll(List.of(body)); // from 13
    if (!lines.contains("return")) {
      all.add("    return done(1);");
    }
    all.add("  }");
    all.add("  static int mix(int a, int b) { return a + b; }");
    // javac marks the unboxing of (Integer) null, a call of intValue(), at the cast's line
    int failing = 13 + java.util.Arrays.asList(body).indexOf(
        java.util.Arrays.stream(body).filter(line -> line.contains(") null")).findFirst().get());
    assertEquals(List.of("T.m:" + failing), frames(all.toArray(new String[0])));
  }

  /**
   * A conditional whose condition javac takes for a constant (a constant expression, or one its
   * lowering reduces to a constant) is its chosen arm alone: no line is marked for that arm, and
   * what fails in it is reported where javac marked last, the statement's line; other conditions
   * mark the arm's line (the grammar generator's {@code (true ? false : fz) ? await(..) : n},
   * seed 489, program 960). Each expected line is javac's, checked on plain Java.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "(true ? false : p < 0)|14",
        "DEBUG|14",
        "off|14",
        "(int) (7) == 2|14",
        "!(true ? true : p < 0)|14",
        "false && p < 0|14",
        "(short) 70000 != 4464|14",
        "!(1L << 40 > 0)|14",
        "'a' + 1 == 'c'|14",
        "-(byte) 200 < 0|14",
        "p < 0|15",
        "true && p < 0|15",
        "(true ? p < 0 : false)|15",
        "flag|15",
        "(true ? on : false)|15",
      })
  void aConditionJavacTakesForAConstantMarksNoLineForTheChosenArm(String condition, int line) {
    assertEquals(
        List.of("T.m:" + line),
        frames(
            "  @Async static Coro<Integer> m(int p) {", // 11
            "    await(sleep(0));", // 12
            "    final boolean off = false; boolean on = false; long v = 5;", // 13
            "    v %= (" + condition + " ?", // 14
            "        await(v(2L)) : ZERO);", // 15: the remainder of 5 by zero
            "    return done((int) v);",
            "  }",
            "  static final boolean DEBUG = false;",
            "  static boolean flag;",
            "  static int ZERO = 0;"));
  }

  @Test
  void aConditionalWhoseConstantConditionDropsTheArmThatAwaitsNeverRunsIt() {
    // the arm's await is not run (its coroutine is not even made), and the value has the
    // conditional's type: await(..) is a generic call, so javac takes this for a reference
    // conditional (JLS 15.25) and boxes the int arm as an Integer
    assertEquals(
        List.of("T.m:15"),
        frames(
            "  @Async static Coro<Integer> m(int p) {", // 11
            "    await(sleep(0));", // 12
            "    Object v = (DEBUG ? await(boom()) : ZERO);", // 13
            "    log(v);",
            "    if (v instanceof Integer) throw new IllegalStateException();", // 15
            "    throw new IllegalArgumentException(String.valueOf(v.getClass()));",
            "  }",
            "  static final boolean DEBUG = false;",
            "  static int ZERO = 0;",
            "  @Async static Coro<Long> boom() { throw new AssertionError(\"run\"); }"));
  }

  @Test
  void aDeclarationWhoseTypeIsOnTheLineBeforeItsNameFailsAtTheName() {
    // javac marks a declaration at its name: with no call in the initializer, a failure in it
    // (an index into null) is reported at the name's line, not the type's (the bounded grammar
    // run of split machines, once statements were broken over lines).
    assertEquals(
        List.of("T.m:15"),
        frames(
            "  @Async static Coro<Integer> m(int p) {", // 11
            "    int[] none = p > 5 ? new int[1] : null;", // 12
            "    await(sleep(0));", // 13
            "    int", // 14
            "        v", // 15
            "        = none[0];", // 16
            "    await(sleep(0));",
            "    return done(v);",
            "  }"));
  }

  @Test
  void aCStyleArrayDeclarationOverTwoLinesFailsAtItsFirst() {
    // int v[] = {..}: the type's end is after the name; the name was looked for after it, and
    // found in a later method (grammar seed 457, program 1525, JDK 25: a line of another body).
    assertEquals(
        List.of("T.m:13"),
        frames(
            "  @Async static Coro<Integer> m(int p) {", // 11
            "    await(sleep(0));", // 12
            "    int v[] = {List.of(1).get(p + 3),", // 13
            "        p};", // 14
            "    await(sleep(0));",
            "    return done(v[0]);",
            "  }",
            "  @Async static Coro<Integer> n(int p) {",
            "    short v = 1;",
            "    return done((int) v);",
            "  }"));
  }

  @Test
  void anAwaitOnTheLineAfterItsStatementsStartFailsInItsArgumentAtTheStart() {
    // javac evaluates a call's arguments before it marks the call's line: a field read in an
    // await's argument on the line after "cell =" fails at "cell =" (grammar seed 463, program
    // 1921, JDK 17).
    assertEquals(
        List.of("T.m:15"),
        frames(
            "  static final class Cell { Cell next; }",  // 11
            "  @Async static Coro<Integer> m(int p) {", // 12
            "    Cell cell = null;", // 13
            "    await(sleep(0));", // 14
            "    cell =", // 15
            "        await(v(cell.next));", // 16
            "    return done(1);",
            "  }"));
  }

  @Test
  void aCompoundDivisionOfAnElementThatFailsAfterACallOnItsSecondLineFailsThere() {
    // The division of /= runs after the call on the second line, whose line javac marked last
    // (grammar seed 465, program 1801, JDK 25: cell.v /= (await(..)\n / pt.y()) by zero).
    assertEquals(
        List.of("T.m:14"),
        frames(
            "  @Async static Coro<Integer> m(int p) {", // 11
            "    int[] a = {p};", // 12
            "    a[0] /= (await(v(p))", // 13
            "        / Math.max(p, 5));", // 14
            "    return done(a[0]);",
            "  }"));
  }

  @Test
  void aSwitchWhoseSelectorIsOnTheLineAfterTheKeywordFailsAtTheSelector() {
    // switch (a line break) (cell.b): the unboxing of null is javac's call on the selector's line
    // (grammar seed 475, programs 370, 1078, 1085, JDK 17, once headers were broken too).
    assertEquals(
        List.of("T.m:14"),
        frames(
            "  @Async static Coro<Integer> m(int p) {", // 11
            "    Integer boxed = p > 5 ? 1 : null;", // 12
            "    switch", // 13
            "        (boxed) {", // 14
            "      case 1 -> await(sleep(0));", // 15
            "      default -> await(sleep(0));",
            "    }",
            "    return done(1);",
            "  }"));
  }

  @Test
  void aResourceWhoseNameIsOnTheLineAfterItsTypeFailsAtTheName() {
    // try (Res (a line break) r = new Res()): javac marks the resource at its name (the bounded
    // grammar run, once statements were broken over lines and headers too).
    assertEquals(
        List.of("T$Res.<init>:11", "T.m:15"),
        frames(
            "  static final class Res implements AutoCloseable { Res() { throw new IllegalStateException(); } public void close() {} }",
            "  @Async static Coro<Integer> m(int p) {", // 12
            "    await(sleep(0));", // 13
            "    try (Res", // 14
            "        r = new Res()) {", // 15
            "      await(sleep(0));",
            "    }",
            "    return done(1);",
            "  }"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"var", "int", "final int"})
  void aDeclarationWhoseNameIsFollowedByACommentIsMarkedAtTheName(String type) {
    // javac marks the declaration at its name, where the index out of bounds fails: the name was
    // not found past a comment (grammar seed 487, program 4012: var (a line break) v18 /* c */ =)
    assertEquals(
        List.of("T.m:14"),
        frames(
            "  @Async static Coro<Integer> m(int p) {", // 11
            "    await(sleep(0));", // 12
            "    " + type, // 13
            "        v /* c */ = await(v(ARR[p + 3]));", // 14
            "    return done(v);",
            "  }",
            "  static final int[] ARR = new int[2];"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "p >= 0 && "})
  void anIfWhoseConditionIsOnTheLineAfterTheIfFailsAtTheCondition(String before) {
    // if (a line break) (((Boolean) null)): javac marks the unboxing at the condition's line
    // (grammar seed 509, program 2428); the if's then-branch awaits, so the if is lowered
    assertEquals(
        List.of("T.m:14"),
        frames(
            "  @Async static Coro<Integer> m(int p) {", // 11
            "    await(sleep(0));", // 12
            "    if", // 13
            "        (" + before + "((Boolean) null)) {", // 14
            "      await(sleep(0));",
            "    }",
            "    return done(1);",
            "  }"));
  }

  @Test
  void aResourceAfterAnotherWhoseNameIsOnTheNextLineFailsAtTheName() {
    // try (x; Res (a line break) r = new Res()): the second resource too (grammar seed 497,
    // program 731)
    assertEquals(
        List.of("T$Res.<init>:11", "T.m:16"),
        frames(
            "  static final class Res implements AutoCloseable { Res(boolean fail) { if (fail) throw new IllegalStateException(); } public void close() {} }",
            "  @Async static Coro<Integer> m(int p) {", // 12
            "    await(sleep(0));", // 13
            "    Res x = new Res(false);", // 14
            "    try (x; Res", // 15
            "        r /* c */ = new Res(true)) {", // 16
            "      await(sleep(0));",
            "    }",
            "    return done(1);",
            "  }"));
  }

  @Test
  void aThrowAfterAJumpWrittenOverTwoLinesInCopiedCodeIsReportedAtTheThrow() {
    // The jump's code (a generator's return) took one line for the user's two, so the copied if
    // lost its line for line marking and its throw was reported at the if (grammar seed 485,
    // program 1097).
    List<String> frames =
        frames(
            "  @Async static AsyncGenerator<Integer> gen(int n) {", // 11
            "    await(emit(n));", // 12
            "    if (n >= 0) {", // 13
            "      if (n > 5) return", // 14
            "          stopIteration();", // 15
            "      throw new IllegalStateException();", // 16
            "    }",
            "    return stopIteration();",
            "  }",
            "  @Async static Coro<Integer> m(int p) {", // 20
            "    await(sleep(0));", // 21
            "    for (var e : awaitEach(gen(p))) {", // 22
            "      log(e);",
            "    }",
            "    return done(1);",
            "  }");
    assertEquals(List.of("T.gen:16", "T.m:22"), frames);
  }

  @Test
  void anEmittedValueOverTwoLinesFailsAtItsOwnLine() {
    List<String> frames =
        frames(
            "  @Async static AsyncGenerator<Integer> gen(int n) {", // 11
            "    await(sleep(0));", // 12
            "    await(emit(mix(n,", // 13
            "        (Integer) null)));", // 14
            "    return stopIteration();",
            "  }",
            "  static int mix(int a, int b) { return a + b; }",
            "  @Async static Coro<Integer> m(int p) {", // 18
            "    await(sleep(0));", // 19
            "    for (var e : awaitEach(gen(p))) {", // 20
            "      break;",
            "    }",
            "    return done(1);",
            "  }");
    assertEquals(List.of("T.gen:14", "T.m:20"), frames);
  }
}
