package io.jasyncio.processor;

import static io.jasyncio.processor.Programs.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A name in an {@code @Async} body means in the generated code what it meant in X (DESIGN §3.2),
 * whatever the user called things: names like the machine's own, names of the enclosing classes,
 * X's own simple name, the unnamed package.
 */
class NamesTest {
  private static final String MAIN = "class Main { static Object run() throws Exception { ";

  @Test
  void parametersAndLocalsNamedLikeTheMachinesOwnKeepTheirValues() {
    Object result =
        Programs.run(
            "Dollars",
            source(
                "abstract class Dollars {",
                "  @Async static Coro<String> m(int $in, String $err, int $label, int $self) {",
                "    int $machine = 1; int $s1 = 2; int $t = 3;",
                "    await(sleep(0));",
                "    $machine: for (int $fin1 = 0; $fin1 < 2; $fin1++) { if (await(v($fin1)) == 1) break $machine; }",
                "    return done(($in + 1) + $err + $label + $self + $machine + $s1 + $t);",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncDollars.m(5, \"e\", 7, 8));",
                "} }"));
    assertEquals("6e78123", result);
  }

  @Test
  void localClassesOfOneNameInSiblingBlocksKeptAcrossAwaitsStayApart() {
    // Grammar seed 307 (names reused in sibling blocks): both became members of the machine, one
    // name twice ("already defined"). The later one is renamed in generated code (Loc$1), with
    // its constructors, its uses, and the types of the locals that hold it.
    Object result =
        Programs.run(
            "Twins",
            source(
                "abstract class Twins {",
                "  @Async static Coro<String> m() {",
                "    String out = \"\";",
                "    {",
                "      class Loc { int v; Loc(int v) { this.v = v; } }",
                "      Loc a = new Loc(1);",
                "      await(sleep(0));",
                "      out += a.v;",
                "    }",
                "    {",
                "      record Loc(String s) { Loc { s = s + \"!\"; } }",
                "      var b = new Loc(\"x\");",
                "      Loc c = new Loc(\"y\");",
                "      await(sleep(0));",
                "      out += b.s() + c.s();",
                "    }",
                "    return done(out);",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncTwins.m());",
                "} }"));
    assertEquals("1x!y!", result);
  }

