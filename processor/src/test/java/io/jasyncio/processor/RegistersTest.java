package io.jasyncio.processor;

import static io.jasyncio.processor.Programs.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code $resume} keeps the parameters and the kept locals in locals of its own, stored to the
 * machine's fields only where it suspends (Machine#registers): every way a value can outlive a
 * suspension, be read by code that is not {@code $resume}'s, or be assigned where the JVM needs an
 * effectively final local, pinned here. Each would go wrong, or not compile, if a store were
 * missing or a reference named the wrong one.
 */
class RegistersTest {
  private static final String MAIN = "class Main { static Object run() throws Exception { ";

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

  @Test
  void aParameterAssignedBeforeASuspensionKeepsItsValueAfterIt() {
    assertEquals(
        42,
        run(
            "  @Async Coro<Integer> twice(int n) { n = n * 2; await(sleep(0)); n++; await(sleep(0));"
                + " return done(n - 1); }",
            "  @Async Coro<Integer> main() { return done(await(twice(21))); }"));
  }

  @Test
  void aCatchParameterTheBlockAssignsCanBeAssignedInTheHandlersState() {
    // Grammar seed 411, program 157596 (JDK 25): 'catch (Exception color) { color = color; }' in
    // a try that awaits; the handler declared its copy final, and the assignment did not compile.
    assertEquals(
        "b! false true",
        run(
            "  @Async Coro<String> main() {",
            "    String out = \"\";",
            "    try { await(sleep(0)); throw new IllegalStateException(\"a\"); }",
            "    catch (RuntimeException e) { e = new RuntimeException(\"b\"); out += e.getMessage() + await(sleep(0, \"!\")); }",
            "    try { await(sleep(0)); Integer.parseInt(\"x\"); }",
            "    catch (NumberFormatException e) { out += \" \" + (e == null); e = null; out += \" \" + (e == null); }",
            "    return done(out);",
            "  }"));
  }

  @Test
  void aLocalChangedBetweenSuspensionsIsTheLatestOnEveryResume() {
    assertEquals(
        "0 1 3 6 10",
        run(
            "  @Async Coro<String> main() {",
            "    StringBuilder out = new StringBuilder();",
            "    int sum = 0;",
            "    for (int i = 0; i < 5; i++) {",
            "      sum += i;",
            "      await(sleep(0));",
            "      out.append(sum).append(i < 4 ? \" \" : \"\");",
            "    }",
            "    return done(out.toString());",
            "  }"));
  }

  @Test
  void twoCallsOfOneMethodInterleavedKeepTheirOwnValues() {
    assertEquals(
        "[a0, b0, a1, b1, a2, b2] 3 30",
        run(
            "  @Async Coro<Integer> count(String name, int step) {",
            "    int total = 0;",
            "    for (int i = 0; i < 3; i++) { log.add(name + i); total += step; await(sleep(0)); }",
            "    return done(total);",
            "  }",
            "  @Async Coro<String> main() {",
            "    Task<Integer> a = createTask(count(\"a\", 1));",
            "    Task<Integer> b = createTask(count(\"b\", 10));",
            "    int x = await(a); int y = await(b);",
            "    return done(log + \" \" + x + \" \" + y);",
            "  }"));
  }

  @Test
  void aGeneratorsLocalsSurviveEachEmit() {
    assertEquals(
        "1 3 6 10",
        run(
            "  @Async AsyncGenerator<Integer> sums(int n) {",
            "    int sum = 0;",
            "    for (int i = 1; i <= n; i++) { sum += i; await(emit(sum)); }",
            "    return stopIteration();",
            "  }",
            "  @Async Coro<String> main() {",
            "    StringJoiner out = new StringJoiner(\" \");",
            "    for (int s : awaitEach(sums(4))) out.add(String.valueOf(s));",
            "    return done(out.toString());",
            "  }"));
  }

