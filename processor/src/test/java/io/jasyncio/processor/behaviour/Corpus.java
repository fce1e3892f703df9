package io.jasyncio.processor.behaviour;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bodies written once and compiled twice: as {@code @Async} methods of {@code gen.Bodies} (with
 * the processor) and as plain methods of {@code plain.Bodies}, where {@code await} runs a lazy
 * coroutine in place. Each body is a method {@code b_<name>(int p)} returning {@code Coro<?>}.
 */
final class Corpus {
  static final String[] FILES = {
    "bodies-straight.txt", "bodies-expressions.txt", "bodies-control.txt", "bodies-exceptions.txt",
    "bodies-adversarial.txt"
  };

  private Corpus() {}

  /** Name to body text, from the resource files. */
  static Map<String, String> load() {
    Map<String, String> bodies = new LinkedHashMap<>();
    for (String file : FILES) {
      bodies.putAll(parse(read("/behaviour/" + file)));
    }
    return bodies;
  }

  static Map<String, String> parse(String text) {
    Map<String, String> bodies = new LinkedHashMap<>();
    String name = null;
    StringBuilder body = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("//// ")) {
        if (name != null) {
          bodies.put(name, body.toString());
        }
        name = line.substring(5).trim();
        body.setLength(0);
      } else if (name != null) {
        body.append(line).append('\n');
      }
    }
    if (name != null) {
      bodies.put(name, body.toString());
    }
    return bodies;
  }

  private static String read(String resource) {
    try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The class both versions share, with {@code @Async} or without. */
  static String source(boolean async, Map<String, String> bodies) {
    String pkg = async ? "gen" : "plain";
    String at = async ? "@Async " : "";
    List<String> lines = new ArrayList<>();
    lines.add("package " + pkg + ";");
    if (async) {
      lines.add("import io.jasyncio.Coro;");
      lines.add("import io.jasyncio.annotations.Async;");
      lines.add("import static io.jasyncio.AsyncIO.*;");
      lines.add("import static io.jasyncio.processor.behaviour.AsyncHelpers.*;");
    } else {
      lines.add("import io.jasyncio.processor.behaviour.plain.Coro;");
      lines.add("import static io.jasyncio.processor.behaviour.plain.Sync.*;");
    }
    lines.add("import io.jasyncio.CancelledError;");
    lines.add("import io.jasyncio.processor.behaviour.Boom;");
    lines.add("import java.util.*;");
    lines.add("@SuppressWarnings(\"jasyncio\")");
    lines.add("public " + (async ? "abstract " : "") + "class Bodies {");
    lines.add(HELPERS.replace("@ASYNC ", at));
    for (Map.Entry<String, String> body : bodies.entrySet()) {
      lines.add("  " + at + "Coro<?> b_" + body.getKey() + "(int p) throws Exception {");
      lines.add(body.getValue());
      lines.add("  }");
    }
    lines.add("}");
    return String.join("\n", lines) + "\n";
  }

  private static final String HELPERS =
      String.join(
          "\n",
          "  int counter;",
          "  static int shared;",
          "  Integer boxed;",
          "  String name = \"n\";",
          "  int[] arr = new int[8];",
          "  List<Object> items = new ArrayList<>();",
          "  static String mark(String s) { log(\"mark \" + s); return s; }",
          "  static int count(String s) { log(\"count \" + s); return s.length(); }",
          "  static int mix(int a, int b) { log(\"mix \" + a + \" \" + b); return a * 31 + b; }",
          "  static String pair(Object a, Object b, Object c) { return a + \",\" + b + \",\" + c; }",
          "  static String kind(int x) { return \"int \"; }",
          "  static String kind(Integer x) { return \"Integer \"; }",
          "  static String kind(Object x) { return \"Object \"; }",
          "  static String kind(Integer a, int b) { return \"Integer,int \"; }",
          "  static String kind(Object a, Object b) { return \"Object,Object \"; }",
          "  static String pairKind(int a, Integer b) { return \"int,Integer\"; }",
          "  static String pairKind(Object a, Object b) { return \"Object,Object\"; }",
          "  static <T> T first(List<T> list) { return list.get(0); }",
          "  static String joinAll(String sep, String... parts) { return String.join(sep, parts); }",
          "  static final class Changing { int n; @Override public String toString() { return \"c\" + n; } }",
          "  static final class Sized { final int n; Sized(int n, int m) { this.n = n + m; log(\"sized \" + n); } }",
          "  static final class Resource implements AutoCloseable {",
          "    final String name;",
          "    Resource(String name) { this.name = name; log(\"open \" + name); }",
          "    @Override public void close() { log(\"close \" + name); if (name.equals(\"bad\")) throw new Boom(\"close failed\"); }",
          "  }",
          "  @ASYNC Coro<Integer> fib(int n) { if (n < 2) return done(n); return done(await(fib(n - 1)) + await(fib(n - 2))); }",
          "  @ASYNC Coro<Integer> depth(int n) { if (n == 0) return done(0); return done(1 + await(depth(n - 1))); }",
          "  @ASYNC Coro<String> echo(String s) { log(\"echo \" + s); return done(await(v(s))); }",
          "  @ASYNC Coro<Integer> twice(int x) { return done(await(v(x)) * 2); }",
          "  @ASYNC Coro<Integer> bump(int n) { counter += 100; await(v(0)); return done(n); }",
          "  @ASYNC Coro<String> change(Changing c) { c.n++; await(v(0)); return done(\"\"); }",
          "  @ASYNC Coro<Integer> setBoxed(int n) { boxed = n; await(v(0)); return done(1); }",
          "  @ASYNC static Coro<Integer> staticTwice(int x) { return done(await(v(x)) * 2); }",
          "  @ASYNC Coro<String> readIt(String m) throws java.io.IOException { return done(await(io(m))); }",
          "  @ASYNC Coro<Integer> thrower(String m) { await(v(0)); throw new Boom(m); }");
}
