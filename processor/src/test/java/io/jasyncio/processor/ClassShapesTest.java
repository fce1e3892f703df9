package io.jasyncio.processor;

import static io.jasyncio.processor.Programs.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shapes of classes and methods the transform handles (DESIGN §3.1, §3.2). */
class ClassShapesTest {

  private static final String MAIN_PREFIX = "class Main { static Object run() throws Exception { ";

  @Test
  void aGenericClassAndAGenericMethod() {
    Object result =
        Programs.run(
            "Box",
            source(
                "abstract class Box<T extends Comparable<T>> {",
                "  final List<T> items = new ArrayList<>();",
                "  @Async Coro<T> largest() {",
                "    T best = null;",
                "    for (T item : items) {",
                "      await(sleep(0));",
                "      if (best == null || item.compareTo(best) > 0) best = item;",
                "    }",
                "    return done(best);",
                "  }",
                "  @Async static <K, V extends Number> Coro<Map<K, V>> single(K key, V value) {",
                "    await(sleep(0));",
                "    Map<K, V> map = new HashMap<>();",
                "    map.put(key, value);",
                "    return done(map);",
                "  }",
                "}",
                MAIN_PREFIX,
                "  Box<String> box = new AsyncBox<>();",
                "  box.items.addAll(List.of(\"b\", \"c\", \"a\"));",
                "  return AsyncIO.run(box.largest()) + AsyncIO.run(AsyncBox.single(\"k\", 1.5));",
                "} }"));
    assertEquals("c{k=1.5}", result);
  }

  @Test
  void aNestedClassSeesItsEnclosingClassesNames() {
    Object result =
        Programs.run(
            "Outer",
            source(
                "class Outer {",
                "  static final String PREFIX = \"p:\";",
                "  static String decorate(String s) { return PREFIX + s; }",
                "  enum Mode { FAST, SLOW }",
                "  abstract static class Inner {",
                "    @Async Coro<String> go(Mode mode) {",
                "      await(sleep(0));",
                "      return done(decorate(mode.name()) + (mode == Mode.SLOW));",
                "    }",
                "  }",
                "}",
                MAIN_PREFIX,
                "  return AsyncIO.run(new AsyncOuter_Inner().go(Outer.Mode.SLOW));",
                "} }"));
    assertEquals("p:SLOWtrue", result);
  }

  @Test
  void anInnerClassReachesItsEnclosingInstanceAcrossAwaits() {
    // Kotlin's inner class with suspend funs: the body names Outer's fields and methods, Outer.this
    // and Outer's other inner classes, as plain Java resolves them; each AsyncOuter_Inner keeps
    // the Outer it was made for.
    Object result =
        Programs.run(
            "Server",
            source(
                "class Server {",
                "  static final String NAME = \"srv\";",
                "  int served;",
                "  final String id;",
                "  Server(String id) { this.id = id; }",
                "  String label(String s) { return id + \":\" + s; }",
                "  class Ticket { final int n = served; }",
                "  abstract class Connection {",
                "    final String peer;",
                "    Connection(String peer) { this.peer = peer; }",
                "    @Async Coro<String> handle(int bytes) {",
                "      served += await(v(bytes));",
                "      Ticket t = new Ticket();",
                "      await(sleep(0));",
                "      Server self = Server.this;",
                "      return done(label(peer) + \"/\" + served + \"/\" + t.n + \"/\" + self.id + \"/\" + NAME);",
                "    }",
                "  }",
                "}",
                MAIN_PREFIX,
                "  Server a = new Server(\"a\"), b = new Server(\"b\");",
                "  String one = AsyncIO.run(new AsyncServer_Connection(a, \"x\").handle(3));",
                "  String two = AsyncIO.run(new AsyncServer_Connection(a, \"y\").handle(4));",
                "  String three = AsyncIO.run(new AsyncServer_Connection(b, \"z\").handle(5));",
                "  return one + \" \" + two + \" \" + three + \" \" + a.served + \" \" + b.served;",
                "} }"));
    assertEquals("a:x/3/3/a/srv a:y/7/7/a/srv b:z/5/5/b/srv 7 5", result);
  }

