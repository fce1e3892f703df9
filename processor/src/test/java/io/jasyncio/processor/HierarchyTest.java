package io.jasyncio.processor;

import static io.jasyncio.processor.Programs.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Class hierarchies (DESIGN §3.3): {@code new AsyncSub()} runs every {@code @Async} method it has,
 * its own and the inherited ones, as state machines, with Java's virtual dispatch between them,
 * also when the base class was compiled earlier; what cannot run on a subclass is refused on it.
 */
class HierarchyTest {
  private static final String MAIN = "class Main { static Object run() throws Exception { ";

  private static final String BASE =
      String.join(
          "\n",
          "abstract class Base {",
          "  final List<String> log = new ArrayList<>();",
          "  @Async Coro<String> a() { await(sleep(0)); log.add(\"a\"); return done(\"a\" + await(c())); }",
          "  @Async Coro<String> c() { await(sleep(0)); return done(\"c\"); }",
          "  @Async protected Coro<String> named(String who) { await(sleep(0)); return done(\"hi \" + who); }",
          "}");

  @Test
  void aSubclassRunsTheAsyncMethodsItInherits() {
    Object result =
        Programs.run(
            "Base", source(BASE),
            "Sub",
            source(
                "abstract class Sub extends Base {",
                "  @Async Coro<String> b() { return done(await(a()) + \"b\" + await(named(\"x\"))); }",
                "}",
                MAIN,
                "  return AsyncIO.run(new AsyncSub() {}.b());",
                "} }"));
    assertEquals("acbhi x", result);
  }

  @Test
  void aBaseMethodCallingAnOverriddenAsyncMethodReachesTheOverride() {
    Object result =
        Programs.run(
            "Base", source(BASE),
            "Sub",
            source(
                "abstract class Sub extends Base {",
                "  @Async @Override Coro<String> c() { await(sleep(0)); return done(\"C\"); }",
                "}",
                MAIN,
                "  return AsyncIO.run(new AsyncSub() {}.a());",
                "} }"));
    assertEquals("aC", result);
  }

  @Test
  void superCallOfAnAsyncMethodRunsTheBaseMachineOnThisObject() {
    Object result =
        Programs.run(
            "Base", source(BASE),
            "Sub",
            source(
                "abstract class Sub extends Base {",
                "  @Async @Override Coro<String> c() {",
                "    String base = await(super.c());",
                "    return done(\"[\" + base + \"]\" + await(super.named(base)));",
                "  }",
                "}",
                MAIN,
                "  Sub sub = new AsyncSub() {};",
                "  return AsyncIO.run(sub.a()) + \" \" + sub.log;",
                "} }"));
    assertEquals("a[c]hi c [a]", result);
  }

  @Test
  void anAbstractClassWithNoAsyncMethodOfItsOwnStillGetsAGeneratedClass() {
    Object result =
        Programs.run(
            "Base", source(BASE),
            "Middle",
            source(
                "abstract class Middle extends Base {",
                "  String extra() { return \"!\"; }",
                "}",
                MAIN,
                "  Middle m = new AsyncMiddle() {};",
                "  return AsyncIO.run(m.a()) + m.extra();",
                "} }"));
    assertEquals("ac!", result);
  }

  @Test
  void aBaseCompiledEarlierFromItsClassFilesIsInheritedToo() {
    Map<String, String> first = new LinkedHashMap<>();
    first.put("t.Base", source("public " + BASE));
    try (TestCompiler.Result base = TestCompiler.compile(first)) {
      assertTrue(base.success, base.errorsWithContext());
      Map<String, String> second = new LinkedHashMap<>();
      second.put(
          "t.Sub",
          source(
              "abstract class Sub extends Base {",
              "  @Async Coro<String> b() { return done(await(a()) + \"b\"); }",
              "  @Async @Override Coro<String> c() { return done(\"<\" + await(super.c()) + \">\"); }",
              "}",
              MAIN,
              "  return AsyncIO.run(new AsyncSub() {}.b());",
              "} }"));
      try (TestCompiler.Result sub = TestCompiler.compileAgainst(base, second)) {
        assertTrue(sub.success, sub.errorsWithContext());
        assertEquals("a<c>b", runMain(sub));
      }
    }
  }