  @Test
  void aLocalOfALocalClassReadOnlyByAnAwaitedExpressionKeepsItsClassInScope() {
    // Grammar seed 403, program 12006 (JDK 17): the local is not kept across the await, but the
    // code after it restates the awaited expression to type its value, with a stand-in for the
    // local declared by its type: the class, left in the state before, was out of scope there.
    Object result =
        Programs.run(
            "Stand",
            source(
                "abstract class Stand {",
                "  @Async static Coro<String> m(boolean flag) {",
                "    class Loc { public String toString() { return \"loc\"; } }",
                "    Loc l = new Loc();",
                "    String out = \"\" + await(v(flag ? (Object) 1 : l));",
                "    record Rec(int n) {}",
                "    var r = new Rec(2);",
                "    out += await(v(r)).n();",
                "    return done(out);",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncStand.m(false));",
                "} }"));
    assertEquals("loc2", result);
  }

  @Test
  void aPatternsBindingIsInScopeWhereJavaPutsItAndAFieldOfItsNameElsewhere() {
    // Grammar run seed 281, program 1284 (with locals named like fields): a binding was taken to
    // be in scope for the rest of its block, so a field of its name read after its if was read
    // as the binding (here: n, s, k, w after their tests) and a check claimed an error that was
    // none. Its scope now follows its condition's flow (JLS 6.3): &&, ||, !, ?:, if, loops.
    Object result =
        Programs.run(
            "Flow",
            source(
                "abstract class Flow {",
                "  static int n = 100; static String s = \"field\"; static int k = 7; static int w = 9;",
                "  @Async static Coro<String> m(Object o, Object q) {",
                "    String out = \"\";",
                "    if (o instanceof Integer n) out += await(v(n));",
                "    out += \",\" + await(v(n));",
                "    if (!(q instanceof String s)) { return done(out + \"!\" + s); }",
                "    out += \",\" + await(v(s.length()));",
                "    out += (o instanceof Integer k && k > 1 ? \",\" + k : \",-\") + \",\" + k;",
                "    out += (!(o instanceof Integer w) || w < 0 ? \",<\" : \",\" + w) + \",\" + w;",
                "    Object p = q;",
                "    while (!(p instanceof Integer r)) { p = await(v(3)); }",
                "    out += \",\" + await(v(r + 1));",
                "    return done(out);",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncFlow.m(5, \"ab\")) + \"|\" + AsyncIO.run(AsyncFlow.m(\"x\", 2));",
                "} }"));
    assertEquals("5,100,2,5,7,5,9,4|,100!field", result);
  }

  @Test
  void anEnumCaseLabelNamedLikeALocalOrABindingStaysTheEnumConstant() {
    // Found writing UserErrorsTest: a binding 'count' earlier in the body made the label of
    // 'case count' (an enum constant) the renamed local 'count$1', which does not compile. A case
    // label names a local only if that local may be a constant variable.
    Object result =
        Programs.run(
            "Labels",
            source(
                "abstract class Labels {",
                "  enum Kind { count, other }",
                "  @Async static Coro<String> m(Object o, Kind k) {",
                "    String out = \"\"; int n0 = 1;",
                "    if (o instanceof Integer count) { out += await(v(count)); }",
                "    for (int other = 0; other < 1; other++) { out += await(v(other)); }",
                "    switch (k) { case count -> out += \"c\"; default -> out += \"d\"; }",
                "    switch (k) { case other: out += \"o\"; break; default: out += \"-\"; }",
                "    {",
                "      final int other = n0 + 1; // final, but no constant: 'case other' is the enum's",
                "      await(sleep(0));",
                "      switch (k) { case other -> out += other; default -> out += \"\"; }",
                "    }",
                "    {",
                "      final int count = 0; // a constant, named like the enum's: 'case count' is the enum's",
                "      await(sleep(0));",
                "      switch (k) { case count -> out += \"C\" + count; default -> out += \"\"; }",
                "      switch (Kind.count) { case count -> out += \"!\"; default -> out += \"?\"; }",
                "    }",
                "    final int K = 3;",
                "    await(sleep(0));",
                "    switch (out.length()) { case K -> out += \"K\"; default -> out += \"?\"; }",
                "    return done(out);",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncLabels.m(7, Labels.Kind.count))",
                "      + AsyncIO.run(AsyncLabels.m(\"s\", Labels.Kind.other));",
                "} }"));
    assertEquals("70c-C0!?0do2!?", result);
  }

  @Test
  void aConstantLocalNamedLikeAnEnumsConstantIsALabelEitherWayWhateverTheSelector() {
    // Grammar seed 413, program 107237 (JDK 17): 'case RED' over Color.values()[i], a selector
    // the processor cannot type, was taken for the renamed local, 'case RED$1': no enum label.
    // The local now keeps its name, so the label means what javac decides, for either selector.
    Object result =
        Programs.run(
            "Either",
            source(
                "abstract class Either {",
                "  enum Color { RED, GREEN }",
                "  @Async static Coro<String> m(int k, java.util.List<Integer> list) {",
                "    String out = switch (Color.values()[k]) { case RED -> \"<\"; default -> \">\"; };",
                "    final int RED = 6;",
                "    await(sleep(0));",
                "    switch (Color.values()[k]) { case RED -> out += \"r\"; default -> out += \"g\"; }",
                "    switch (list.get(k)) { case RED -> out += \"6\"; default -> out += \"-\"; }",
                "    {",
                "      switch (Color.values()[k]) { case RED: out += await(v(\"R\")); break; default: out += \"G\"; }",
                "      java.util.function.IntSupplier red = () -> RED;",
                "      await(sleep(0));",
                "      switch (list.get(1 - k)) { case RED -> out += red.getAsInt(); default -> out += RED; }",
                "    }",
                "    return done(out);",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncEither.m(0, java.util.List.of(6, 7)))",
                "      + AsyncIO.run(AsyncEither.m(1, java.util.List.of(6, 7)));",
                "} }"));
    assertEquals("<r6R6>g-G6", result);
  }

  @Test
  void aCaseLabelNamingAFieldOutOfALocalsScopeStaysTheField() {
    // A local named in case labels keeps its name only where no field has it: here 'case RED'
    // before the local is the field; a machine field RED would take its place.
    Object result =
        Programs.run(
            "FieldLabel",
            source(
                "abstract class FieldLabel {",
                "  static final int RED = 1;",
                "  @Async static Coro<String> m(java.util.List<Integer> list) {",
                "    String out = switch (list.get(0)) { case RED -> \"f\"; default -> \"-\"; };",
                "    final int RED = 6;",
                "    await(sleep(0));",
                "    switch (list.get(1)) { case RED -> out += \"l\"; default -> out += \"?\"; }",
                "    return done(out + RED);",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncFieldLabel.m(java.util.List.of(1, 6)))",
                "      + AsyncIO.run(AsyncFieldLabel.m(java.util.List.of(6, 1)));",
                "} }"));
    assertEquals("fl6-?6", result);
  }

  @Test
  void anEnumSwitchOverAnElementOfAnEnumArrayTakesItsLabelsForTheConstantsEvenWhereTheLocalIsRenamed() {
    // A field RED keeps the local RED renamed (RED$1); the switch's selector, an element of
    // Color.values(), of a Color[] local or of a Color[] field, makes 'case RED' the enum's.
    Object result =
        Programs.run(
            "Arrays",
            source(
                "abstract class Arrays {",
                "  enum Color { RED, GREEN }",
                "  static final int RED = 1;",
                "  static Color[] palette = { Color.GREEN, Color.RED };",
                "  @Async static Coro<String> m(int k) {",
                "    String out = \"\" + RED;",
                "    final int RED = 6;",
                "    Color[] all = Color.values();",
                "    await(sleep(0));",
                "    switch (Color.values()[k]) { case RED -> out += \"r\"; default -> out += \"g\"; }",
                "    switch (all[k]) { case RED -> out += \"R\"; default -> out += \"G\"; }",
                "    switch ((palette)[k]) { case RED -> out += \"p\"; default -> out += \"q\"; }",
                "    return done(out + RED);",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncArrays.m(0)) + AsyncIO.run(AsyncArrays.m(1));",
                "} }"));
    assertEquals("1rRq61gGp6", result);
  }

  @Test
  void parametersNamedLikeTheNowEntrysOwnReachTheChildAwaitedInPlace() {
    // An await of a static method of the class calls its machine's $now(parent, ..), whose own
    // names ($parent, $machine, $out, $thrown) must not take the parameters'.
    Object result =
        Programs.run(
            "Entry",
            source(
                "abstract class Entry {",
                "  @Async static Coro<Integer> a(int $parent, int $machine, String $out, long $thrown) {",
                "    await(sleep(0));",
                "    return done($parent + 10 * $machine + 100 * $out.length() + 1000 * (int) $thrown);",
                "  }",
                "  @Async static Coro<Integer> b() { return done(await(a(1, 2, \"abc\", 4L))); }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncEntry.b());",
                "} }"));
    assertEquals(4321, result);
  }

  @Test
  void aFieldNamedLikeARenamedLocalIsStillTheField() {
    Object result =
        Programs.run(
            "Totals",
            source(
                "abstract class Totals {",
                "  int total$1 = 1000;",
                "  static int count$1 = 50;",
                "  @Async Coro<Integer> sum() {",
                "    int total = 1; int count = 2;",
                "    await(sleep(0));",
                "    total++; count++;",
                "    return done(total + total$1 + count + count$1);",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(new AsyncTotals() {}.sum());",
                "} }"));
    assertEquals(2 + 1000 + 3 + 50, result);
  }

  @Test
  void aFieldNamedLikeTheMachinesOwnAssignedInAJumpOutOfACopiedTryStaysTheField() {
    // Found by the grammar run (seed 111, program 7408): a return out of a try whose finally
    // block is copied assigned the user's field $in, and the lowering took it for its own.
    Object result =
        Programs.run(
            "Pending",
            source(
                "abstract class Pending {",
                "  int $in = 3;",
                "  @Async Coro<Integer> m(boolean early) {",
                "    await(sleep(0));",
                "    try {",
                "      $in++;",
                "    } finally {",
                "      try {",
                "        if (early) return done(($in = 40) + 2);",
                "      } finally {",
                "        $in += 100;",
                "      }",
                "    }",
                "    return done(-1);",
                "  }",
                "}",
                MAIN,
                "  Pending p = new AsyncPending() {};",
                "  Object first = AsyncIO.run(p.m(true));",
                "  return first + \" \" + p.$in;",
                "} }"));
    assertEquals("42 140", result);
  }

  @Test
  void aLocalNamedLikeAHoistedOneInACopiedBlockIsItsOwn() {
    Object result =
        Programs.run(
            "Shadows",
            source(
                "abstract class Shadows {",
                "  @Async static Coro<Integer> m() {",
                "    int total = 1;",
                "    await(sleep(0));",
                "    { int total$1 = 5; total += total$1; }",
                "    return done(total);",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncShadows.m());",
                "} }"));
    assertEquals(6, result);
  }

  @Test
  void aStaticNestedClassUsesItsOwnSimpleNameAndItsEnclosingClassesNames() {
    Object result =
        Programs.run(
            "Outer",
            source(
                "class Outer {",
                "  static int k() { return 4; }",
                "  static final String NAME = \"outer\";",
                "  interface Shape { int sides(); }",
                "  abstract static class Nested {",
                "    int id = 1;",
                "    @Async static Coro<String> m(Nested given) {",
                "      Nested n = given; Shape s = () -> 3;",
                "      await(sleep(0));",
                "      return done(NAME + k() + s.sides() + (n == null ? \"-\" : \"\" + n.id));",
                "    }",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncOuter_Nested.m(null));",
                "} }"));
    assertEquals("outer43-", result);
  }

  @Test
  void aNestedClassInTheUnnamedPackageCompiles() {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(
        "P",
        "import io.jasyncio.*;\nimport io.jasyncio.annotations.Async;\n"
            + "import static io.jasyncio.AsyncIO.*;\n"
            + "public class P {\n"
            + "  static int k() { return 4; }\n"
            + "  public abstract static class Inner {\n"
            + "    @Async static Coro<Integer> m() { Inner i = null; await(sleep(0)); return done(k() + (i == null ? 1 : 0)); }\n"
            + "  }\n"
            + "  public static Object run() { return AsyncIO.run(AsyncP_Inner.m()); }\n"
            + "}\n");
    try (TestCompiler.Result result = TestCompiler.compile(sources)) {
      assertTrue(result.success, result.errorsWithContext());
      Method run = result.load("P").getDeclaredMethod("run");
      assertEquals(5, run.invoke(null));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anAnonymousClassSeesItsOwnMembersBeforeXs() {
    Object result =
        Programs.run(
            "Anon",
            source(
                "abstract class Anon {",
                "  String name = \"x\";",
                "  @Override public String toString() { return \"Anon\"; }",
                "  static abstract class Named { String name = \"inner\"; abstract String get(); }",
                "  @Async Coro<String> m() {",
                "    await(sleep(0));",
                "    Named n = new Named() { String get() { return name + toString().length(); } };",
                "    Object o = new Object() { @Override public String toString() { return \"o\"; } };",
                "    return done(n.get() + o + name + toString());",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(new AsyncAnon() {}.m());",
                "} }"));
    assertTrue(result.toString().startsWith("inner") && result.toString().endsWith("oxAnon"), result.toString());
  }

  @Test
  void anInnerMemberClassIsCreatedOnTheSameObject() {
    Object result =
        Programs.run(
            "Holder",
            source(
                "abstract class Holder {",
                "  int base = 10;",
                "  class Part { int value() { return base + 1; } }",
                "  @Async Coro<Integer> m() {",
                "    Part p = new Part();",
                "    await(sleep(0));",
                "    base = 20;",
                "    return done(p.value() + new Part().value());",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(new AsyncHolder() {}.m());",
                "} }"));
    assertEquals(42, result);
  }
}