  @Test
  void anInnerClassMadeForANullEnclosingInstanceThrowsAsJavaDoes() {
    // ((Server) null).new Connection() throws a NullPointerException; so does its AsyncX.
    Object result =
        Programs.run(
            "Server",
            source(
                "class Server {",
                "  abstract class Connection {",
                "    @Async Coro<String> handle() { await(sleep(0)); return done(\"ok\"); }",
                "  }",
                "}",
                MAIN_PREFIX,
                "  return new AsyncServer_Connection(null);",
                "} }"));
    assertInstanceOf(NullPointerException.class, result);
  }

  @Test
  void anInnerClassNamesItsOwnMembersBeforeItsEnclosingClasss() {
    // A field, a method and a member class of Inner hide Outer's of the same names, as in Java;
    // Outer's static method is called on Outer, its instance method on the enclosing instance.
    Object result =
        Programs.run(
            "Outer",
            source(
                "class Outer {",
                "  String name = \"outer\";",
                "  String who() { return \"outer\"; }",
                "  static String shout(String s) { return s.toUpperCase(); }",
                "  String greet(String s) { return \"hi \" + s; }",
                "  class Part { String p() { return \"outer part\"; } }",
                "  abstract class Inner {",
                "    String name = \"inner\";",
                "    String who() { return \"inner\"; }",
                "    class Part { String p() { return \"inner part\"; } }",
                "    @Async Coro<String> go() {",
                "      await(sleep(0));",
                "      return done(name + \",\" + who() + \",\" + new Part().p() + \",\" + shout(greet(Outer.this.name)));",
                "    }",
                "  }",
                "}",
                MAIN_PREFIX,
                "  return AsyncIO.run(new AsyncOuter_Inner(new Outer()).go());",
                "} }"));
    assertEquals("inner,inner,inner part,HI OUTER", result);
  }

  @Test
  void innerClassesOfAnEnumAndARecordAndAGenericInnerClassRun() {
    // The enclosing instance of any class kind; a generic inner class with constructor arguments,
    // a lambda capturing the enclosing instance's field; a static @Async method of an inner class.
    Object result =
        Programs.run(
            "Shapes",
            source(
                "class Shapes {",
                "  enum Color { RED, GREEN;",
                "    int weight() { return name().length(); }",
                "    abstract class Painter { @Async Coro<String> paint() { await(sleep(0)); return done(name() + \":\" + weight()); } }",
                "  }",
                "  record Pt(int x, int y) {",
                "    abstract class Sum { @Async Coro<Integer> sum() { await(sleep(0)); return done(x() + Pt.this.y()); } }",
                "  }",
                "  String suffix = \"!\";",
                "  static int base = 2;",
                "  abstract class Mapper<T> {",
                "    final List<T> items;",
                "    Mapper(List<T> items) { this.items = items; }",
                "    @Async Coro<List<String>> all() {",
                "      List<String> out = new ArrayList<>();",
                "      for (T t : items) { await(sleep(0)); java.util.function.Function<T, String> f = v -> v + suffix; out.add(f.apply(t)); }",
                "      return done(out);",
                "    }",
                "    @Async static Coro<Integer> twice(int n) { await(sleep(0)); return done(n * base); }",
                "  }",
                "}",
                MAIN_PREFIX,
                "  return AsyncIO.run(new AsyncShapes_Color_Painter(Shapes.Color.RED).paint())",
                "      + \" \" + AsyncIO.run(new AsyncShapes_Pt_Sum(new Shapes.Pt(1, 3)).sum())",
                "      + \" \" + AsyncIO.run(new AsyncShapes_Mapper<String>(new Shapes(), List.of(\"a\", \"b\")).all())",
                "      + \" \" + AsyncIO.run(AsyncShapes_Mapper.twice(3));",
                "} }"));
    assertEquals("RED:3 4 [a!, b!] 6", result);
  }