  @Test
  void aGenericBaseIsInheritedWithItsTypeArguments() {
    Object result =
        Programs.run(
            "Box",
            source(
                "abstract class Box<T> {",
                "  T value;",
                "  @Async Coro<List<T>> twice() { await(sleep(0)); return done(List.of(value, value)); }",
                "}"),
            "Names",
            source(
                "abstract class Names extends Box<String> {",
                "  @Async Coro<Integer> size() { return done(await(twice()).size() + value.length()); }",
                "}",
                MAIN,
                "  Names n = new AsyncNames() {};",
                "  n.value = \"abc\";",
                "  return AsyncIO.run(n.twice()) + \" \" + AsyncIO.run(n.size());",
                "} }"));
    assertEquals("[abc, abc] 5", result);
  }

  @Test
  void aConcreteSubclassThatInheritsAsyncMethodsIsWarnedAbout() {
    try (TestCompiler.Result result =
        Programs.compile("Base", source(BASE), "Plain", source("class Plain extends Base {}"))) {
      assertTrue(result.success, result.errorsWithContext());
      assertTrue(
          result.warnings().stream()
              .anyMatch(w -> w.contains("[AsyncInheritedMethod] class 'Plain' inherits @Async method")),
          result.warnings().toString());
    }
  }

  @Test
  void aBaseMachineThatOnlyItsOwnGeneratedClassCanRunIsRefusedOnTheSubclass() {
    try (TestCompiler.Result result =
        Programs.compile(
            "Base",
            source(
                "abstract class Base {",
                "  @Async Coro<String> a() { await(sleep(0)); return done(super.toString().substring(0, 0) + \"a\"); }",
                "}"),
            "Sub",
            source("abstract class Sub extends Base {", "  @Async Coro<String> b() { return done(\"b\"); }", "}"))) {
      assertTrue(!result.success);
      assertTrue(
          result.errors().stream()
              .anyMatch(
                  e ->
                      e.contains("Sub.java")
                          && e.contains("[AsyncInheritedMethod] class 'Sub' inherits @Async method a()")
                          && e.contains("calls super.toString()")),
          result.errors().toString());
    }
  }

  @Test
  void aBaseMachineThatCallsSuperStillRunsOnItsOwnGeneratedClass() {
    Object result =
        Programs.run(
            "Named",
            source("class Named { String name() { return \"named\"; } }"),
            "Base",
            source(
                "abstract class Base extends Named {",
                "  @Async Coro<String> a() { await(sleep(0)); return done(super.name() + \"!\"); }",
                "}",
                MAIN,
                "  return AsyncIO.run(new AsyncBase() {}.a());",
                "} }"));
    assertEquals("named!", result);
  }

  @Test
  void anInterfaceDefaultMethodIsCalledThroughItsSuper() {
    Object result =
        Programs.run(
            "Greeter",
            source("interface Greeter { default String hello(String who) { return \"hello \" + who; } }"),
            "Level",
            source("class Level { int level = 1; }"),
            "Polite",
            source(
                "abstract class Polite extends Level implements Greeter {",
                "  @Override public String hello(String who) { return \"overridden\"; }",
                "  String viaHelper(String who) { return Greeter.super.hello(who); }",
                "}"),
            "Shouter",
            source(
                "abstract class Shouter extends Level implements Greeter {",
                "  @Async Coro<String> shout() {",
                "    String h = Greeter.super.hello(await(v(\"you\")));",
                "    super.level += await(v(2));",
                "    return done(h + \" \" + level + \" \" + super.level);",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(new AsyncShouter() {}.shout());",
                "} }"));
    assertEquals("hello you 3 3", result);
  }

