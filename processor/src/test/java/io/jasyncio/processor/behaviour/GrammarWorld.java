package io.jasyncio.processor.behaviour;

import java.util.List;
import java.util.Map;

/**
 * The program every generated body lives in, written once for both runs: with the processor
 * ({@code @Async} methods, package {@code gen}) and as plain Java (package {@code plain}, where
 * {@code await} runs a coroutine in place). A nested class {@code World.Bodies} (static, or in
 * some batches an inner class whose bodies also reach World's instance members) that
 * extends a class with its own {@code @Async} methods and implements an interface with a default
 * method; fields of every primitive and boxed type and of reference types, with names like the
 * machine's own; static and constant fields; nested, inner, record, enum and resource types;
 * members of the enclosing class used by simple name; helpers that log when they run.
 */
final class GrammarWorld {
  private GrammarWorld() {}

  /** The source of {@code World} in package {@code gen} (async) or {@code plain}. */
  static String source(boolean async, Map<String, String> bodies) {
    return source(async, bodies, Map.of());
  }

  /** As {@link #source(boolean, Map, Map)}, {@code Bodies} a static nested class. */
  static String source(
      boolean async, Map<String, String> bodies, Map<String, List<String[]>> generators) {
    return source(async, false, bodies, generators);
  }

  /**
   * As {@link #source(boolean, Map)}, with the generator methods each body's async for-each loops
   * iterate ({@code generators}: body name to (name, body) pairs), written after that body.
   */
  static String source(
      boolean async,
      boolean inner,
      Map<String, String> bodies,
      Map<String, List<String[]>> generators) {
    StringBuilder methods = new StringBuilder();
    for (Map.Entry<String, String> body : bodies.entrySet()) {
      methods
          .append("    @ASYNC Coro<?> ")
          .append(body.getKey())
          .append("(int p) throws Exception {\n")
          .append(async ? body.getValue() : plainLoops(body.getValue()))
          .append("    }\n");
      for (String[] generator : generators.getOrDefault(body.getKey(), List.of())) {
        if (async) {
          methods
              .append("    @Async AsyncGenerator<Integer> ")
              .append(generator[0])
              .append("(int p) throws Exception {\n")
              .append(generator[1])
              .append("    }\n");
        } else {
          methods
              .append("    AsyncGenerator<Integer> ")
              .append(generator[0])
              .append("(int p) throws Exception { return generator(() -> ")
              .append(generator[0])
              .append("body(p)); }\n")
              .append("    AsyncGenerator<Integer> ")
              .append(generator[0])
              .append("body(int p) throws Exception {\n")
              .append(plainLoops(generator[1]))
              .append("    }\n");
        }
      }
    }
    String imports =
        async
            ? "import io.jasyncio.Coro;\n"
                + "import io.jasyncio.AsyncGenerator;\n"
                + "import io.jasyncio.annotations.Async;\n"
                + "import static io.jasyncio.AsyncIO.*;\n"
                + "import static io.jasyncio.processor.behaviour.AsyncHelpers.*;\n"
            : "import io.jasyncio.processor.behaviour.plain.Coro;\n"
                + "import io.jasyncio.processor.behaviour.plain.AsyncGenerator;\n"
                + "import static io.jasyncio.processor.behaviour.plain.Sync.*;\n";
    return TEMPLATE
        .replace("@BODIES\n", methods.toString())
        .replace("@PKG", async ? "gen" : "plain")
        .replace("@IMPORTS", imports)
        // Java 25: the types of java.base by one module import (resolved by the processor too).
        .replace(
            "@JAVAIMPORTS",
            GrammarPrograms.FEATURE >= 25
                ? "import module java.base;"
                : "import java.util.*;\nimport java.util.function.*;")
        .replace("@ABSTRACT", async ? "abstract" : "")
        // An inner Bodies (a World per instance) reaches World's instance members too.
        .replace("@STATIC ", inner ? "" : "static ")
        .replace(" @WSTATE", inner ? " + \",\" + wf" : "")
        .replace("@ASYNC ", async ? "@Async " : "")
        // Bodies name the generated class (its static twins); plain Java gets a stand-in for it.
        + (async
            ? ""
            : "class AsyncWorld_Bodies {\n"
                + "  static Coro<Integer> stwice(int x) { return World.Bodies.stwice(x); }\n"
                + "}\n");
  }