  @Test
  void aRecordComponentFieldReadFromAnInnerClassIsRefusedWithItsAccessor() {
    try (TestCompiler.Result result =
        Programs.compile(
            "Pt",
            source(
                "record Pt(int x, int y) {",
                "  abstract class Sum { @Async Coro<Integer> sum() { await(sleep(0)); return done(x + y); } }",
                "}"))) {
      List<String> errors = result.errors();
      assertTrue(
          !errors.isEmpty()
              && errors.get(0).contains("[AsyncPrivateAccess]")
              && errors.get(0).contains("call its accessor x() instead"),
          errors.toString());
    }
  }

  @Test
  void anEnclosingClasssSuperCallFromAnInnerClassIsRefusedWithTheFix() {
    // Outer.super.m() was refused as the name of an interface Inner does not implement.
    try (TestCompiler.Result result =
        Programs.compile(
            "Outer",
            source(
                "class Base { String hi() { return \"base\"; } }",
                "class Outer extends Base {",
                "  @Override String hi() { return \"outer\"; }",
                "  abstract class Inner {",
                "    @Async Coro<String> m() { await(sleep(0)); return done(Outer.super.hi()); }",
                "  }",
                "}"))) {
      List<String> errors = result.errors();
      assertTrue(
          errors.size() == 1
              && errors.get(0).contains("Outer.java:12")
              && errors.get(0).contains("[AsyncSuperCall]")
              && errors.get(0).contains("on the enclosing Outer")
              && errors.get(0).contains("non-@Async helper method of Outer"),
          errors.toString());
    }
  }

  @Test
  void anInnerClassOfAnInnerOrGenericClassIsRefusedOnItsLine() {
    try (TestCompiler.Result result =
        Programs.compile(
            "Outer",
            source(
                "class Outer<T> {",
                "  abstract class Inner {",
                "    @Async Coro<Integer> run() { return done(1); }",
                "  }",
                "}"))) {
      List<String> errors = result.errors();
      assertTrue(
          errors.size() == 1
              && errors.get(0).contains("Outer.java:9")
              && errors.get(0).contains("[AsyncInnerClass]")
              && errors.get(0).contains("which is generic"),
          errors.toString());
    }
  }

  @Test
  void thisSuperAndXThisMeanWhatTheyMeantInX() {
    Object result =
        Programs.run(
            "Base",
            source(
                "class Base {",
                "  String greet() { return \"base\"; }",
                "  String tag = \"T\";",
                "}",
                "abstract class Derived extends Base {",
                "  String name = \"derived\";",
                "  @Override public String toString() { return \"Derived!\"; }",
                "  @Async Coro<String> go() {",
                "    await(sleep(0));",
                "    java.util.function.Supplier<String> viaLambda = () -> Derived.this.name + this.name;",
                "    Object anon = new Object() { @Override public String toString() { return Derived.this.name; } };",
                "    return done(super.greet() + \"/\" + super.tag + \"/\" + this.name + \"/\" + toString()",
                "        + \"/\" + viaLambda.get() + \"/\" + anon + \"/\" + (this instanceof Derived));",
                "  }",
                "}",
                MAIN_PREFIX,
                "  return AsyncIO.run(new AsyncDerived().go());",
                "} }"));
    assertEquals("base/T/derived/Derived!/derivedderived/derived/true", result);
  }