  @Test
  void anEmittedValueThatAssignsAVariableIsKeptAcrossTheEmit() {
    // Found by the grammar run (seed 47): the stores ran before the emitted value was computed.
    assertEquals(
        "10 18 26 | 26",
        run(
            "  @Async AsyncGenerator<Integer> steps(int p) {",
            "    int q = 0;",
            "    for (int k = 0; k < 3; k++) { await(emit(p += 8)); q = p; }",
            "    log.add(String.valueOf(q));",
            "    return stopIteration();",
            "  }",
            "  @Async Coro<String> main() {",
            "    StringJoiner out = new StringJoiner(\" \");",
            "    for (int s : awaitEach(steps(2))) out.add(String.valueOf(s));",
            "    return done(out + \" | \" + String.join(\",\", log));",
            "  }"));
  }

  @Test
  void aFinallyRunByCancellationSeesTheValuesOfTheSuspendedFrame() {
    assertEquals(
        "[finally 2 7]",
        run(
            "  @Async Coro<Void> worker(int n) {",
            "    int k = 1;",
            "    io.jasyncio.sync.Event never = new io.jasyncio.sync.Event();",
            "    try { k++; n += 5; await(never.waitFor()); }",
            "    finally { log.add(\"finally \" + k + \" \" + n); }",
            "    return done();",
            "  }",
            "  @Async Coro<String> main() {",
            "    Task<Void> t = createTask(worker(2));",
            "    await(sleep(0));",
            "    t.cancel();",
            "    try { await(t); } catch (CancelledError expected) {}",
            "    return done(log.toString());",
            "  }"));
  }

  @Test
  void aLambdaMadeAfterAResumeCapturesTheValueOfItsIteration() {
    assertEquals(
        "[0, 1, 2]",
        run(
            "  @Async Coro<String> main() {",
            "    List<java.util.function.Supplier<Integer>> made = new ArrayList<>();",
            "    for (int i = 0; i < 3; i++) {",
            "      int v = i;",
            "      await(sleep(0));",
            "      made.add(() -> v);",
            "    }",
            "    List<Integer> seen = new ArrayList<>();",
            "    for (var s : made) seen.add(s.get());",
            "    return done(seen.toString());",
            "  }"));
  }

  @Test
  void aLocalClassKeptAcrossAwaitsCapturesTheValueOfItsIteration() {
    assertEquals(
        "[0, 10, 20]",
        run(
            "  @Async Coro<String> main() {",
            "    List<Object> made = new ArrayList<>();",
            "    for (int i = 0; i < 3; i++) {",
            "      int v = i * 10;",
            "      class Box { public String toString() { return String.valueOf(v); } }",
            "      Box box = new Box();",
            "      await(sleep(0));",
            "      made.add(box);",
            "    }",
            "    return done(made.toString());",
            "  }"));
  }

  @Test
  void anAwaitArgumentNamesAParameterTheBodyAssigns() {
    // The type witness is a lambda: it must not capture the (assigned) local copy.
    assertEquals(
        12,
        run(
            "  @Async Coro<Integer> plus(int a, int b) { await(sleep(0)); return done(a + b); }",
            "  @Async Coro<Integer> main() { return done(await(go(5))); }",
            "  @Async Coro<Integer> go(int n) { n++; int m = 0; m = n; return done(await(plus(n, m)));"
                + " }"));
  }

  @Test
  void anExceptionCaughtAfterASuspensionSeesTheLatestValues() {
    assertEquals(
        "3 caught",
        run(
            "  @Async Coro<String> main() {",
            "    int k = 0;",
            "    try {",
            "      k++;",
            "      await(sleep(0));",
            "      k += 2;",
            "      if (k == 3) throw new IllegalStateException(\"caught\");",
            "    } catch (IllegalStateException e) {",
            "      await(sleep(0));",
            "      return done(k + \" \" + e.getMessage());",
            "    }",
            "    return done(\"not thrown\");",
            "  }"));
  }

  @Test
  void aReturnRunInPlaceOfTheJumpToItGivesWhatTheJumpWould() {
    // The jump past the await to "return" runs the return right there (no round of the resume
    // loop); the same return after a resume, in its own state.
    assertEquals(
        "[5, 6, 7]",
        run(
            "  int calls;",
            "  @Async Coro<Integer> child(int i) {",
            "    if (i < 0) { await(sleep(0)); i = -i - 1; }",
            "    return done(i + calls++);",
            "  }",
            "  @Async Coro<String> main() {",
            "    List<Integer> got = new ArrayList<>();",
            "    got.add(await(child(5)));",
            "    got.add(await(child(-6)));",
            "    got.add(await(child(5)));",
            "    return done(got.toString());",
            "  }"));
  }

