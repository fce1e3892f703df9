package io.jasyncio.processor;

import static io.jasyncio.processor.Programs.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * Syntax of Java 21 and newer across awaits (DESIGN §3.3), when the javac running the tests has it:
 * pattern switches with guards, record patterns, {@code case null}, unnamed variables. The processor
 * itself is built for Java 17 and reads these trees through the public API.
 */
class NewerSyntaxTest {
  private static final String MAIN = "class Main { static Object run() throws Exception { ";

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void aPatternSwitchWithAwaitsInGuardsAndArmsTriesCasesInOrder() {
    Object result =
        Programs.run(
            "Shapes",
            source(
                "abstract class Shapes {",
                "  sealed interface Shape permits Circle, Square {}",
                "  record Circle(int r) implements Shape {}",
                "  record Square(int side) implements Shape {}",
                "  static boolean check(String what, boolean answer) { Trace.log(what); return answer; }",
                "  @Async static Coro<String> describe(Object o) {",
                "    String out = switch (o) {",
                "      case null -> \"null\";",
                "      case Circle(int r) when await(v(check(\"guard1\", r > 5))) -> \"big circle \" + await(v(r));",
                "      case Circle c -> \"circle \" + c.r();",
                "      case Square(var side) when check(\"guard2\", side == 0) -> \"point\";",
                "      case Square s -> { int area = await(v(s.side() * s.side())); yield \"square \" + area; }",
                "      case String s when await(v(s.isEmpty())) -> \"empty\";",
                "      default -> \"other \" + o;",
                "    };",
                "    return done(out);",
                "  }",
                "}",
                MAIN,
                "  Trace.reset(false, 0);",
                "  StringBuilder b = new StringBuilder();",
                "  for (Object o : new Object[] {null, new Shapes.Circle(9), new Shapes.Circle(2), new Shapes.Square(0), new Shapes.Square(3), \"\", 7}) {",
                "    b.append(AsyncIO.run(AsyncShapes.describe(o))).append(\"; \");",
                "  }",
                "  return b.append(Trace.events()).toString();",
                "} }"));
    assertEquals(
        "null; big circle 9; circle 2; point; square 9; empty; other 7; "
            + "[guard1, guard1, guard2, guard2]",
        result);
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void aPatternSwitchStatementWithoutCaseNullThrowsBeforeTryingCases() {
    Object result =
        Programs.run(
            "Nulls",
            source(
                "abstract class Nulls {",
                "  @Async static Coro<String> m(Object o) {",
                "    String out = \"none\";",
                "    switch (o) {",
                "      case Integer i when await(v(i > 0)) -> out = \"positive\";",
                "      case Integer i -> out = \"int\";",
                "      default -> out = \"other\";",
                "    }",
                "    return done(out);",
                "  }",
                "}",
                MAIN,
                "  try { AsyncIO.run(AsyncNulls.m(null)); return \"no exception\"; }",
                "  catch (NullPointerException e) { return AsyncIO.run(AsyncNulls.m(3)) + \" \" + AsyncIO.run(AsyncNulls.m(-3)); }",
                "} }"));
    assertEquals("positive int", result);
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void aGuardOfACopiedSwitchReadsALocalKeptAcrossAwaits() {
    // $resume keeps the local in a local of its own that it assigns; Java wants what a guard
    // reads effectively final: the guard reads a snapshot (found by the grammar run, seed 101).
    Object result =
        Programs.run(
            "Guards",
            source(
                "abstract class Guards {",
                "  @Async static Coro<String> m(Object o, int p) {",
                "    final int limit = p;",
                "    await(sleep(0));",
                "    String kind = switch (o) {",
                "      case Integer i when i > limit -> \"big\";",
                "      case Integer i -> \"small\";",
                "      default -> \"other\";",
                "    };",
                "    await(sleep(0));",
                "    return done(kind);",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncGuards.m(9, 5)) + AsyncIO.run(AsyncGuards.m(3, 5));",
                "} }"));
    assertEquals("bigsmall", result);
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void recordPatternBindingsInAnInstanceofAreKeptAcrossAwaits() {
    Object result =
        Programs.run(
            "Points",
            source(
                "abstract class Points {",
                "  record Pt(int x, String label) {}",
                "  @Async static Coro<String> m(Object o) {",
                "    if (o instanceof Pt(var x, String label) && await(v(x)) > 0) {",
                "      await(sleep(0));",
                "      return done(label + x);",
                "    }",
                "    return done(\"no\");",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncPoints.m(new Points.Pt(4, \"p\"))) + AsyncIO.run(AsyncPoints.m(\"x\"));",
                "} }"));
    assertEquals("p4no", result);
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_22)
  void unnamedVariablesInCatchesPatternsAndLambdas() {
    Object result =
        Programs.run(
            "Unnamed",
            source(
                "abstract class Unnamed {",
                "  record Pair(int a, int b) {}",
                "  @Async static Coro<String> m(Object o) {",
                "    String out = \"\";",
                "    try { Integer.parseInt(\"x\"); } catch (NumberFormatException _) { out += await(v(\"caught \")); }",
                "    java.util.function.IntUnaryOperator zero = _ -> 0;",
                "    if (o instanceof Pair(int a, _)) { out += await(v(a)) + zero.applyAsInt(5); }",
                "    return done(out);",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncUnnamed.m(new Unnamed.Pair(7, 8)));",
                "} }"));
    assertEquals("caught 7", result); // out += 7 + 0
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_25)
  void aCompactSourceFileWithAsyncMethodsIsRefusedWithWhatToDo() {
    // Its implicit class is final and has no name other classes can use: the generated class
    // could neither extend nor call it (the message for a final class said "remove final").
    try (TestCompiler.Result result =
        TestCompiler.compile(
            java.util.Map.of(
                "Hello",
                String.join(
                    "\n",
                    "import io.jasyncio.*;",
                    "import io.jasyncio.annotations.Async;",
                    "import static io.jasyncio.AsyncIO.*;",
                    "@Async static Coro<Integer> twice(int x) { await(sleep(0)); return done(2 * x); }",
                    "void main() { System.out.println(AsyncIO.run(twice(2))); }")))) {
      java.util.List<String> errors = result.errors();
      assertEquals(1, errors.size(), errors.toString());
      org.junit.jupiter.api.Assertions.assertTrue(
          errors.get(0).contains("[AsyncFinalClass] the class of the compact source file Hello.java is declared implicitly"),
          errors.toString());
    }
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void anExhaustiveSwitchOverNestedRecordPatternsWithAnAwaitedSelector() {
    // No default: javac adds the MatchException arm itself, and the generated switch must too.
    Object result =
        Programs.run(
            "Nested",
            source(
                "abstract class Nested {",
                "  sealed interface Node permits Leaf, Pair {}",
                "  record Leaf(int v) implements Node {}",
                "  record Pair(Node l, Node r) implements Node {}",
                "  @Async static Coro<Integer> sum(Node n) {",
                "    return done(switch (await(v(n))) {",
                "      case Leaf(var v) when v < 0 -> 0;",
                "      case Leaf(int v) -> v;",
                "      case Pair(Leaf(int a), Leaf(int b)) -> a + b + await(v(100));",
                "      case Pair(var l, Pair r) -> await(sum(l)) + await(sum(r)) * 10;",
                "      case Pair(var l, Leaf(var b)) -> await(sum(l)) - b;",
                "    });",
                "  }",
                "  @Async static Coro<String> kind(Object o) {",
                "    return done(switch (o) {",
                "      case Integer i when i > await(v(3)) -> \"big\";",
                "      case null, default -> \"else \" + await(v(o));",
                "    });",
                "  }",
                "}",
                MAIN,
                "  Nested.Node tree = new Nested.Pair(new Nested.Pair(new Nested.Leaf(1), new Nested.Leaf(2)),",
                "      new Nested.Pair(new Nested.Leaf(-5), new Nested.Pair(new Nested.Leaf(3), new Nested.Leaf(4))));",
                "  return AsyncIO.run(AsyncNested.sum(tree)) + \" \" + AsyncIO.run(AsyncNested.kind(9))",
                "      + \" \" + AsyncIO.run(AsyncNested.kind(null)) + \" \" + AsyncIO.run(AsyncNested.kind(2));",
                "} }"));
    // (1+2+100) + ((sum(Leaf(-5)) = 0) + (3+4+100)*10) * 10 = 103 + 10700
    assertEquals("10803 big else null else 2", result);
  }
  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void recordPatternBindingsOfALoweredIfVerifyWithASwitchAndALoopInItsThenPart() {
    // Grammar run seed 153, program 7585 (JDK 25): written as the guard "if (!c) <jump>; then",
    // javac 25 wrote stack map frames the JVM refused (VerifyError), as it does for plain Java.
    Object result =
        Programs.run(
            "Guarded",
            source(
                "abstract class Guarded {",
                "  record Pt(int x, String label) {}",
                "  @Async static Coro<String> m(Object o, int k) {",
                "    StringBuilder out = new StringBuilder(await(v(\"<\")));",
                "    if (o instanceof Pt(int x, var label) && x > 0) {",
                "      switch (k) {",
                "        case 0:",
                "          int twice = x * 2;",
                "          out.append(label).append(twice);",
                "          break;",
                "        default:",
                "          for (char c : label.toCharArray()) {",
                "            out.append(c).append(x);",
                "          }",
                "      }",
                "    } else {",
                "      out.append(await(v(\"no\")));",
                "    }",
                "    return done(out.append('>').toString());",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncGuarded.m(new Guarded.Pt(4, \"p\"), 0))",
                "      + AsyncIO.run(AsyncGuarded.m(new Guarded.Pt(3, \"ab\"), 1))",
                "      + AsyncIO.run(AsyncGuarded.m(new Guarded.Pt(-1, \"p\"), 0));",
                "} }"));
    assertEquals("<p8><a3b3><no>", result);
  }
  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void aGuardsBindingsAreInScopeInItsCaseOnly() {
    // A binding declared in a 'when' guard is in scope in its case's body, and a field of its
    // name is read elsewhere (see NamesTest: a binding's scope follows its condition's flow). In
    // a switch lowered for its awaits, a guard read its own binding through a snapshot taken
    // before it, and two snapshots of one local were made and one declared (did not compile).
    Object result =
        Programs.run(
            "Guards",
            source(
                "abstract class Guards {",
                "  static String t = \"field\";",
                "  @Async static Coro<String> m(Object o, Object q) {",
                "    String out = switch (o) {",
                "      case Integer i when q instanceof String t && t.length() > 1 -> await(v(t + i));",
                "      case String s when s.length() > 1 && s instanceof CharSequence u && u.length() > 2 ->"
                    + " await(v(u + \"!\"));",
                "      default -> \"d\" + t;",
                "    };",
                "    return done(out + \",\" + await(v(t)));",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncGuards.m(5, \"ab\")) + \"|\" + AsyncIO.run(AsyncGuards.m(5, 2))",
                "      + \"|\" + AsyncIO.run(AsyncGuards.m(\"abc\", 2)) + \"|\" + AsyncIO.run(AsyncGuards.m(\"ab\", 2));",
                "} }"));
    assertEquals("ab5,field|dfield,field|abc!,field|dfield,field", result);
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void recordPatternBindingsBroughtIntoScopeByAGuardVerifyWithAPatternSwitchAfterIt() {
    // Grammar run seed 265, program 6583 (JDK 25): an if whose then-part awaits is lowered to the
    // guard "if (!c) <jump>;" in a block of the machine, which brought Pt's bindings into scope for
    // the rest of the block; javac 25 left the pattern's hidden slots marked as set at the block's
    // end, and the frame of the next block's switch gave its default branch the case's Integer
    // binding (VerifyError). A plain-Java guard in a nested block does the same. The lowering now
    // keeps such bindings in fields and tests the pattern inside a call.
    Object result =
        Programs.run(
            "Guarded2",
            source(
                "abstract class Guarded2 {",
                "  record Pt(int x, String label) {}",
                "  @Async static Coro<String> m(Object o, Object k) {",
                "    String out = \"<\";",
                "    for (int i = 0; i < 2; i++) {",
                "      if (o instanceof Pt(int x, var label) && x > i) {",
                "        out += await(v(label + x));",
                "        out += switch (k) { case Integer n when n > 1 -> \"big\" + n;"
                    + " case Integer n -> \"int\" + n; default -> \"other\"; };",
                "      }",
                "    }",
                "    if (!(k instanceof Pt(int y, var name) && y > 0)) {",
                "      return done(out + '>');",
                "    }",
                "    out += await(v(name + y));",
                "    return done(out + switch ((Object) name) { case String s when s.length() > 3 ->"
                    + " \"!\"; case String s -> s + '>'; default -> \"?\"; });",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncGuarded2.m(new Guarded2.Pt(4, \"p\"), 2))",
                "      + AsyncIO.run(AsyncGuarded2.m(new Guarded2.Pt(1, \"q\"), 1))",
                "      + AsyncIO.run(AsyncGuarded2.m(\"s\", new Guarded2.Pt(7, \"r\")));",
                "} }"));
    assertEquals("<p4big2p4big2><q1int1><r7r>", result);
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void varBindingsOfGenericRecordPatternsAreKeptAcrossAwaitsWithTheirProjectedTypes() {
    // Box<?>(var any): 'any' has a captured type; kept in a field as Java's upward projection of
    // it (the type variable's bound), Box<String>(var s) as String, Pair<? extends Number, ?> as
    // Number and Object, Word<?>(.., var next) as Optional<? extends Word<?>> (a captured variable
    // inside a type argument: javac's projection, not the bound put in its place). Before, all
    // were refused as [AsyncUnnamedType].
    Object result =
        Programs.run(
            "Boxes",
            source(
                "abstract class Boxes {",
                "  record Box<T>(T value) {}",
                "  record Pair<A, B extends CharSequence>(A a, B b) {}",
                "  record Word<T extends CharSequence>(T text, Optional<Word<T>> next) {}",
                "  @Async static Coro<String> words(Object o) {",
                "    if (o instanceof Word<?>(var text, var next)) {",
                "      await(sleep(0));",
                "      Optional<? extends Word<?>> same = next;",
                "      return done(text + (next.isPresent() ? \">\" + await(words(next.get())) : \"\"));",
                "    }",
                "    return done(\"-\");",
                "  }",
                "  @Async static Coro<String> m(Object o, Pair<Integer, String> p) {",
                "    String r = await(v(\"\"));",
                "    if (!(o instanceof Box<?>(var any))) {",
                "      r += \"nobox\";",
                "    } else {",
                "      r += await(v(\"box \")) + any;",
                "    }",
                "    if (o instanceof Box<?> b && b.value() instanceof String s2",
                "        && new Box<String>(s2) instanceof Box<String>(var s)) {",
                "      await(sleep(0));",
                "      r += \" \" + s.length();",
                "    }",
                "    switch (p) {",
                "      case Pair<? extends Number, ?>(var n, var cs) when n != null -> {",
                "        await(sleep(0));",
                "        r += n.intValue() + cs.length();",
                "      }",
                "      default -> r += \".\";",
                "    }",
                "    return done(r);",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncBoxes.m(new Boxes.Box<>(\"hey\"), new Boxes.Pair<>(null, \"\"))) + \"|\"",
                "      + AsyncIO.run(AsyncBoxes.m(7, new Boxes.Pair<>(40, \"ab\"))) + \"|\"",
                "      + AsyncIO.run(AsyncBoxes.m(7, new Boxes.Pair<>(null, \"\"))) + \"|\"",
                "      + AsyncIO.run(AsyncBoxes.words(new Boxes.Word<>(\"a\", Optional.of(",
                "          new Boxes.Word<>(new StringBuilder(\"b\"), Optional.empty())))));",
                "} }"));
    assertEquals("box hey 3.|nobox42|nobox.|a>b", result);
  }
  @Test
  @EnabledForJreRange(min = JRE.JAVA_25)
  void typesImportedByAModuleImportAreKnownToTheProcessor() {
    // "import module java.base;" (Java 25): List, Map and TreeMap were unknown names to the
    // processor, so the body became a stub that throws when called, javac reporting nothing.
    Object result =
        Programs.run(
            "Modules",
            "package t;\n"
                + "import module java.base;\n"
                + "import io.jasyncio.*;\n"
                + "import io.jasyncio.annotations.Async;\n"
                + "import static io.jasyncio.AsyncIO.*;\n"
                + "import static io.jasyncio.processor.behaviour.AsyncHelpers.*;\n"
                + String.join(
                    "\n",
                    "abstract class Modules {",
                    "  @Async static Coro<String> m(List<String> words) {",
                    "    Map<String, Integer> counts = new TreeMap<>();",
                    "    for (String w : words) counts.merge(w, await(v(1)), Integer::sum);",
                    "    Function<Map<String, Integer>, String> show = Object::toString;",
                    "    return done(show.apply(counts));",
                    "  }",
                    "}",
                    MAIN,
                    "  return AsyncIO.run(AsyncModules.m(List.of(\"b\", \"a\", \"b\")));",
                    "} }"));
    assertEquals("{a=1, b=2}", result);
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_22)
  void unnamedDeclaratorsAndResourcesAcrossAwaits() {
    // Found together: an unnamed declarator in a for's init was "declared again" to CertainErrors
    // (javac names every unnamed variable ""); "var _ = new Res(..)" kept across an await was
    // refused for its unknown type (no scope finds "_" by name), and once typed only at run time,
    // its AsyncContext test did not compile for a record (a final class) and inside synchronized
    // it counted as an await. It is now typed by its initializer, new Res(..).
    Object result =
        Programs.run(
            "Unnamed2",
            source(
                "abstract class Unnamed2 {",
                "  static final List<String> log = new ArrayList<>();",
                "  record Res(String n) implements AutoCloseable {",
                "    public void close() { log.add(\"close \" + n); }",
                "  }",
                "  @Async static Coro<String> m(int k) {",
                "    int sum = 0;",
                "    for (int i = 0, _ = log.size(), _ = k; i < k; i++) sum += await(v(i));",
                "    try (var _ = new Res(\"a\"); Res b = new Res(\"b\")) {",
                "      sum += await(v(10));",
                "      log.add(\"in \" + b.n());",
                "    }",
                "    synchronized (log) {",
                "      try (var _ = new Res(\"c\")) { log.add(\"locked\"); }",
                "    }",
                "    return done(sum + \" \" + log);",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncUnnamed2.m(3));",
                "} }"));
    assertEquals("13 [in b, close b, close a, locked, close c]", result);
  }
  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void recordPatternsWithInferredTypeArgumentsKeepTheirBindingsAcrossAwaits() {
    // "case Pair(var l, var r)" over a Shape<String>: javac infers Pair<String> from the matched
    // value; the bindings were refused as [AsyncUnnamedType] (javac's scope at a binding does not
    // have it yet, and the processor cannot infer); now read from a scope where they are in force.
    Object result =
        Programs.run(
            "Shapes",
            source(
                "abstract class Shapes {",
                "  sealed interface Shape<T> permits Leaf, Pair {}",
                "  record Leaf<T>(T value) implements Shape<T> {}",
                "  record Pair<T>(Shape<T> l, Shape<T> r) implements Shape<T> {}",
                "  @Async static Coro<Integer> size(Shape<String> s) {",
                "    switch (s) {",
                "      case Leaf(var v) -> { await(sleep(0)); return done(v.length()); }",
                "      case Pair(var l, var r) -> { int a = await(size(l)); return done(a + await(size(r))); }",
                "    }",
                "  }",
                "  @Async static Coro<String> first(Shape<String> s) {",
                "    if (s instanceof Pair(Leaf(var a), var rest)) {",
                "      String x = await(v(a));",
                "      return done(x + \"+\" + await(size(rest)));",
                "    }",
                "    return done(\"?\");",
                "  }",
                "}",
                MAIN,
                "  Shapes.Shape<String> t = new Shapes.Pair<>(new Shapes.Leaf<>(\"ab\"),",
                "      new Shapes.Pair<>(new Shapes.Leaf<>(\"c\"), new Shapes.Leaf<>(\"def\")));",
                "  return AsyncIO.run(AsyncShapes.size(t)) + \" \" + AsyncIO.run(AsyncShapes.first(t));",
                "} }"));
    assertEquals("6 ab+4", result);
  }
  @Test
  @EnabledForJreRange(min = JRE.JAVA_25)
  void aClassWhoseConstructorRunsStatementsBeforeSuper() {
    // Java 25's flexible constructor bodies: the generated class mirrors the constructor by its
    // parameters only, so the statements before super(..) run once, in the user's constructor.
    Object result =
        Programs.run(
            "Flexible",
            source(
                "abstract class Flexible {",
                "  static class Base { final String name; Base(String name) { this.name = name; } }",
                "  abstract static class Svc extends Base {",
                "    final int limit;",
                "    static int made;",
                "    Svc(int limit) {",
                "      if (limit < 0) throw new IllegalArgumentException(\"limit\");",
                "      this.limit = limit;",
                "      made++;",
                "      super(\"svc\" + limit);",
                "    }",
                "    @Async Coro<String> fetch(int k) {",
                "      List<Integer> got = new ArrayList<>();",
                "      for (int i = 0; i < Math.min(k, limit); i++) got.add(await(v(i)));",
                "      return done(name + got);",
                "    }",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(new AsyncFlexible_Svc(3).fetch(5)) + \" \" + Flexible.Svc.made;",
                "} }"));
    assertEquals("svc3[0, 1, 2] 1", result);
  }
  @Test
  @EnabledForJreRange(min = JRE.JAVA_22)
  void anUnnamedResourceTypedOnlyAtRunTimeIsTestedThroughObject() {
    // "var _ = (Res) make()": no scope finds '_' and its initializer creates nothing, so whether
    // it is an AsyncContext is tested when it runs; for a record (a final class) that test must
    // go through Object, or javac refuses it in the generated code.
    Object result =
        Programs.run(
            "Unnamed3",
            source(
                "abstract class Unnamed3 {",
                "  static final List<String> log = new ArrayList<>();",
                "  record Res(String n) implements AutoCloseable {",
                "    public void close() { log.add(\"close \" + n); }",
                "  }",
                "  static Object make() { return new Res(\"r\"); }",
                "  @Async static Coro<String> m() {",
                "    try (var _ = (Res) make()) {",
                "      log.add(await(v(\"in\")));",
                "    }",
                "    return done(log.toString());",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(AsyncUnnamed3.m());",
                "} }"));
    assertEquals("[in, close r]", result);
  }
}