  @Test
  void overloadsVarargsThrowsAndInterfaces() {
    Object result =
        Programs.run(
            "Service",
            source(
                "interface Api { Coro<String> call(String x); }",
                "abstract class Service implements Api {",
                "  @Async public Coro<String> call(String x) { await(sleep(0)); return done(\"call \" + x); }",
                "  @Async Coro<String> call(int x) { await(sleep(0)); return done(\"int \" + x); }",
                "  @Async Coro<Integer> sum(int... xs) { int s = 0; for (int x : xs) s += await(v(x)); return done(s); }",
                "  @Async Coro<String> risky(boolean fail) throws java.io.IOException {",
                "    await(sleep(0));",
                "    if (fail) throw new java.io.IOException(\"io\");",
                "    return done(\"safe\");",
                "  }",
                "  @Async Coro<String> all() {",
                "    Api api = this;",
                "    String r = await(api.call(\"a\")) + \",\" + await(call(2)) + \",\" + await(sum(1, 2, 3));",
                "    try { await(risky(true)); } catch (java.io.IOException e) { r += \",caught \" + e.getMessage(); }",
                "    return done(r);",
                "  }",
                "}",
                MAIN_PREFIX,
                "  return AsyncIO.run(new AsyncService().all());",
                "} }"));
    assertEquals("call a,int 2,6,caught io", result);
  }

  @Test
  void staticMethodsCallTheirTwinsQualifiedOrNot() {
    Object result =
        Programs.run(
            "Util",
            source(
                "abstract class Util {",
                "  @Async static Coro<Integer> one() { await(sleep(0)); return done(1); }",
                "  @Async static Coro<Integer> two() { return done(await(one()) + await(Util.one())); }",
                "  @Async Coro<Integer> three() { return done(await(two()) + await(t.Util.one())); }",
                "}",
                MAIN_PREFIX,
                "  return AsyncIO.run(new AsyncUtil().three());",
                "} }"));
    assertEquals(3, result);
  }

  @Test
  void constructorsAreMirrored() {
    Object result =
        Programs.run(
            "Named",
            source(
                "abstract class Named {",
                "  final String name;",
                "  protected Named(String name, int... ids) throws java.io.IOException { this.name = name + ids.length; }",
                "  Named() { this.name = \"default\"; }",
                "  @Async Coro<String> name() { await(sleep(0)); return done(name); }",
                "}",
                MAIN_PREFIX,
                "  return AsyncIO.run(new AsyncNamed(\"n\", 1, 2).name()) + AsyncIO.run(new AsyncNamed().name());",
                "} }"));
    assertEquals("n2default", result);
  }

  @Test
  void aClassWithOtherAbstractMethodsGetsAnAbstractAsyncClass() {
    Object result =
        Programs.run(
            "Plugin",
            source(
                "abstract class Plugin {",
                "  abstract String id();",
                "  @Async Coro<String> run() { await(sleep(0)); return done(\"ran \" + id()); }",
                "}",
                "class Concrete extends AsyncPlugin { String id() { return \"c\"; } }",
                MAIN_PREFIX,
                "  return AsyncIO.run(new Concrete().run());",
                "} }"));
    assertEquals("ran c", result);
  }

  @Test
  void runningTheOriginalBodyDirectlyNamesTheGeneratedMethod() {
    Object result =
        Programs.run(
            "Direct",
            source(
                "abstract class Direct {",
                "  @Async static Coro<Integer> work() { return done(await(v(1))); }",
                "}",
                MAIN_PREFIX,
                "  try { Direct.work(); return \"ran\"; } catch (IllegalStateException e) { return e.getMessage(); }",
                "} }"));
    assertTrue(result.toString().contains("AsyncDirect.work(...)"), result.toString());
  }

  @Test
  void aMillionLevelRecursionDoesNotOverflowTheStack() {
    Object result =
        Programs.run(
            "Deep",
            source(
                "abstract class Deep {",
                "  @Async static Coro<Integer> depth(int n) {",
                "    if (n == 0) return done(0);",
                "    return done(1 + await(depth(n - 1)));",
                "  }",
                "}",
                MAIN_PREFIX,
                "  return AsyncIO.run(AsyncDeep.depth(1_000_000));",
                "} }"));
    assertEquals(1_000_000, result);
  }

