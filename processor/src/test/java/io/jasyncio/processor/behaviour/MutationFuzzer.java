package io.jasyncio.processor.behaviour;

import io.jasyncio.processor.TestSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Mutates valid {@code @Async} sources and compiles each mutant with the processor. A mutant may be
 * any Java, most of it wrong; what must hold whatever it is: the processor does not fail
 * (no {@code [AsyncInternalError]}, no exception out of javac), javac returns within a limit, and
 * no diagnostic is located in a generated file (what is wrong is said on the user's lines).
 *
 * <p>Mutations: delete, duplicate or swap tokens and lines; move {@code await(} into a field, an
 * initializer, a constructor, a lambda, an annotation, an enum constant or an interface method;
 * rename a type to one that does not exist; put one identifier in another's place; give
 * {@code await}, {@code awaitEach} or {@code emit} no argument or two.
 */
final class MutationFuzzer {
  /** What a mutant's compilation came to. */
  enum Outcome {
    COMPILED,
    ERRORS_ON_USER_LINES,
    /**
     * The user's file has errors, and one of them (a type error the processor cannot see without
     * attributing the body) is said again in generated code. Counted, and kept rare.
     */
    ERROR_ALSO_IN_GENERATED_CODE,
    /**
     * An error in generated code while the user's own code has none, or one that names what only
     * the processor writes (see GENERATED_NAME): a defect.
     */
    DIAGNOSTIC_IN_GENERATED_CODE,
    PROCESSOR_FAILED,
    JAVAC_FAILED,
    TIMED_OUT
  }

  /** Counts by outcome, and the first defects in full. */
  static final class Report {
    final Map<Outcome, Integer> counts = new TreeMap<>();
    final Map<String, Integer> mutations = new TreeMap<>();
    final List<String> defects = new ArrayList<>();
    /** What the generated code said again, for the record. */
    final List<String> echoes = new ArrayList<>();
    /** The first mutants whose error was said again, in full (mutant, both errors), to study. */
    final List<String> echoCases = new ArrayList<>();

    void add(Report other) {
      for (String echo : other.echoes) {
        if (echoes.size() < 20) {
          echoes.add(echo);
        }
      }
      other.counts.forEach((k, v) -> counts.merge(k, v, Integer::sum));
      other.mutations.forEach((k, v) -> mutations.merge(k, v, Integer::sum));
      for (String echo : other.echoCases) {
        if (echoCases.size() < 10) {
          echoCases.add(echo);
        }
      }
      for (String defect : other.defects) {
        if (defects.size() < 5) {
          defects.add(defect);
        }
      }
    }

    int defectCount() {
      return counts.getOrDefault(Outcome.DIAGNOSTIC_IN_GENERATED_CODE, 0)
          + counts.getOrDefault(Outcome.PROCESSOR_FAILED, 0)
          + counts.getOrDefault(Outcome.JAVAC_FAILED, 0)
          + counts.getOrDefault(Outcome.TIMED_OUT, 0);
    }

    int total() {
      return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    String summary() {
      return total() + " mutants: " + counts + "; mutations applied: " + mutations;
    }
  }

  private static final long TIME_LIMIT_SECONDS = 60;
  private static final ExecutorService COMPILER =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "mutant-compiler");
            t.setDaemon(true); // a hung javac is abandoned, not waited for
            return t;
          });

  private final Random random;
  private final Report report = new Report();
  private final List<String> echoes = report.echoes;

  MutationFuzzer(long seed) {
    this.random = new Random(seed);
  }

  /** Mutants {@code from} (inclusive) to {@code to} of {@code seed}. */
  static Report run(long seed, int from, int to) {
    Report all = new Report();
    for (int i = from; i < to; i++) {
      MutationFuzzer fuzzer = new MutationFuzzer(seed * 7_000_003L + i);
      fuzzer.one();
      all.add(fuzzer.report);
    }
    return all;
  }

  /** One mutant of one valid source. */
  private void one() {
    String original = validSource();
    String mutant = original;
    int mutations = 1 + random.nextInt(3);
    List<String> applied = new ArrayList<>();
    for (int i = 0; i < mutations; i++) {
      String kind = pickMutation();
      String next = mutate(mutant, kind);
      if (next != null && !next.equals(mutant)) {
        mutant = next;
        applied.add(kind);
        report.mutations.merge(kind, 1, Integer::sum);
      }
    }
    Outcome outcome = compile(mutant, applied);
    report.counts.merge(outcome, 1, Integer::sum);
  }

  private String validSource() {
    Map<String, String> bodies = new LinkedHashMap<>();
    int count = 1 + random.nextInt(3);
    long base = random.nextLong();
    Map<String, List<String[]>> generators = new LinkedHashMap<>();
    boolean inner = report.total() % 4 == 3; // every fourth mutant's Bodies is an inner class
    for (int i = 0; i < count; i++) {
      GrammarPrograms program = new GrammarPrograms(base + i);
      program.owner = "b_" + i;
      program.innerWorld = inner;
      bodies.put("b_" + i, program.body());
      generators.put("b_" + i, new ArrayList<>(program.generators()));
    }
    return GrammarWorld.source(true, inner, bodies, generators);
  }

  private static final String[] MUTATIONS = {
    "delete-token", "duplicate-token", "swap-tokens", "delete-line", "duplicate-line", "swap-lines",
    "await-in-field", "await-in-initializer", "await-in-constructor", "await-in-lambda",
    "await-in-annotation", "await-in-enum-constant", "await-in-interface", "undefined-type",
    "swap-identifier", "emit-not-awaited", "emit-in-coroutine", "each-outside-loop",
    "generator-returns-value", "each-in-lambda", "wrong-arity", "break-awaited-method",
    "return-without-done", "await-dropped", "async-in-interface", "body-made-static"
  };

  /** The world's {@code @Async} helpers that bodies await in place (through their machines). */
  private static final java.util.regex.Pattern AWAITED_HELPER =
      java.util.regex.Pattern.compile(
          "@Async (?:static )?Coro<Integer> (?:stwice|twice|sthrower|bump)\\([^)]*\\) \\{");

  /**
   * An error in generated code that names what only the processor writes (a machine class, its
   * entry, the runtime's hooks): not the user's error said again in copied code, but code written
   * around it, which must never fail.
   */
  private static final java.util.regex.Pattern GENERATED_NAME =
      java.util.regex.Pattern.compile(
          "\\$coro\\b|\\$(now|await|awaitReturned|result|enter|left|failed|Staged|spilled|same|element|next|resume|enteredBy|leftTo|failedAt|caught)\\b");

  /** {@code -Djasyncio.fuzz.only=a,b}: only these mutations (to aim a run at one slip). */
  private static final String[] ONLY =
      System.getProperty("jasyncio.fuzz.only") == null
          ? null
          : System.getProperty("jasyncio.fuzz.only").split(",");

  private String pickMutation() {
    String[] from = ONLY != null ? ONLY : MUTATIONS;
    return from[random.nextInt(from.length)];
  }

  private String mutate(String source, String kind) {
    List<Token> tokens = tokens(source);
    if (tokens.size() < 10) {
      return null;
    }
    int body = source.indexOf("Coro<?> b_");
    List<Token> inBodies = new ArrayList<>();
    for (Token token : tokens) {
      if (token.start > body) {
        inBodies.add(token);
      }
    }
    if (inBodies.isEmpty()) {
      inBodies = tokens;
    }
    Token t = inBodies.get(random.nextInt(inBodies.size()));
    String[] lines = source.split("\n", -1);
    int firstBodyLine = GrammarWorld.firstBodyLine(source);
    int line = firstBodyLine + random.nextInt(Math.max(1, lines.length - firstBodyLine - 1));
    String afterBodies = "      @Async Coro<?> fuzzed(int p) throws Exception { return done(1); }\n";
    return switch (kind) {
      case "break-awaited-method" -> {
        // One of the helpers the bodies await in place gets an error of its own: its body becomes
        // a stub, and the awaits of it elsewhere must still compile (they name its machine).
        java.util.regex.Matcher helpers = AWAITED_HELPER.matcher(source);
        List<Integer> ends = new ArrayList<>();
        while (helpers.find()) {
          ends.add(helpers.end());
        }
        if (ends.isEmpty()) {
          yield null;
        }
        int at = ends.get(random.nextInt(ends.size()));
        yield source.substring(0, at) + " Undefined" + random.nextInt(9) + " broken = null;" + source.substring(at);
      }
      case "delete-token" -> source.substring(0, t.start) + source.substring(t.end);
      case "duplicate-token" -> source.substring(0, t.end) + " " + t.text + source.substring(t.end);
      case "swap-tokens" -> {
        int i = inBodies.indexOf(t);
        if (i + 1 >= inBodies.size()) {
          yield null;
        }
        Token u = inBodies.get(i + 1);
        yield source.substring(0, t.start) + u.text + source.substring(t.end, u.start) + t.text + source.substring(u.end);
      }
      case "delete-line" -> joinWithout(lines, line);
      case "duplicate-line" -> joinWith(lines, line, lines[Math.min(line, lines.length - 1)]);
      case "swap-lines" -> {
        if (line + 1 >= lines.length) {
          yield null;
        }
        String[] copy = lines.clone();
        copy[line] = lines[line + 1];
        copy[line + 1] = lines[line];
        yield String.join("\n", copy);
      }
      case "await-in-field" -> insertMember(source, "int awaited = await(v(1));");
      case "emit-not-awaited" -> source.contains("await(emit(")
          ? source.replaceFirst("await\\(emit\\(", "(emit(")
          : insertMember(source, "@Async io.jasyncio.AsyncGenerator<Integer> gx() { emit(1); return stopIteration(); }");
      case "emit-in-coroutine" -> insertMember(source, "@Async Coro<Integer> ex() { await(emit(1)); return done(1); }");
      case "each-outside-loop" -> source.contains("awaitEach(")
          ? source.replaceFirst("awaitEach\\(", "java.util.Objects.requireNonNull(awaitEach(")
              .replaceFirst("/\\*>\\*/", ")/*>*/")
          : insertMember(source, "@Async Coro<Integer> eo() { Iterable<Integer> it = awaitEach(null); return done(1); }");
      case "generator-returns-value" -> source.contains("return stopIteration();")
          ? source.replaceFirst("return stopIteration\\(\\);", "return null;")
          : insertMember(source, "@Async io.jasyncio.AsyncGenerator<Integer> gv() { await(emit(1)); return null; }");
      case "each-in-lambda" -> insertMember(source,
          "java.util.function.IntSupplier eachLazy = () -> { for (int x : awaitEach(io.jasyncio.iteration.AsyncIterables.of(1))) { } return 1; };");
      case "return-without-done" -> {
        // The commonest slip of all: "return x;" for "return done(x);" in a coroutine body (the
        // body then awaits what it returns).
        List<Integer> returns = new ArrayList<>();
        for (int at = source.indexOf("return done(", body); at >= 0; at = source.indexOf("return done(", at + 1)) {
          returns.add(at);
        }
        if (returns.isEmpty()) {
          yield null;
        }
        int open = returns.get(random.nextInt(returns.size())) + "return done(".length();
        int close = open;
        for (int depth = 1; close < source.length() && depth > 0; close++) {
          depth += source.charAt(close) == '(' ? 1 : source.charAt(close) == ')' ? -1 : 0;
        }
        String inner = source.substring(open, close - 1);
        yield source.substring(0, open - "done(".length()) + (inner.isEmpty() ? "null" : inner) + source.substring(close);
      }
      case "await-dropped" -> {
        // The slip every newcomer to coroutines makes: "int x = m();" for "int x = await(m());"
        // (an await left out, the coroutine used as its value).
        List<Integer> awaits = new ArrayList<>();
        for (int at = source.indexOf("await(", body); at >= 0; at = source.indexOf("await(", at + 1)) {
          if (at == 0 || !Character.isJavaIdentifierPart(source.charAt(at - 1))) {
            awaits.add(at);
          }
        }
        if (awaits.isEmpty()) {
          yield null;
        }
        int at = awaits.get(random.nextInt(awaits.size()));
        int open = at + "await(".length();
        int close = open;
        for (int depth = 1; close < source.length() && depth > 0; close++) {
          depth += source.charAt(close) == '(' ? 1 : source.charAt(close) == ')' ? -1 : 0;
        }
        yield source.substring(0, at) + source.substring(open, close - 1) + source.substring(close);
      }
      case "wrong-arity" -> {
        // await(..), awaitEach(..) or emit(..) given no argument or two: the transform reads
        // their one argument
        String[] calls = {"await(", "awaitEach(", "emit("};
        String call = calls[random.nextInt(calls.length)];
        int at = source.indexOf(call, body);
        if (at < 0) {
          yield null;
        }
        int open = at + call.length();
        int close = open;
        for (int depth = 1; close < source.length() && depth > 0; close++) {
          depth += source.charAt(close) == '(' ? 1 : source.charAt(close) == ')' ? -1 : 0;
        }
        yield random.nextBoolean()
            ? source.substring(0, open) + ")" + source.substring(close) // no argument
            : source.substring(0, open) + "null, " + source.substring(open); // two
      }
      case "await-in-initializer" -> insertMember(source, "{ int x = await(v(1)); log(x); }");
      case "await-in-constructor" -> insertMember(source, "Bodies() { log(await(v(1))); }");
      case "await-in-lambda" -> insertMember(source, "java.util.function.IntSupplier lazy = () -> await(v(1));");
      case "await-in-annotation" -> insertMember(source, "@SuppressWarnings(await(v(\"x\"))) int annotated;");
      case "await-in-enum-constant" -> insertMember(source, "enum Mode { A { int n() { return await(v(1)); } }; int n() { return 0; } }");
      case "await-in-interface" -> insertMember(source, "interface Waiting { default int w() { return await(v(1)); } }");
      case "body-made-static" -> {
        // A body declared static: its instance members (and, in an inner World's Bodies, World's)
        // are javac's error, which must not be said again in generated code.
        int at = source.indexOf("@Async Coro<?> b_");
        yield at < 0 ? null : source.substring(0, at) + "@Async static Coro<?> b_" + source.substring(at + "@Async Coro<?> b_".length());
      }
      case "async-in-interface" -> {
        // An interface's @Async default method (it runs in AsyncX of its implementations): as
        // written, with the await left out, or reading a private method of the interface.
        String[] slips = {"await(v(base()))", "v(base())", "await(v(hidden()))"};
        yield insertMember(
            source,
            "interface Waiting { int base(); private int hidden() { return 1; }"
                + " @Async default Coro<Integer> w(int k) { int s = 0;"
                + " for (int i = 0; i < k; i++) s += "
                + slips[random.nextInt(slips.length)]
                + "; return done(s); } }");
      }
      case "undefined-type" -> {
        List<Token> types = new ArrayList<>();
        for (Token token : inBodies) {
          if (token.identifier && Character.isUpperCase(token.text.charAt(0))) {
            types.add(token);
          }
        }
        if (types.isEmpty()) {
          yield null;
        }
        Token type = types.get(random.nextInt(types.size()));
        yield source.substring(0, type.start) + "Undefined" + random.nextInt(9) + source.substring(type.end);
      }
      case "swap-identifier" -> {
        List<Token> names = new ArrayList<>();
        for (Token token : inBodies) {
          if (token.identifier) {
            names.add(token);
          }
        }
        if (names.size() < 2) {
          yield null;
        }
        Token a = names.get(random.nextInt(names.size()));
        Token b = names.get(random.nextInt(names.size()));
        yield source.substring(0, a.start) + b.text + source.substring(a.end);
      }
      default -> afterBodies;
    };
  }

  private String insertMember(String source, String member) {
    int at = source.indexOf("    @Async Coro<?> b_");
    return at < 0 ? null : source.substring(0, at) + "    " + member + "\n" + source.substring(at);
  }

  private static String joinWithout(String[] lines, int index) {
    List<String> kept = new ArrayList<>(List.of(lines));
    if (index < kept.size()) {
      kept.remove(index);
    }
    return String.join("\n", kept);
  }

  private static String joinWith(String[] lines, int index, String line) {
    List<String> kept = new ArrayList<>(List.of(lines));
    kept.add(Math.min(index, kept.size()), line);
    return String.join("\n", kept);
  }

  private Outcome compile(String mutant, List<String> applied) {
    Future<TestSupport.Compiled> task =
        COMPILER.submit(() -> TestSupport.compileWithProcessor("gen.World", mutant));
    TestSupport.Compiled compiled;
    try {
      compiled = task.get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException hung) {
      task.cancel(true);
      defect("javac did not return within " + TIME_LIMIT_SECONDS + " s", applied, mutant, "");
      return Outcome.TIMED_OUT;
    } catch (Exception failed) {
      defect("javac failed: " + failed.getCause(), applied, mutant, "");
      return Outcome.JAVAC_FAILED;
    }
    try (compiled) {
      if (compiled.success()) {
        return Outcome.COMPILED;
      }
      for (Diagnostic<? extends JavaFileObject> d : compiled.diagnostics()) {
        String message = d.getMessage(Locale.ROOT);
        if (message.contains("[AsyncInternalError]")) {
          defect(message, applied, mutant, "");
          return Outcome.PROCESSOR_FAILED;
        }
      }
      boolean userErrors = false;
      for (Diagnostic<? extends JavaFileObject> d : compiled.diagnostics()) {
        String file = d.getSource() == null ? "" : d.getSource().getName();
        userErrors |= d.getKind() == Diagnostic.Kind.ERROR && (file.endsWith("/World.java") || file.isEmpty());
      }
      for (Diagnostic<? extends JavaFileObject> d : compiled.diagnostics()) {
        String file = d.getSource() == null ? "" : d.getSource().getName();
        if (d.getKind() == Diagnostic.Kind.ERROR && !file.endsWith("/World.java") && !file.isEmpty()) {
          if (userErrors && !namesGeneratedCode(d.getMessage(Locale.ROOT))) {
            String echo =
                file.substring(file.lastIndexOf('/') + 1) + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT).split("\n")[0];
            echoes.add(echo);
            report.echoCases.add(echo + "\n  mutations: " + applied + "\n" + compiled.errors() + "\n--- mutant:\n" + mutant);
            return Outcome.ERROR_ALSO_IN_GENERATED_CODE;
          }
          defect(
              file.substring(file.lastIndexOf('/') + 1) + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT),
              applied,
              mutant,
              compiled.errors());
          return Outcome.DIAGNOSTIC_IN_GENERATED_CODE;
        }
      }
      return Outcome.ERRORS_ON_USER_LINES;
    }
  }

  /**
   * Whether javac's message says what it found wrong in terms of what only the processor writes:
   * its summary or its "symbol:" line (not the "location:", which names the machine for any error
   * in it; not a class declared in a body, which javac names after the machine, {@code $coro$1}).
   */
  static boolean namesGeneratedCode(String message) {
    for (String line : message.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith("location:")) {
        continue;
      }
      if (GENERATED_NAME.matcher(trimmed.replaceAll("\\$coro\\$\\d+", "")).find()) {
        return true;
      }
    }
    return false;
  }

  private void defect(String what, List<String> applied, String mutant, String errors) {
    if (report.defects.size() < 5) {
      String diff = errors.length() > 3000 ? errors.substring(0, 3000) + "..." : errors;
      report.defects.add(what + "\n  mutations: " + applied + "\n" + diff + "\n--- mutant:\n" + mutant);
    }
  }

  /** A token of Java source: where it is, its text, and whether it is an identifier. */
  private record Token(int start, int end, String text, boolean identifier) {}

  /** A lexer good enough for mutation: comments and literals are single tokens. */
  static List<Token> tokens(String source) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      int start = i;
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (source.startsWith("//", i)) {
        i = source.indexOf('\n', i);
        i = i < 0 ? n : i;
        continue;
      }
      if (source.startsWith("/*", i)) {
        i = source.indexOf("*/", i + 2);
        i = i < 0 ? n : i + 2;
        continue;
      }
      if (source.startsWith("\"\"\"", i)) {
        int close = source.indexOf("\"\"\"", i + 3);
        i = close < 0 ? n : close + 3;
      } else if (c == '"' || c == '\'') {
        i++;
        while (i < n && source.charAt(i) != c) {
          i += source.charAt(i) == '\\' ? 2 : 1;
        }
        i = Math.min(n, i + 1);
      } else if (Character.isJavaIdentifierStart(c)) {
        while (i < n && Character.isJavaIdentifierPart(source.charAt(i))) {
          i++;
        }
      } else if (Character.isDigit(c)) {
        while (i < n && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '.')) {
          i++;
        }
      } else {
        i++;
      }
      String text = source.substring(start, i);
      tokens.add(new Token(start, i, text, Character.isJavaIdentifierStart(c)));
    }
    return tokens;
  }
}
