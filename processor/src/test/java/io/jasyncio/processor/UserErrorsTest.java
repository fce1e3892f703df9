package io.jasyncio.processor;

import static io.jasyncio.processor.Programs.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * When the user's own code has an error, javac's error on the user's line is the only one: nothing
 * points into generated code (a body that does not compile is not copied there).
 */
class UserErrorsTest {
  private static final String MAIN = "class Main { static Object run() throws Exception { ";


  private static List<String> errors(TestCompiler.Result result) {
    return result.diagnostics.stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(UserErrorsTest::where)
        .collect(Collectors.toList());
  }

  private static String where(Diagnostic<? extends JavaFileObject> d) {
    String file = d.getSource() == null ? "(none)" : d.getSource().getName();
    return file.substring(file.lastIndexOf('/') + 1) + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT);
  }

  private static void assertOnlyOnTheUsersLine(TestCompiler.Result result, int line, String message) {
    List<String> errors = errors(result);
    assertFalse(result.success);
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("Broken.java:" + line + ": "), errors.toString());
    assertTrue(errors.get(0).contains(message), errors.toString());
  }

  /**
   * The compilation fails with errors on the user's line {@code line} only (none in generated
   * code), the first one saying one of {@code message}'s alternatives (" ~ " between them: javac's
   * words differ by JDK).
   */
  private static void assertErrorsOnlyOnTheUsersLine(TestCompiler.Result result, int line, String message) {
    List<String> errors = errors(result);
    assertFalse(result.success);
    assertTrue(
        !errors.isEmpty() && errors.stream().allMatch(e -> e.startsWith("Broken.java:" + line + ": ")),
        errors.toString());
    assertTrue(java.util.Arrays.stream(message.split(" ~ ")).anyMatch(errors.get(0)::contains), errors.toString());
  }

  @Test
  void anUnknownTypeKeptAcrossAnAwaitIsJavacsErrorOnly() {
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  @Async Coro<Integer> m() {",
                "    Strin s = \"a\";",
                "    await(sleep(0));",
                "    return done(s.length());",
                "  }",
                "}"))) {
      assertOnlyOnTheUsersLine(result, 10, "cannot find symbol");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "String s = await(one()); await(sleep(0)); return done(s.length());|incompatible types",
        "int n = await(word()); await(sleep(0)); return done(n);|incompatible types",
        "var it = await(one()); await(sleep(0)); it.bar(); return done(1);|cannot find symbol",
      })
  void anAwaitedValueOfTheWrongTypeIsJavacsErrorOnly(String body, String message) {
    // The commonest slip of all: the awaited method's value is not what the local holds. The
    // type of await(m()) is now known when m is one method of the class returning a Coro<T>.
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  @Async static Coro<Integer> one() { await(sleep(0)); return done(1); }",
                "  @Async static Coro<String> word() { return done(\"w\"); }",
                "  @Async static Coro<Integer> m() {",
                "    " + body,
                "  }",
                "}"))) {
      assertOnlyOnTheUsersLine(result, 12, message);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "await(await(this.<Integer>same(1)));",
        "await(await(Broken.<String>shared(\"a\")));",
        "await((await(one())));",
        "int n = await(await(this.<Integer>same(1)).intValue() + 1);",
      })
  void anAwaitOfAnAwaitedValueIsJavacsErrorOnly(String statement) {
    // await(await(m())) where m's Coro holds a plain value: the inner await is an Integer, not
    // something to await. Found by the fuzzer (seed 213, a deleted `emit(`) through a call with
    // explicit type arguments: the typed stand-in of the inner value then gave javac's error a
    // second time, in the generated code, naming the machine's $await.
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  @Async static Coro<Integer> one() { await(sleep(0)); return done(1); }",
                "  @Async <T> Coro<T> same(T x) { await(sleep(0)); return done(x); }",
                "  @Async static <T> Coro<T> shared(T x) { return done(x); }",
                "  @Async Coro<Integer> m() {",
                "    " + statement,
                "    return done(0);",
                "  }",
                "}"))) {
      assertErrorsOnlyOnTheUsersLine(result, 13, "no suitable method");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"return done(count);", "return done(next());", "return done(count + next());"})
  void anEnclosingInstancesMemberInAStaticMethodOfAnInnerClassIsJavacsErrorOnly(String statement) {
    // Java 16+ lets an inner class declare static methods; there the enclosing Outer's instance
    // members are javac's error, which the generated code said again.
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "class Broken {",
                "  int count = 1;",
                "  int next() { return count++; }",
                "  abstract class Inner {",
                "    @Async static Coro<Integer> s() {",
                "      await(sleep(0)); " + statement,
                "    }",
                "  }",
                "}"))) {
      assertErrorsOnlyOnTheUsersLine(result, 13, "static context");
    }
  }

  @Test
  void anInstanceMethodAwaitedInAStaticMethodIsJavacsErrorOnly() {
    // "non-static method cannot be referenced from a static context" was said again in the
    // generated code, twice (the call and its witness).
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  @Async Coro<Integer> inst() { return done(2); }",
                "  @Async static Coro<Integer> m() {",
                "    int a = await(inst());",
                "    await(sleep(0));",
                "    return done(a);",
                "  }",
                "}"))) {
      assertOnlyOnTheUsersLine(result, 11, "non-static method inst() cannot be referenced");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // each crashed the processor ([AsyncInternalError]) or left an error in generated code
        // only; found by the fuzzer, seed 191 on JDK 25
        "switch (n) { case 1 -> await(sleep(0)); case 2: await(sleep(0)); } return done(1);"
            + "|different case kinds",
        "var x = x + 1; await(sleep(0)); return done(x);|self-referencing",
        "Loc l = new Loc(); class Loc { int v = 2; } await(sleep(0)); return done(l.v);"
            + "|cannot find symbol",
        // an echo (fuzzer seed 187): a method a local class does not have
        "class Loc { int v = 2; } Loc l = new Loc(); await(sleep(0)); return done(l.log());"
            + "|cannot find symbol",
      })
  void slipsTheFuzzerFoundAreJavacsErrorOnly(String body, String message) {
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  @Async static Coro<Integer> m(int n) {",
                "    " + body,
                "  }",
                "}"))) {
      assertErrorsOnlyOnTheUsersLine(result, 10, message);
    }
  }

  @Test
  void aFieldAFieldsClassLacksIsJavacsErrorOnly() {
    // An echo (fuzzer seed 197): 'cell.deep' on a field of the class whose type has no 'deep'
    // was said again in generated code; only locals' fields were checked.
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  static class Cell { int v; } Cell cell = new Cell();",
                "  @Async Coro<Integer> m() {",
                "    await(sleep(0)); return done(cell.deep);",
                "  }",
                "}"))) {
      assertOnlyOnTheUsersLine(result, 11, "cannot find symbol");
    }
  }

  @Test
  void anAsyncMethodWithoutABodyIsJavacsErrorOnly() {
    // A deleted brace left "@Async Coro<Integer> m();" in a class: the processor crashed on it.
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  @Async static Coro<Integer> m(int n);",
                "}"))) {
      assertOnlyOnTheUsersLine(result, 9, "missing method body");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "await(sleep(0)); if (n > 1) { return 5; } return done(2);|int cannot be converted",
        "await(sleep(0)); return \"s\";|String cannot be converted",
        "await(sleep(0)); return (short) (n + 2);|short cannot be converted",
      })
  void aValueReturnedWithoutDoneIsJavacsErrorOnly(String body, String message) {
    // "return 5;" for "return done(5);": the body awaits what it returns (return other()), and
    // the await of a value that is no coroutine was said again in the generated code (found by
    // the fuzzer, seed 185: a deleted "done(").
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  @Async static Coro<Integer> m(int n) {",
                "    " + body,
                "  }",
                "}"))) {
      assertOnlyOnTheUsersLine(result, 10, message);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "int n = count + 1; await(sleep(0)); return done(n);",
        "await(sleep(0)); count = 3; return done(1);",
        "java.util.function.IntSupplier get = () -> count; await(sleep(0)); return done(get.getAsInt());",
      })
  void anInstanceFieldReadInAStaticMethodIsJavacsErrorOnly(String body) {
    // "non-static variable count cannot be referenced from a static context" was said again in
    // the generated code (found trying the errors a user makes).
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  int count;",
                "  @Async static Coro<Integer> m() {",
                "    " + body,
                "  }",
                "}"))) {
      assertOnlyOnTheUsersLine(result, 11, "non-static variable count cannot be referenced");
    }
  }

  @Test
  void aLocalClassNamedAgainInAnotherStatementGroupOfASwitchIsNoError() {
    // Grammar seed 293: a local class is in scope for the rest of its statement group only (a
    // local variable, for the rest of the switch block); the check took the second for declared
    // again, and the valid body became a stub that throws.
    Object result =
        Programs.run(
            "Groups",
            source(
                "abstract class Groups {",
                "  @Async static Coro<Integer> m(int k) {",
                "    int out = 0;",
                "    switch (k) {",
                "      case 1: class Loc { int v = 1; } out = new Loc().v; break;",
                "      default: { class Loc { int v = 2; } out = new Loc().v; }",
                "    }",
                "    await(sleep(0));",
                "    return done(out);",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncGroups.m(1)) + AsyncIO.run(AsyncGroups.m(2));",
                "} }"));
    assertEquals(3, result);
  }

  @Test
  void namesOfInstanceFieldsMeanOtherThingsInAStaticMethodWhereJavaSaysSo() {
    // The check above claims an error only where the name can mean nothing but the field: a
    // local, a binding, a lambda's parameter, an anonymous class's field and an enum constant in
    // a case label named so are read as Java reads them.
    Object result =
        Programs.run(
            "Shadows",
            source(
                "abstract class Shadows {",
                "  enum Kind { count, other }",
                "  int count; int total; int n;",
                "  @Async static Coro<String> m(Object o, Kind k) {",
                "    await(sleep(0));",
                "    int total = 2;",
                "    String out = \"\" + total;",
                "    if (o instanceof Integer count) { out += await(v(count)); }",
                "    java.util.function.IntUnaryOperator f = n -> n + 1;",
                "    Object anon = new Object() { int count = 5; @Override public String toString() {"
                    + " return \"\" + count; } };",
                "    out += f.applyAsInt(1) + \"\" + anon;",
                "    switch (k) { case count -> out += \"c\"; default -> out += \"d\"; }",
                "    return done(out + Kind.other);",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncShadows.m(7, Shadows.Kind.count));",
                "} }"));
    assertEquals("2725cother", result);
  }

  @Test
  void anUnknownTypeAnnotationOnALocalKeptAcrossAnAwaitIsJavacsErrorOnly() {
    // Found by the fuzzer: the local's field in the machine kept the annotation, and javac,
    // entering fields before it attributes bodies, reported it there and never on the user's line.
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  @Async static Coro<Integer> m(List<String> xs) {",
                "    List<@Undefined7 String> kept = xs;",
                "    await(sleep(0));",
                "    return done(kept.size());",
                "  }",
                "}"))) {
      assertOnlyOnTheUsersLine(result, 10, "cannot find symbol");
    }
  }

  @Test
  void aVarLocalTypedByTheGeneratedClassIsRefusedOnItsLine() {
    // Found by the grammar generator: the method silently became a stub that threw at run time.
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  @Async static Coro<Integer> twice(int x) { await(sleep(0)); return done(2 * x); }",
                "  @Async Coro<Integer> m() {",
                "    var w = await(AsyncBroken.twice(3));",
                "    await(sleep(0));",
                "    return done(w);",
                "  }",
                "}"))) {
      assertOnlyOnTheUsersLine(
          result, 11, "[AsyncUnnamedType] local 'w' is declared with var and its type comes from AsyncBroken");
    }
  }

  @Test
  void anUnknownMethodOrVariableIsJavacsErrorOnly() {
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  @Async Coro<Integer> m() {",
                "    int x = await(v(1));",
                "    undefinedCall(x + undefinedVariable);",
                "    return done(x);",
                "  }",
                "}"))) {
      List<String> errors = errors(result);
      assertFalse(errors.isEmpty());
      assertTrue(errors.stream().allMatch(e -> e.startsWith("Broken.java:11: ")), errors.toString());
    }
  }

  @Test
  void aBrokenMethodDoesNotBreakItsSubclassesGeneratedClass() {
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  @Async Coro<Integer> m() { await(sleep(0)); return done(missing()); }",
                "}"),
            "Sub",
            source("abstract class Sub extends Broken {", "  @Async Coro<Integer> n() { return done(await(m())); }", "}"))) {
      List<String> errors = errors(result);
      assertEquals(1, errors.size(), errors.toString());
      assertTrue(errors.get(0).startsWith("Broken.java:9: "), errors.toString());
    }
  }

  /**
   * Type errors javac finds only when it attributes the body, after the processor ran: the
   * processor sees the ones it can be sure of and does not copy the body (each line: the statement
   * after an await, javac's message).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "int x = \"s\";                        | incompatible types",
        "String s = 1;                          | incompatible types",
        "int x = 0; x = \"s\";                  | incompatible types",
        "int x = null;                          | incompatible types",
        "Long big = 5;                          | incompatible types",
        "if (count) {}                          | incompatible types",
        "while (\"s\") {}                       | incompatible types",
        "boolean b = !count;                    | bad operand type",
        "int y = helper(\"x\");                 | incompatible types",
        "int y = helper(1, 2);                  | cannot be applied",
        "throw new Object();                    | incompatible types",
        "for (;;) { break nowhere; }            | undefined label",
        "final int f = 1; f = 2;                | cannot assign a value to final variable",
        "final int f = 1; f++;                  | cannot assign a value to final variable",
        "int y = this.nosuch;                   | cannot find symbol",
        "String t = \"a\"; int y = t.nosuch;    | cannot find symbol",
        "int k = 0; await(++k);                 | no suitable method found for await(int)",
        "String t = \"a\"; await(t);            | no suitable method found for await(java.lang.String)",
        "Boolean flagged = true; await(flagged); | no suitable method found for await(java.lang.Boolean)",
        "await(nothing());                      | 'void' type not allowed here ~ no suitable method",
        "String t = String.valueOf(nothing());  | 'void' type not allowed here ~ no suitable method",
        "int x = 1; { int x = 2; }              | already defined",
        "for (int i = 0; i < 1; i++) { int i = 1; } | already defined",
        "int y = 5; (y)++; y++; 5++;            | unexpected type",
        "int y = true + 1;                      | bad operand types",
        "int y = Integer.parseInt(true);        | incompatible types",
        "int y = (\"a\" + count).nosuch();       | cannot find symbol",
        "Runnable r = () -> { int x = \"s\"; };  | incompatible types",
        "float f = 1; f.toString();             | float cannot be dereferenced",
        "interface Ifc {} interface Ifc {}      | already defined",
        "int a = 1; int y = a[0];               | array required",
        "List<String> l = new ArrayList<>(); l.add(3); | no suitable method found for add(int) ~ incompatible types",
        "List<String> l = new ArrayList<>(); int y = l.get(0); | incompatible types",
        "Map<String, Integer> m = new HashMap<>(); m.put(1, 2); | incompatible types ~ cannot be applied",
        "await();                               | no suitable method found for await(no arguments)",
        "await(sleep(0), sleep(0));             | no suitable method found for await(",
        "for (Object x : awaitEach()) {}        | awaitEach",
        "Object o = new Object() { public String toString() { return \"a\"; } public String toString() { return \"b\"; } }; | already defined",
        "class Loc { void m() { for (;;) break nowhere; } } | undefined label",
        "Object o = new Object() { int calls; String calls; }; | already defined",
        "enum En { A, B } En e = En.A; switch (e) { case C: break; default: } | an enum switch case label must be the unqualified name of an enumeration constant ~ cannot find symbol",
        "enum En { A, B } int y = En.C.ordinal(); | cannot find symbol",
        "Runnable r = () -> { out: for (;;) break nowhere; }; | undefined label",
        "String t = \"a\"; String u = +t;     | bad operand type",
        "boolean b = true; b++;                 | bad operand type",
        "String t = \"a\"; boolean b = t < 2; | bad operand types",
      })
  void aTypeErrorAfterAnAwaitIsJavacsErrorOnly(String statement, String message) {
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  int count;",
                "  int helper(int v) { return v; } void nothing() {}",
                "  @Async Coro<Integer> m() {",
                "    await(sleep(0));",
                "    " + statement,
                "    return done(0);",
                "  }",
                "}"))) {
      List<String> errors = errors(result);
      assertFalse(errors.isEmpty());
      assertTrue(errors.stream().allMatch(e -> e.startsWith("Broken.java:13: ")), errors.toString());
      // javac's message (alternatives by JDK separated by ~)
      assertTrue(java.util.Arrays.stream(message.split(" ~ ")).anyMatch(errors.get(0)::contains), errors.toString());
    }
  }

  @Test
  void whatOnlyLooksLikeATypeErrorStillRuns() {
    // Each line is legal Java a check of the declared types alone could take for an error: a
    // constant that fits a narrower type, boxing into a supertype, a Boolean condition, a blank
    // final given its one value, a label around the jump, a call with a widening argument.
    Object result =
        Programs.run(
            "Near",
            source(
                "abstract class Near {",
                "  Boolean flag = true;",
                "  long twice(long v) { return 2 * v; }",
                "  @Async static Coro<String> m() { return new AsyncNear() {}.n(); }",
                "  @Async Coro<String> n() {",
                "    await(sleep(0));",
                "    byte b = 5; short s = 'a'; char c = 65; Character boxed = 66; Byte small = 7;",
                "    Object o = 1; Number n = 2.5; double d = 3; CharSequence text = \"t\";",
                "    final int f; f = 4;",
                "    out: for (;;) { if (flag) break out; }",
                "    int neg = -b; long w = 3L * s; double q = d / 2; int k = 0; k++;",
                "    { int z = 1; k += z; } { int z = 2; k += z; }",
                "    { class Loc { int v = 1; } k += new Loc().v; } { class Loc { int v = 0; } k += new Loc().v; }",
                "    enum Lev { LOW, HIGH; static final int TOP = 0; } Lev lev = Lev.HIGH;",
                "    int[] cells = {0, 0}; cells[1] += Lev.TOP; k += cells[0];",
                "    List<Integer> ints = new ArrayList<>(List.of(4, 5, 6)); ints.remove(0); ints.remove(Integer.valueOf(5));",
                "    ints.add(0, 7); ints.add(8); int firstInt = ints.get(0); long widened = ints.get(1);",
                "    Map<String, Integer> counts = new HashMap<>(); counts.put(\"a\", 1); counts.merge(\"a\", 2, Integer::sum);",
                "    Map<String, List<Integer>> lists = new HashMap<>(); lists.put(\"x\", ints); lists.computeIfAbsent(\"y\", key -> new ArrayList<>());",
                "    k += counts.getOrDefault(\"b\", 0) + counts.get(\"a\") - 3 + firstInt - 7 + (int) widened - 6 + lists.get(\"x\").size() - 3;",
                "    final int kk = k;",
                "    Object anon = new Object() { int f(int k) { int kk = k; return kk; } int f(String k) { return 0; } public String toString() { return \"\" + f(kk); } };",
                "    k = Integer.parseInt(anon.toString());",
                "    switch (lev) { case LOW: k = -1; break; case HIGH: k += Lev.TOP + Lev.valueOf(\"LOW\").ordinal(); }",
                "    for (int i = 0; i < 2; i++) { k++; } for (int i = 0; i < 2; i++) { k++; }",
                "    try { k += Integer.parseInt(\"1\"); } catch (RuntimeException e) { k = -1; }",
                "    try { k += Integer.valueOf(1) + 'a' - 'a'; } catch (IllegalStateException e) { k = -1; }",
                "    k += (\"ab\" + k).length() - \"ab12\".length() + \"x\".indexOf('x');",
                "    switch (k) { case 1: { int v = 1; k += v; break; } default: { int v = 2; k += v; } }",
                "    java.util.function.Predicate<Boolean> flagged = flag -> { if (flag) return true; return false; };",
                "    java.util.function.IntUnaryOperator next = v -> { int u = v + 1; return u; };",
                "    if (!flagged.test(true) || next.applyAsInt(1) != 2) throw new IllegalStateException();",
                "    Character ch = 'a'; ch++; Integer bx = 1; bx--; double dd = 0.5; dd++;",
                "    k += (ch < 'c' ? 0 : 1) + bx + (~k == -k - 1 ? 0 : 1) + (-bx) + (+bx) + (dd >= bx ? 0 : 1);",
                "    String r = \"\" + b + s + c + boxed + small + o + n + d + text + f + twice(b) + (neg + w) + q + k;",
                "    if (!flag) throw new IllegalStateException(r);",
                "    return done(r);",
                "  }",
                "}",
                "class Main { static Object run() throws Exception { return AsyncIO.run(AsyncNear.m()); } }"));
    assertEquals("597AB712.53.0t4102861.513", result);
  }

  @ParameterizedTest(name = "with another error in the class: {0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void anUnknownTypeArgumentOfTheResultIsJavacsErrorOnly(boolean anotherError) {
    // Found by the fuzzer: AsyncGenerator<Undefined> was copied into AsyncX's signatures.
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                anotherError ? "  Broken() { await(sleep(0)); }" : "",
                "  @Async AsyncGenerator<Undefined> g() { await(emit(1)); return stopIteration(); }",
                "  @Async Coro<Integer> m() { await(sleep(0)); return done(1); }",
                "}"))) {
      List<String> errors = errors(result);
      assertFalse(errors.isEmpty());
      assertTrue(errors.stream().allMatch(e -> e.startsWith("Broken.java:")), errors.toString());
      assertTrue(errors.stream().anyMatch(e -> e.startsWith("Broken.java:10: cannot find symbol")), errors.toString());
    }
  }

  @Test
  void theStubOfABodyThatDoesNotCompileSaysWhatTheProcessorFound() {
    // Should javac ever compile a body the processor took for wrong, the stub says so at run time.
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  @Async Coro<Integer> m() { await(sleep(0)); int x = \"s\"; return done(x); }",
                "}"))) {
      assertFalse(result.success);
      String generated = result.generatedSource("t.AsyncBroken");
      assertTrue(
          generated.contains(
              "throw new java.lang.IllegalStateException(\"jasyncio: Broken.m was not transformed: its body does not"
                  + " compile (the processor found a value of type java.lang.String for a variable of type int: \\\"s\\\"; if javac reported no"
                  + " error there, please report this to jasyncio)\");"),
          generated);
    }
  }

  @ParameterizedTest
  @CsvSource({"static,child(2)", "'',child(2)", "'',this.child(2)"})
  void anAwaitOfAMethodWhoseBodyDoesNotCompileIsNoSecondError(String modifier, String call) {
    // Found by hand: the awaiting machine named the machine class of the broken method, which is
    // not written; its stand-in now keeps javac's error on the user's line the only one.
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  @Async " + modifier + " Coro<Integer> child(int i) { Strin s = null; return done(i); }",
                "  @Async " + modifier + " Coro<Integer> parent() { return done(1 + await(" + call + ")); }",
                "}"))) {
      assertOnlyOnTheUsersLine(result, 9, "cannot find symbol");
    }
  }

  /** Members the bodies below use: coroutines of several kinds, and values to give them to. */
  private static final String AWAITABLES =
      "  static class Cell { int v; Cell(int v) { this.v = v; } } int count; static int total; int[] arr = {1, 2};"
          + " java.util.concurrent.CompletableFuture<Integer> stage() { return java.util.concurrent.CompletableFuture.completedFuture(1); }"
          + " @Async Coro<Integer> one() { return done(1); } @Async <T> Coro<T> gid(T t) { return done(t); }"
          + " @Async Coro<Boolean> ok() { return done(true); } @Async Coro<List<Integer>> list() { return done(List.of(1)); }";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // The commonest slip with coroutines: the await left out. Each was also said in generated
        // code (the fuzzer's "await-dropped" mutation, seed 201: 125 of 200 mutants echoed).
        "int x = one();|incompatible types",
        "Integer x = (one());|incompatible types",
        "String s = one();|incompatible types",
        "Cell c = this.<Cell>gid(new Cell(1));|incompatible types",
        "int[] a = gid(arr);|incompatible types",
        "count = one();|incompatible types",
        "this.count = one();|incompatible types",
        "int x = n > 0 ? one() : 2;|incompatible types",
        "if (ok()) { count++; }|incompatible types",
        "while (!ok()) { count++; }|bad operand type",
        "int x = one() + 1;|bad operand types",
        "boolean b = one() < 2;|bad operand types",
        "boolean b = one() == 0;|incomparable types ~ bad operand types",
        "int x = -one();|bad operand type",
        "count += one();|bad operand types",
        "Broken.total -= one();|bad operand types",
        "gid(new Cell(1)).v *= one();|bad operand types ~ cannot find symbol",
        "int x = arr[one()];|incompatible types",
        "int x = (int) one();|incompatible types",
        "Integer x = (Integer) one();|incompatible types",
        "Cell c = new Cell(one());|incompatible types",
        "int x = one().v;|cannot find symbol",
        "int x = list().size();|cannot find symbol",
        "for (int x : list()) { count += x; }|for-each not applicable",
        "switch (one()) { case 1: count++; }|patterns in switch statements ~ constant label of type int is not compatible ~ incompatible types",
        "boolean b = one() instanceof String;|incompatible types",
        "int x = stage();|incompatible types",
        "int x = sleep(0) + 1;|bad operand types",
      })
  void aCoroutineLeftUnawaitedIsJavacsErrorOnly(String statement, String message) {
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                AWAITABLES,
                "  @Async Coro<Integer> m(int n) {",
                "    await(sleep(0)); " + statement,
                "    return done(0); } }"))) {
      assertErrorsOnlyOnTheUsersLine(result, 11, message);
    }
  }

  @Test
  void aCoroutineUsedAsAValueWhereJavaTakesOneStillRuns() {
    // Legal uses of a coroutine not awaited, each a shape next to one the check above refuses.
    Object result =
        Programs.run(
            "Fine",
            source(
                "abstract class Fine {",
                AWAITABLES.replace("Cell", "Cell0"),
                "  @Async static Coro<String> m() { return new AsyncFine() {}.n(); }",
                "  @Async Coro<String> n() {",
                "    await(sleep(0));",
                "    String text = \"t\"; text += one(); // a String's += concatenates",
                "    Object o = one(); Coro<Integer> c = one(); Awaitable<Integer> a = gid(3); var t = createTask(one());",
                "    String s = \"\" + one().getClass().getSimpleName().isEmpty() + (one() == null) + (o instanceof Coro<?>);",
                "    Object either = count > 0 ? one() : 2; Coro<Integer> maybe = count > 0 ? one() : null;",
                "    List<Coro<Integer>> many = List.of(one(), one()); Object cast = (Object) one();",
                "    Object asInterface = count > 0 ? (Runnable) one() : null; // a subclass might implement it",
                "    int sum = await(c) + await(a) + await(t) + await(many.get(0)) + await((Coro<Integer>) cast) + await(stage());",
                "    return done(s + sum + (either instanceof Integer) + (maybe == null));",
                "  }",
                "}",
                "class Main { static Object run() throws Exception { return AsyncIO.run(AsyncFine.m()); } }"));
    assertEquals("falsefalsetrue8truetrue", result);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // Found by hand writing a body: javac's error was said again in the generated class.
        "for (int i = 0; i < 2; i++) { int k = switch (i) { case 0 -> { await(sleep(0)); yield 1; } default -> { if (n > 1) continue; yield 2; } }; }"
            + "|continue out of a switch expression",
        "out: while (n > 0) { int k = switch (n) { case 1 -> { await(sleep(0)); yield 1; } default -> { if (n > 3) break out; yield 2; } }; n--; }"
            + "|break out of a switch expression",
        "while (n > 0) { int k = switch (n) { default -> { await(sleep(0)); break; } }; }|break out of a switch expression",
        "int k = switch (n) { case 1 -> 1; default -> { await(sleep(0)); return done(2); } };|return outside of enclosing switch expression ~ return out of a switch expression",
      })
  void aJumpOutOfASwitchExpressionIsJavacsErrorOnly(String statement, String message) {
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  @Async static Coro<Integer> m(int n) {",
                "    " + statement,
                "    return done(0); } }"))) {
      assertErrorsOnlyOnTheUsersLine(result, 10, message);
    }
  }

  @Test
  void jumpsThatStayInsideASwitchExpressionStillRun() {
    Object result =
        Programs.run(
            "Inside",
            source(
                "abstract class Inside {",
                "  @Async static Coro<Integer> m(int n) {",
                "    int total = 0;",
                "    for (int i = 0; i < 3; i++) {",
                "      total += switch (i) {",
                "        case 0 -> { int s = 0; for (int j = 0; j < 5; j++) { if (j == 3) break; if (j == 1) continue; s += j; } yield s; }",
                "        case 1 -> { inner: while (true) { switch (n) { case 7: break inner; default: break; } await(sleep(0)); break; } yield 10; }",
                "        default -> { java.util.function.IntSupplier f = () -> { return 100; }; await(sleep(0)); yield f.getAsInt(); }",
                "      };",
                "      if (i == 5) continue;",
                "    }",
                "    return done(total);",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncInside.m(7));",
                "} }"));
    assertEquals(112, result);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "List<int> xs = new ArrayList<>(); await(sleep(0)); return done(xs.size());",
        "var xs = new ArrayList<int>(); await(sleep(0)); return done(xs.size());",
        "Object xs = (Map<String, List<long>>) null; await(sleep(0)); return done(1);",
      })
  void aPrimitiveTypeArgumentIsJavacsErrorOnly(String body) {
    // Found by hand: javac's "unexpected type" was said again in the generated class.
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken", source("abstract class Broken {", "  @Async static Coro<Integer> m(int n) {", "    " + body, "  }", "}"))) {
      assertOnlyOnTheUsersLine(result, 10, "unexpected type");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // Found by hand: each was said again in the generated class.
        "int[] a = {1, \"x\"};|String cannot be converted to int",
        "Object[] a = new String[] {\"a\", 1};|int cannot be converted to",
        "String s = n > 0 ? \"a\" : 1;|bad type in conditional expression",
      })
  void anElementOrAConditionalsOperandOfTheWrongTypeIsJavacsErrorOnly(String statement, String message) {
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  @Async static Coro<Integer> m(int n) {",
                "    await(sleep(0)); " + statement,
                "    return done(0); } }"))) {
      assertOnlyOnTheUsersLine(result, 10, message);
    }
  }

  @Test
  void elementsAndConditionalsJavaTakesStillRun() {
    // Next to the shapes above: numeric conditionals have a type of their own (Long l = c ? 1 :
    // 2L), constants that fit a narrower element, null elements and operands.
    Object result =
        Programs.run(
            "Fits",
            source(
                "abstract class Fits {",
                "  @Async static Coro<String> m(boolean c) {",
                "    await(sleep(0));",
                "    Long l = c ? 1 : 2L; char[] cs = {65, (char) 66, 'c'}; Object o = c ? \"s\" : 1;",
                "    CharSequence q = c ? \"s\" : new StringBuilder(\"b\"); Integer[] boxes = {1, null};",
                "    short[] ss = {1, 2}; String t = c ? null : \"x\"; Object[] os = {1, \"s\", null};",
                "    return done(\"\" + l + new String(cs) + o + q + boxes.length + ss.length + t + os.length);",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncFits.m(false));",
                "} }"));
    assertEquals("2ABc1b22x3", result);
  }
}