  @Test
  void anExceptionCarriesTheAwaitingFramesWithTheirOriginalLines() {
    Object result =
        Programs.run(
            "Frames",
            source(
                "abstract class Frames {", // line 8
                "  @Async Coro<String> outer() {", // 9
                "    String r = await(middle());", // 10
                "    return done(r);", // 11
                "  }", // 12
                "  @Async Coro<String> middle() {", // 13
                "    await(sleep(0));", // 14
                "    return done(await(inner()));", // 15
                "  }", // 16
                "  @Async Coro<String> inner() {", // 17
                "    await(sleep(0));", // 18
                "    throw new IllegalStateException(\"deep\");", // 19
                "  }", // 20
                "}",
                MAIN_PREFIX,
                "  try { AsyncIO.run(new AsyncFrames().outer()); return null; } catch (IllegalStateException e) { return e; }",
                "} }"));
    IllegalStateException error = assertInstanceOf(IllegalStateException.class, result);
    List<String> frames = new java.util.ArrayList<>();
    for (StackTraceElement element : error.getStackTrace()) {
      if (element.getClassName().equals("t.Frames")) {
        frames.add(element.toString());
      }
    }
    assertEquals(
        List.of(
            "t.Frames.inner(Frames.java:19)",
            "t.Frames.middle(Frames.java:15)",
            "t.Frames.outer(Frames.java:10)"),
        frames);
    assertEquals(0, error.getSuppressed().length, "the exception is the one plain Java gives");
    assertTrue(error.getStackTrace()[0].toString().startsWith("t.Frames.inner"), frames.toString());
  }

  @Test
  void anExceptionFromStaticChildrenRunInPlaceShowsTheirFramesAndNoGeneratedOnes() {
    // Each await here is a call of the child's $now entry, which creates and runs its machine: the
    // trace shows the user's methods at their lines, and neither $resume nor $now.
    Object result =
        Programs.run(
            "Statics",
            source(
                "abstract class Statics {", // line 8
                "  @Async static Coro<String> outer() {", // 9
                "    await(sleep(0));", // 10
                "    return done(await(middle(1)));", // 11
                "  }", // 12
                "  @Async static Coro<String> middle(int n) {", // 13
                "    String r = String.valueOf(n);", // 14
                "    return done(r + await(inner(r)));", // 15
                "  }", // 16
                "  @Async static Coro<String> inner(String r) {", // 17
                "    if (r.isEmpty()) await(sleep(0));", // 18
                "    throw new IllegalStateException(r);", // 19
                "  }", // 20
                "}",
                MAIN_PREFIX,
                "  try { AsyncIO.run(AsyncStatics.outer()); return null; } catch (IllegalStateException e) { return e; }",
                "} }"));
    IllegalStateException error = assertInstanceOf(IllegalStateException.class, result);
    List<String> frames = new java.util.ArrayList<>();
    for (StackTraceElement element : error.getStackTrace()) {
      assertFalse(element.getClassName().startsWith("t.AsyncStatics"), element.toString());
      if (element.getClassName().equals("t.Statics")) {
        frames.add(element.toString());
      }
    }
    assertEquals(
        List.of(
            "t.Statics.inner(Statics.java:19)",
            "t.Statics.middle(Statics.java:15)",
            "t.Statics.outer(Statics.java:11)"),
        frames);
    assertTrue(error.getStackTrace()[0].toString().startsWith("t.Statics.inner"), frames.toString());
  }