  @Test
  void theStackOfTheRunningTaskNamesTheLineRunningNotTheLastAwait() {
    // The state is stored only when the frame suspends: the running frame's line comes from the
    // Java stack. (Line 10 is main's: the source opens with a package and 6 imports, then G.)
    assertEquals(
        13,
        run(
            "  @Async Coro<Integer> main() {",
            "    await(sleep(0));",
            "    int here = 1;",
            "    List<StackTraceElement> stack = currentTask().getStack();",
            "    return done(stack.get(stack.size() - 1).getLineNumber());",
            "  }"));
  }

  @Test
  void awaitingACoroutineTwiceNamesTheLineOfTheSecondAwait() {
    // The awaiting frame is running: its line comes from the Java stack (main opens on line 11).
    Object message =
        run(
            "  @Async Coro<Integer> one() { return done(1); }",
            "  @Async Coro<String> main() {",
            "    Coro<Integer> c = one();",
            "    await(sleep(0));",
            "    int x = await(c);",
            "    int y = 2;",
            "    try { await(c); } catch (IllegalStateException e) { return done(e.getMessage()); }",
            "    return done(\"awaited twice\");",
            "  }");
    assertTrue(
        String.valueOf(message).contains("(awaited again in t.G.main(G.java:16))"),
        String.valueOf(message));
  }

  @Test
  void anExceptionRaisedInALoopWrittenTwiceNamesItsOwnLine() {
    // The loop's states are written out twice (as a Java loop, and case by case for a resume in
    // the middle): both copies map to the user's lines. The catching frame is in the trace at the
    // await that received the exception (line 18), as plain Java's catching method is.
    assertEquals(
        "13 18",
        run(
            "  @Async Coro<Integer> fail(int n) {",
            "    for (int i = 0; i < n; i++) {",
            "      await(sleep(0));",
            "      if (i == 2) throw new IllegalStateException(\"boom\");",
            "    }",
            "    return done(n);",
            "  }",
            "  @Async Coro<String> main() {",
            "    try { await(fail(5)); return done(\"no\"); }",
            "    catch (IllegalStateException e) {",
            "      StringJoiner lines = new StringJoiner(\" \");",
            "      for (StackTraceElement at : e.getStackTrace()) {",
            "        if (at.getClassName().equals(\"t.G\")) lines.add(String.valueOf(at.getLineNumber()));",
            "      }",
            "      return done(lines.toString());",
            "    }",
            "  }"));
  }

  @Test
  void theGeneratedCodeLoadsOnEntryAndStoresOnlyWhereItSuspends() {
    String machine;
    try (TestCompiler.Result result =
        Programs.compile(
            "S",
            source(
                "abstract class S {",
                "  @Async static Coro<Long> sum(int n) {",
                "    long s = 0;",
                "    for (int i = 0; i < n; i++) s += await(one(i));",
                "    return done(s);",
                "  }",
                "  @Async static Coro<Integer> one(int i) { return done(i); }",
                "}"))) {
      assertTrue(result.success, result.errorsWithContext());
      machine = result.generatedSource("t.AsyncS");
    }
    assertTrue(machine.contains("int n = this.n;"), machine);
    assertTrue(machine.contains("long s$1 = this.s$1;"), machine);
    // The only stores of the fields are right before the return that suspends; n is never assigned.
    assertTrue(
        machine.contains(
            "if (($in = one$coro.$now(this, i$1)) == $SUSPEND) { this.$label = $label;"
                + " this.s$1 = s$1; this.i$1 = i$1; return $SUSPEND; }"),
        machine);
    assertEquals(1, machine.split("this\\.s\\$1 = s\\$1", -1).length - 1, machine);
    assertEquals(1, machine.split("this\\.n = n;", -1).length - 1, machine); // the constructor
  }
}