  @Test
  void aSubclassInAnotherPackageInheritsAProtectedAsyncMethod() {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(
        "p.Base",
        "package p;\nimport io.jasyncio.*;\nimport io.jasyncio.annotations.Async;\n"
            + "import static io.jasyncio.AsyncIO.*;\n"
            + "public abstract class Base {\n"
            + "  protected int calls;\n"
            + "  @Async protected Coro<String> a(int n) { calls++; await(sleep(0)); return done(\"a\" + n + calls); }\n"
            + "}\n");
    sources.put(
        "q.Sub",
        "package q;\nimport io.jasyncio.*;\nimport io.jasyncio.annotations.Async;\n"
            + "import static io.jasyncio.AsyncIO.*;\n"
            + "public abstract class Sub extends p.Base {\n"
            + "  @Async Coro<String> b() { calls += 10; return done(await(a(7)) + calls); }\n"
            + "  public static Object run() { return AsyncIO.run(new AsyncSub() {}.b()); }\n"
            + "}\n");
    try (TestCompiler.Result result = TestCompiler.compile(sources)) {
      assertTrue(result.success, result.errorsWithContext());
      assertEquals("a71111", invoke(result, "q.Sub"));
    }
  }

  @Test
  void classesInTwoPackagesCallEachOthersGeneratedClassesByQualifiedName() {
    // q.AsyncB and p.AsyncA named in bodies, each generated in the round that reads the other: a
    // package of one segment ("q") was an unknown name, so A.greet became a stub that throws.
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(
        "p.A",
        "package p;\nimport io.jasyncio.*;\nimport io.jasyncio.annotations.Async;\n"
            + "import static io.jasyncio.AsyncIO.*;\n"
            + "public abstract class A {\n"
            + "  public int hits;\n"
            + "  @Async public Coro<String> greet(String who) {\n"
            + "    hits++;\n"
            + "    await(sleep(0));\n"
            + "    return done(\"hello \" + who + await(q.AsyncB.suffix(hits)));\n"
            + "  }\n"
            + "  @Async public static Coro<Integer> twice(int x) { await(sleep(0)); return done(2 * x); }\n"
            + "}\n");
    sources.put(
        "q.B",
        "package q;\nimport io.jasyncio.*;\nimport io.jasyncio.annotations.Async;\n"
            + "import static io.jasyncio.AsyncIO.*;\n"
            + "public abstract class B extends p.A {\n"
            + "  @Async public static Coro<String> suffix(int n) { return done(\"!\" + await(p.AsyncA.twice(n))); }\n"
            + "  @Async @Override public Coro<String> greet(String who) {\n"
            + "    return done(\"[\" + await(super.greet(who.toUpperCase())) + \"]\");\n"
            + "  }\n"
            + "  @Async Coro<String> both() { return done(await(greet(\"x\")) + await(greet(\"y\")) + hits); }\n"
            + "  public static Object run() { return AsyncIO.run(new AsyncB().both()); }\n"
            + "}\n");
    try (TestCompiler.Result result = TestCompiler.compile(sources)) {
      assertTrue(result.success, result.errorsWithContext());
      assertEquals("[hello X!2][hello Y!4]2", invoke(result, "q.B"));
    }
  }

  private static Object runMain(TestCompiler.Result result) {
    return invoke(result, "t.Main");
  }