  private static final java.util.regex.Pattern EACH =
      java.util.regex.Pattern.compile("(?s)/\\*EACH (\\d+) (.*?) EACH\\*/");
  private static final java.util.regex.Pattern ITERATED =
      java.util.regex.Pattern.compile("(?s)/\\*<(\\d+)\\*/.*?/\\*>\\*/"); // text blocks span lines
  private static final java.util.regex.Pattern END =
      java.util.regex.Pattern.compile("/\\*END (\\d+)\\*/");

  /**
   * The plain form of a body's async for-each loops: a try-with-resources around each, which
   * closes the generator however the loop is left, as the async loop does.
   */
  static String plainLoops(String body) {
    String text = EACH.matcher(body).replaceAll("try (var it\\$$1 = awaitEach($2)) {");
    // The source may span lines (a text block): the plain loop keeps its line breaks, so that
    // every line below is where it is in the async build (traces are compared line for line).
    text =
        ITERATED
            .matcher(text)
            .replaceAll(
                found ->
                    "it\\$"
                        + found.group(1)
                        + "\n".repeat((int) found.group().chars().filter(c -> c == '\n').count()));
    return END.matcher(text).replaceAll("}");
  }

  /** The line in {@link #source} where the first body's header is. */
  static int firstBodyLine(String source) {
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains("Coro<?> b_")) {
        return i + 1;
      }
    }
    return -1;
  }

  private static final String TEMPLATE =
      """
      package @PKG;

      @IMPORTS
      import io.jasyncio.CancelledError;
      import io.jasyncio.GeneratorExit;
      import io.jasyncio.processor.behaviour.Boom;
      import io.jasyncio.processor.behaviour.Trace;
      @JAVAIMPORTS

      @SuppressWarnings({"jasyncio", "unused", "cast", "rawtypes", "unchecked", "finally", "static",
          "divzero", "fallthrough", "lossy-conversions", "removal", "deprecation", "try", "empty",
          "serial", "dep-ann"})
      public class World {
        static int outerCount;
        static final int OUTER_K = 7;
        static String outerName(int n) { return "o" + n; }
        int wf = 11;
        String wname(int n) { Trace.log("wname " + n); return "w" + n + "/" + wf; }
        class WInner { final String s; WInner(int n) { s = "wi" + n + "/" + wf; } }

        interface Greeter { default String hello(String w) { return "hello " + w; } }

        static class Level {
          int level = 1;
          String lname() { return "level" + level; }
        }

        public @ABSTRACT static class Base extends Level {
          int baseField = 10;
          @ASYNC Coro<Integer> baseTwice(int x) { await(v(0)); return done(x * 2 + baseField); }
          @ASYNC Coro<String> baseEcho(String s) { return done("b" + s); }
        }

        public @ABSTRACT @STATIC class Bodies extends Base implements Greeter {
          int f = 1; long fl = 2L; double fd = 1.5; byte fb = 3; short fs = 4; char fc = 'q';
          float ff = 2.5f; boolean fz = true;
          Integer fi = 5; Long fL = 6L; Boolean fZ = false; Character fC = 'z'; Double fD = 0.5;
          String str = "str";
          int[] arr = {1, 2, 3, 4};
          int[][] grid = {{1, 2}, {3, 4}};
          Cell cell = new Cell(7);
          List<Integer> list = new ArrayList<>(List.of(1, 2, 3));
          Object obj = "obj";
          Color color = Color.GREEN;
          Pt pt = new Pt(1, 2);
          int total$1 = 100; int $in = 5; String $label = "L"; int x$2 = 9;
          static int sf = 3; static String ss = "st";
          { sf = 3; ss = "st"; outerCount = 0; } // each run starts from the same statics
          static final int K = 4; static final String KS = "ks"; static final char KC = 'k';

          static class Cell {
            int v; Integer b; String s = "c"; Cell next;
            Cell() {}
            Cell(int v) { this.v = v; }
            int get() { Trace.log("get " + v); return v; }
            Cell self() { Trace.log("self " + v); return this; }
            @Override public String toString() { return "Cell" + v + "/" + b + "/" + s; }
          }
          record Pt(int x, int y) {}
          @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE_USE) @interface Tu {}
          record Box<T>(T v, String tag) {}
          record Chain<T extends CharSequence>(T head, List<Chain<T>> rest) {}
          enum Color { RED, GREEN, BLUE }
          interface Op { int apply(int a); }
          class Inner {
            int iv = f + 1;
            int outer() { return f + iv; }
          }
          static class Res implements AutoCloseable {
            final String name;
            Res(String name) {
              this.name = name;
              Trace.log("open " + name);
              if (name.startsWith("boom")) throw new Boom("open " + name);
            }
            @Override public void close() {
              Trace.log("close " + name);
              if (name.startsWith("bad")) throw new Boom("close " + name);
            }
            @Override public String toString() { return "Res" + name; }
          }

          static void log(Object o) { Trace.log(o); }
          /** An exception as a log line: its type, and its message unless the JVM made it up. */
          static String msg(Throwable e) {
            return e.getClass().getSimpleName()
                + (e instanceof NullPointerException ? "" : " " + e.getMessage());
          }
          static String mark(String s) { Trace.log("mark " + s); return s; }
          static int count(String s) { Trace.log("count " + s); return s.length(); }
          static int mix(int a, int b) { Trace.log("mix " + a + " " + b); return a * 31 + b; }
          static String pair(Object a, Object b, Object c) { return a + "," + b + "," + c; }
          static String kind(int x) { return "int"; }
          static String kind(long x) { return "long"; }
          static String kind(double x) { return "double"; }
          static String kind(char x) { return "char"; }
          static String kind(Integer x) { return "Integer"; }
          static String kind(Object x) { return "Object"; }
          static <T> T id(T x) { return x; }
          static String joinAll(String sep, Object... parts) {
            StringBuilder b = new StringBuilder();
            for (Object part : parts) b.append(sep).append(part);
            return b.toString();
          }
          static int sum(int... xs) { int s = 0; for (int x : xs) s += x; return s; }
          int inst(int a) { Trace.log("inst " + a); return a + f; }
          String state() {
            return f + "," + fl + "," + fd + "," + fb + "," + fs + "," + fc + "," + ff + "," + fz
                + "," + fi + "," + fL + "," + fZ + "," + fC + "," + fD + "," + str + ","
                + Arrays.toString(arr) + "," + Arrays.deepToString(grid) + "," + cell + "," + list
                + "," + obj + "," + color + "," + pt + "," + total$1 + "," + $in + "," + $label
                + "," + x$2 + "," + sf + "," + ss + "," + level + "," + baseField + "," + outerCount @WSTATE;
          }

          @ASYNC Coro<Integer> twice(int x) { await(v(0)); return done(x * 2); }
          @ASYNC Coro<String> echo(String s) { log("echo " + s); return done(await(v(s))); }
          @ASYNC Coro<Integer> bump(int n) { f += 100; await(v(0)); return done(n); }
          @ASYNC Coro<Integer> deep(int n) { if (n <= 0) return done(0); return done(1 + await(deep(n - 1))); }
          @ASYNC <T> Coro<T> gid(T x) { await(v(0)); return done(x); }
          @ASYNC static Coro<Integer> stwice(int x) { return done(await(v(x)) * 2); }
          @ASYNC Coro<Integer> thrower(String m) { await(v(0)); throw new Boom(m); }
          @ASYNC static Coro<Integer> sthrower(String m, boolean first) { if (first) throw new Boom(m); await(v(0)); throw new Boom(m); }
          @ASYNC @Override Coro<String> baseEcho(String s) { return done("[" + await(super.baseEcho(s)) + "]"); }

      @BODIES
        }
      }
      """;
}