  @Test
  void aThrowInsideACopiedBlockIsReportedAtItsOwnLine() {
    Object result =
        Programs.run(
            "Lines",
            source(
                "abstract class Lines {", // line 8
                "  @Async static Coro<String> m(int n) {", // 9
                "    await(sleep(0));", // 10
                "    if (n > 0) {", // 11
                "      String why = \"positive\";", // 12
                "      throw new IllegalArgumentException(why);", // 13
                "    }", // 14
                "    return done(\"ok\");", // 15
                "  }",
                "}",
                MAIN_PREFIX,
                "  try { AsyncIO.run(AsyncLines.m(1)); return null; } catch (IllegalArgumentException e) { return e; }",
                "} }"));
    IllegalArgumentException error = assertInstanceOf(IllegalArgumentException.class, result);
    assertEquals("t.Lines.m(Lines.java:13)", error.getStackTrace()[0].toString());
  }
  @Test
  void aFieldOfARecordTypeAsAResourceAcrossAnAwait() {
    // "try (res)", a final field of a record type (a final class that is no AsyncContext).
    Object result =
        Programs.run(
            "Held",
            source(
                "abstract class Held {",
                "  record Res(List<String> log) implements AutoCloseable {",
                "    public void close() { log.add(\"closed\"); }",
                "  }",
                "  final Res res = new Res(new ArrayList<>());",
                "  @Async Coro<List<String>> m() {",
                "    try (res) {",
                "      res.log().add(await(v(\"in\")));",
                "    }",
                "    return done(res.log());",
                "  }",
                "}",
                MAIN_PREFIX,
                "  return AsyncIO.run(new AsyncHeld().m()).toString();",
                "} }"));
    assertEquals("[in, closed]", result);
  }
  @Test
  void aSealedClassThatPermitsItsGeneratedClassGetsANonSealedOne() {
    Object result =
        Programs.run(
            "Sealed",
            source(
                "abstract sealed class Sealed permits Sealed.One, AsyncSealed {",
                "  @Async Coro<String> hi() { await(sleep(0)); return done(\"hi\"); }",
                "  abstract static non-sealed class One extends Sealed {}",
                "}",
                MAIN_PREFIX,
                "  return AsyncIO.run(new AsyncSealed().hi());",
                "} }"));
    assertEquals("hi", result);
  }

  @Test
  void aSealedClassThatDoesNotPermitItsGeneratedClassIsRefusedOnItsLine() {
    // The generated class extended it anyway: javac's error was in AsyncSealed.java.
    try (TestCompiler.Result result =
        Programs.compile(
            "Sealed",
            source(
                "abstract sealed class Sealed permits Sealed.One {",
                "  @Async Coro<String> hi() { await(sleep(0)); return done(\"hi\"); }",
                "  static final class One extends Sealed {}",
                "}"))) {
      List<String> errors = result.errors();
      assertTrue(
          errors.size() == 1
              && errors.get(0).contains("Sealed.java:")
              && errors.get(0).contains("[AsyncSealedClass]")
              && errors.get(0).contains("permits .., AsyncSealed"),
          errors.toString());
    }
  }
  @Test
  void typeAnnotationsInSignaturesAndAJdkSuperclassWhoseMethodsAreImplemented() {
    // javac writes List<@t.Shapes.NonNull java.lang.String> for a TYPE_USE annotation, which is
    // not Java: the generated signatures did not compile. And a subclass of AbstractList that
    // implements get and size got an abstract AsyncX (List's abstract methods, implemented by
    // AbstractList's superclasses, are among the members javac lists).
    Object result =
        Programs.run(
            "Annotated",
            source(
                "abstract class Annotated extends AbstractList<String> {",
                "  @java.lang.annotation.Target({java.lang.annotation.ElementType.TYPE_USE,",
                "      java.lang.annotation.ElementType.PARAMETER}) @interface NonNull {}",
                "  final List<String> data = new ArrayList<>(List.of(\"a\", \"b\"));",
                "  @Override public String get(int i) { return data.get(i); }",
                "  @Override public int size() { return data.size(); }",
                "  @Async Coro<@NonNull String> joined(final @NonNull String sep, List<@NonNull String> xs) {",
                "    await(sleep(0));",
                "    List<@NonNull String> kept = xs;",
                "    await(sleep(0));",
                "    return done(String.join(sep, kept) + size());",
                "  }",
                "}",
                MAIN_PREFIX,
                "  AsyncAnnotated a = new AsyncAnnotated();",
                "  return AsyncIO.run(a.joined(\"-\", a));",
                "} }"));
    assertEquals("a-b2", result);
  }
}