  private static Object invoke(TestCompiler.Result result, String type) {
    try {
      Method run = result.load(type).getDeclaredMethod("run");
      run.setAccessible(true);
      return run.invoke(null);
    } catch (InvocationTargetException e) {
      fail(e.getCause());
      return null;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anAbstractAsyncMethodIsAContractThatSubclassesImplement() {
    Object result =
        Programs.run(
            "Shape",
            source(
                "abstract class Shape {",
                "  @Async abstract Coro<Integer> area();",
                "  @Async Coro<String> describe() { return done(\"area \" + await(area())); }",
                "}"),
            "Square",
            source(
                "abstract class Square extends Shape {",
                "  @Async @Override Coro<Integer> area() { await(sleep(0)); return done(4); }",
                "}",
                MAIN,
                "  return AsyncIO.run(new AsyncSquare() {}.describe());",
                "} }"));
    assertEquals("area 4", result);
  }

  @Test
  void anInterfacesAsyncMethodIsAContractThatClassesImplement() {
    Object result =
        Programs.run(
            "Store",
            source("interface Store {", "  @Async Coro<String> get(String key);", "}"),
            "Memory",
            source(
                "abstract class Memory implements Store {",
                "  @Async @Override public Coro<String> get(String key) { await(sleep(0)); return done(key + \"!\"); }",
                "}",
                MAIN,
                "  Store store = new AsyncMemory() {};",
                "  return AsyncIO.run(store.get(\"k\"));",
                "} }"));
    assertEquals("k!", result);
  }

  @Test
  void anInterfacesAsyncDefaultMethodRunsAsAMachineInEveryGeneratedImplementation() {
    // Kotlin's interface with a suspend fun's body: AsyncI implements I and runs it, and so does
    // the generated class of each abstract class implementing I, with virtual dispatch to value().
    Object result =
        Programs.run(
            "Named",
            source(
                "interface Named<T> {",
                "  String PREFIX = \"n:\";",
                "  T value();",
                "  static String tag(Object o) { return \"<\" + o + \">\"; }",
                "  @Async default Coro<String> describe(int times) {",
                "    String out = PREFIX;",
                "    for (int i = 0; i < times; i++) out += tag(await(sleep(0, value())));",
                "    return done(out);",
                "  }",
                "  @Async static Coro<Integer> twice(int x) { await(sleep(0)); return done(tag(x).length() * x); }",
                "}"),
            "Num",
            source(
                "abstract class Num implements Named<Integer> {",
                "  public Integer value() { return 7; }",
                "  @Async Coro<String> all() { return done(await(describe(2)) + await(AsyncNamed.twice(3))); }",
                "}",
                MAIN,
                "  Named<String> plain = new AsyncNamed<String>() { public String value() { return \"v\"; } };",
                "  return AsyncIO.run(new AsyncNum().all()) + \" \" + AsyncIO.run(plain.describe(1));",
                "} }"));
    assertEquals("n:<7><7>9 n:<v>", result);
  }

  @Test
  void anAsyncDefaultMethodInheritedThroughASubInterfaceOfAMemberInterfaceRuns() {
    Object result =
        Programs.run(
            "Api",
            source(
                "abstract class Api {",
                "  interface Source { int next(); @Async default Coro<Integer> sum(int n) {",
                "    int s = 0; for (int i = 0; i < n; i++) { await(sleep(0)); s += next(); } return done(s); } }",
                "  interface Counting extends Source {}",
                "}"),
            "Steps",
            source(
                "abstract class Steps implements Api.Counting {",
                "  int at;",
                "  public int next() { return ++at; }",
                "}",
                MAIN,
                "  Api.Source s = new AsyncSteps() {};",
                "  return AsyncIO.run(s.sum(4));",
                "} }"));
    assertEquals(10, result);
  }

  @Test
  void anInterfaceCompiledEarlierFromItsClassFilesHasItsAsyncDefaultMethodInherited() {
    Map<String, String> first = new LinkedHashMap<>();
    first.put(
        "t.Counter",
        source(
            "public interface Counter {",
            "  int step();",
            "  @Async default Coro<Integer> count(int n) { int s = 0; for (int i = 0; i < n; i++) { await(sleep(0)); s += step(); } return done(s); }",
            "}"));
    try (TestCompiler.Result counter = TestCompiler.compile(first)) {
      assertTrue(counter.success, counter.errorsWithContext());
      Map<String, String> second = new LinkedHashMap<>();
      second.put(
          "t.Threes",
          source(
              "abstract class Threes implements Counter {",
              "  public int step() { return 3; }",
              "  @Async Coro<Integer> twice(int n) { return done(await(count(n)) + await(Counter.super.count(n))); }",
              "}",
              MAIN,
              "  return AsyncIO.run(new AsyncThrees() {}.twice(2));",
              "} }"));
      try (TestCompiler.Result threes = TestCompiler.compileAgainst(counter, second)) {
        assertTrue(threes.success, threes.errorsWithContext());
        assertEquals(12, runMain(threes));
      }
    }
  }

  @Test
  void anInterfaceSuperCallOfAnAsyncDefaultMethodRunsTheInterfacesMachine() {
    // As super.m() of a class's @Async method: the machine of I.m run on this object.
    Object result =
        Programs.run(
            "Greeter",
            source(
                "interface Greeter {",
                "  String name();",
                "  @Async default Coro<String> greet(String who) { await(sleep(0)); return done(name() + \" greets \" + who); }",
                "}"),
            "Loud",
            source(
                "abstract class Loud implements Greeter {",
                "  public String name() { return \"loud\"; }",
                "  @Async @Override public Coro<String> greet(String who) {",
                "    return done(await(Greeter.super.greet(who)).toUpperCase() + \"!\");",
                "  }",
                "}",
                MAIN,
                "  Greeter g = new AsyncLoud() {};",
                "  return AsyncIO.run(g.greet(\"you\"));",
                "} }"));
    assertEquals("LOUD GREETS YOU!", result);
  }

  @Test
  void aRecordOrEnumThatInheritsAnAsyncDefaultMethodIsWarnedAbout() {
    try (TestCompiler.Result result =
        Programs.compile(
            "Greeter",
            source(
                "interface Greeter {",
                "  @Async default Coro<String> greet() { await(sleep(0)); return done(\"hi\"); }",
                "}",
                "record Point(int x) implements Greeter {}",
                "enum Mood implements Greeter { HAPPY }"))) {
      assertTrue(result.success, result.errorsWithContext());
      for (String kind : new String[] {"record 'Point'", "enum 'Mood'"}) {
        assertTrue(
            result.warnings().stream()
                .anyMatch(w -> w.contains("[AsyncInheritedMethod] " + kind + " inherits @Async method greet()")),
            result.warnings().toString());
      }
    }
  }

  @Test
  void anInterfacesPrivateMethodInAnAsyncDefaultBodyIsRefusedWithTheFixForAnInterface() {
    try (TestCompiler.Result result =
        Programs.compile(
            "Greeter",
            source(
                "interface Greeter {",
                "  private String hello() { return \"hi\"; }",
                "  @Async default Coro<String> greet() { await(sleep(0)); return done(hello()); }",
                "}"))) {
      assertTrue(!result.success);
      assertEquals(1, result.errors().size(), result.errors().toString());
      assertTrue(
          result.errors().get(0).contains("[AsyncPrivateAccess]")
              && result.errors().get(0).contains("make it a default or static method"),
          result.errors().toString());
    }
  }

  @Test
  void anAbstractAsyncMethodMustStillReturnACoro() {
    try (TestCompiler.Result result =
        Programs.compile("Shape", source("abstract class Shape {", "  @Async abstract int area();", "}"))) {
      assertTrue(!result.success);
      assertTrue(
          result.errors().stream()
              .anyMatch(e -> e.contains("Shape.java:") && e.contains("[AsyncReturnType] @Async method 'area' returns int")),
          result.errors().toString());
    }
  }

  @Test
  void anInnerSubclassRunsTheInheritedMachinesOfAnInnerBase() {
    // Both inner classes of Server: AsyncServer_Admin runs Base's machine (which does not use the
    // enclosing instance) and its own, which reads the Server's field.
    Object result =
        Programs.run(
            "Server",
            source(
                "class Server {",
                "  int port = 80;",
                "  abstract class Base {",
                "    @Async Coro<String> hello() { await(sleep(0)); return done(\"hello\"); }",
                "  }",
                "  abstract class Admin extends Base {",
                "    @Async Coro<String> greet() { return done(await(hello()) + \" \" + port); }",
                "  }",
                "}",
                MAIN,
                "  return AsyncIO.run(new AsyncServer_Admin(new Server()).greet());",
                "} }"));
    assertEquals("hello 80", result);
  }

  @Test
  void anInheritedMachineThatUsesTheEnclosingInstanceIsRefusedWithTheFix() {
    // Only AsyncServer_Base holds the Server that Base's body reads: Admin must override it.
    try (TestCompiler.Result result =
        Programs.compile(
            "Server",
            source(
                "class Server {",
                "  int port = 80;",
                "  abstract class Base {",
                "    @Async Coro<Integer> port() { await(sleep(0)); return done(port); }",
                "  }",
                "  abstract class Admin extends Base {",
                "    @Async Coro<Integer> twice() { return done(await(port()) * 2); }",
                "  }",
                "}"))) {
      assertTrue(
          result.errors().size() == 1
              && result.errors().get(0).contains("[AsyncInheritedMethod]")
              && result.errors().get(0).contains("enclosing instance of Server")
              && result.errors().get(0).contains("override port() in Admin"),
          result.errors().toString());
    }
  }
}
