package io.jasyncio.processor.behaviour;

import io.jasyncio.processor.TestSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Runs batches of {@link GrammarPrograms} the way the issue asks: each program is compiled as plain
 * Java first (javac's rejects are discarded), then with the processor, where any error is a defect
 * (located in the generated code) or a refusal of valid Java (located on the user's line); what
 * compiles is run as {@code @Async} on the loop and as plain Java, and then cancelled at each of its
 * await points in turn: same result or exception, same trace, nothing left on the loop.
 */
final class GrammarHarness {
  private GrammarHarness() {}

  /** What a batch found. */
  static final class Report {
    int generated;
    int rejectedByJavac;
    int compared;
    int cancellations;
    /** Programs with async for-each loops over generators of their own. */
    int withGenerators;
    final List<String> refusals = new ArrayList<>();
    /**
     * Programs left out for a javac defect: javac 17 cannot attribute code after I.super.m() (a
     * refusal), or wrote a method of the user's class that the JVM does not verify.
     */
    int javacLimitations;
    /** Refusals of valid Java that the README lists with their reason (see where counted). */
    int documentedRefusals;
    final List<String> compileDefects = new ArrayList<>();
    final List<String> mismatches = new ArrayList<>();
    /** Why javac rejected programs: its messages, counted (to keep the generator honest). */
    final Map<String, Integer> rejections = new TreeMap<>();

    void add(Report other) {
      generated += other.generated;
      rejectedByJavac += other.rejectedByJavac;
      compared += other.compared;
      cancellations += other.cancellations;
      withGenerators += other.withGenerators;
      refusals.addAll(other.refusals);
      javacLimitations += other.javacLimitations;
      documentedRefusals += other.documentedRefusals;
      compileDefects.addAll(other.compileDefects);
      mismatches.addAll(other.mismatches);
      other.rejections.forEach((k, v) -> rejections.merge(k, v, Integer::sum));
    }

    boolean clean() {
      return refusals.isEmpty() && compileDefects.isEmpty() && mismatches.isEmpty();
    }

    String summary() {
      return String.format(
          "%d programs generated (%d with async for-each loops over generators), %d rejected by"
              + " javac as plain Java, %d compared with plain Java (%d cancelled runs); %d refused"
              + " (%d more for a javac 17 defect, %d as the README says), %d did not compile, %d"
              + " behaved differently",
          generated,
          withGenerators,
          rejectedByJavac,
          compared,
          cancellations,
          refusals.size(),
          javacLimitations,
          documentedRefusals,
          compileDefects.size(),
          mismatches.size());
    }
  }

  private static final int MAX_REPORTED = 5;

  /** Programs {@code from} (inclusive) to {@code to} (exclusive) of {@code seed}, in one batch. */
  static Report batch(long seed, int from, int to, boolean cancellations) {
    Report report = new Report();
    Map<String, String> bodies = new LinkedHashMap<>();
    Map<String, List<String[]>> generators = new LinkedHashMap<>();
    boolean inner = innerWorld(seed, from);
    for (int i = from; i < to; i++) {
      GrammarPrograms program = new GrammarPrograms(seed * 1_000_003L + i);
      program.owner = "b_" + i;
      program.innerWorld = inner;
      bodies.put("b_" + i, program.body());
      if (!program.generators().isEmpty()) {
        generators.put("b_" + i, new ArrayList<>(program.generators()));
        report.withGenerators++;
      }
    }
    report.generated = bodies.size();
    int miscompiled = 0;
    for (;;) {
      Report attempt = new Report();
      attempt.generated = report.generated;
      attempt.withGenerators = report.withGenerators;
      try {
        compare(seed, inner, bodies, generators, cancellations, attempt);
        attempt.javacLimitations += miscompiled;
        return attempt;
      } catch (VerifyError e) {
        // javac itself wrote a method the JVM refuses ("Inconsistent stackmap frames"): a javac
        // defect in the user's own method, outside the transform. Counted, left out, run again.
        java.util.regex.Matcher method =
            java.util.regex.Pattern.compile("\\bb_\\d+\\b").matcher(String.valueOf(e.getMessage()));
        if (!method.find() || bodies.remove(method.group()) == null) {
          throw e;
        }
        generators.remove(method.group());
        miscompiled++;
      }
    }
  }

  /**
   * Whether the batch of {@code seed} that starts at {@code from} puts Bodies in World as an inner
   * class (a quarter of batches, drawn from both; the bounded run's first two are).
   */
  static boolean innerWorld(long seed, int from) {
    return new java.util.SplittableRandom(seed * 31 + from).nextInt(4) == 1;
  }

  private static void compare(
      long seed,
      boolean inner,
      Map<String, String> bodies,
      Map<String, List<String[]>> generators,
      boolean cancellations,
      Report report) {
    // 1. Plain Java: keep what javac accepts (and keep its classes, to run them later).
    TestSupport.Compiled plainWorld = null;
    String plainSource = null;
    for (int attempt = 0; attempt < 6 && !bodies.isEmpty(); attempt++) {
      String plain = GrammarWorld.source(false, inner, bodies, generators);
      TestSupport.Compiled result = TestSupport.compilePlain("plain.World", plain);
      if (result.success()) {
        plainWorld = result;
        plainSource = plain;
        break;
      }
      List<String> bad = bodiesWithErrors(plain, result.diagnostics(), "World.java", report.rejections);
      result.close();
      if (bad.isEmpty()) {
        throw new AssertionError("the plain world does not compile:\n" + result.errors());
      }
      report.rejectedByJavac += bad.size();
      bad.forEach(bodies::remove);
    }
    if (plainWorld == null) {
      return;
    }
    // 2. With the processor: any error now is ours.
    TestSupport.Compiled async = null;
    String asyncSource = null;
    for (int attempt = 0; attempt < 12 && !bodies.isEmpty(); attempt++) {
      String source = GrammarWorld.source(true, inner, bodies, generators);
      asyncSource = source;
      String split = System.getProperty("jasyncio.grammar.split");
      TestSupport.Compiled compiled =
          split == null
              ? TestSupport.compileWithProcessor("gen.World", source)
              : TestSupport.compileWithProcessor("gen.World", source, "-Ajasyncio.split=" + split);
      if (compiled.success()) {
        async = compiled;
        break;
      }
      List<String> culprits = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : compiled.diagnostics()) {
        if (d.getKind() != Diagnostic.Kind.ERROR) {
          continue;
        }
        String file = d.getSource() == null ? "" : d.getSource().getName();
        String body;
        String message = d.getMessage(java.util.Locale.ROOT);
        if (file.endsWith("/World.java")) {
          body = bodyAt(source, (int) d.getLineNumber());
          if (body != null && message.contains("fails to attribute the code before it")) {
            report.javacLimitations++;
          } else if (body != null && message.contains("which the processor is generating from this code")) {
            // A refusal the README gives the reason for: a var whose type needs the generated class.
            report.documentedRefusals++;
          } else if (body != null) {
            add(report.refusals, body + ": " + message + "\n" + bodies.get(body));
          }
        } else {
          String generated = compiled.generatedSource(file);
          body = machineAt(generated, (int) d.getLineNumber());
          if (body != null) {
            add(
                report.compileDefects,
                body
                    + " (seed "
                    + seed
                    + "): "
                    + message
                    + "\n"
                    + context(generated, (int) d.getLineNumber())
                    + "\nbody:\n"
                    + bodies.get(body));
          }
        }
        if (body != null) {
          culprits.add(body);
        } else {
          add(report.compileDefects, "(unlocated) " + file + ":" + d.getLineNumber() + ": " + message);
        }
      }
      compiled.close();
      if (culprits.isEmpty()) {
        plainWorld.close();
        return;
      }
      culprits.forEach(bodies::remove);
    }
    if (async == null) {
      plainWorld.close();
      return;
    }
    // 3. Run both (the plain classes may hold bodies since dropped: they are not run); then cancel
    // at each await point.
    TestSupport.Compiled compiledAsync = async;
    try (compiledAsync;
        var plainResult = plainWorld) {
      Class<?> asyncType = compiledAsync.load("gen.AsyncWorld_Bodies");
      Class<?> plainType = plainResult.load("plain.World$Bodies");
      for (Map.Entry<String, String> body : bodies.entrySet()) {
        String method = body.getKey();
        Runs.Outcome plain = Runs.plain(plainType, method, 0);
        Runs.Outcome run = Runs.async(asyncType, method, 0);
        report.compared++;
        if (!plain.comparable().equals(run.comparable()) || run.leftovers() != plain.leftovers()) {
          add(report.mismatches, mismatch(seed, method, 0, plain, run, body.getValue()));
          continue;
        }
        // The exception's trace: the program's methods, each at the line plain Java gives.
        List<String> plainFrames = StackLines.of(plain.frames(), plainSource);
        List<String> asyncFrames = StackLines.of(run.frames(), asyncSource);
        // A class file has no line numbers past line 65,535 of its source: a machine written there
        // in the generated file (this one holds every body of the batch) has no lines to map.
        if (!StackLines.samePlaces(plainFrames, asyncFrames)
            && !beyondLineNumbers(compiledAsync.generatedSource("gen/AsyncWorld_Bodies.java"), method)) {
          if (System.getProperty("jasyncio.grammar.dump") != null) {
            try {
              java.nio.file.Files.writeString(
                  java.nio.file.Path.of(System.getProperty("jasyncio.grammar.dump"), method + ".java"),
                  compiledAsync.generatedSource("gen/AsyncWorld_Bodies.java"));
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
          add(
              report.mismatches,
              method
                  + " (seed "
                  + seed
                  + "): the exception's frames differ\n  plain: "
                  + plainFrames
                  + "\n  async: "
                  + asyncFrames
                  + "\n"
                  + body.getValue());
          continue;
        }
        if (!cancellations) {
          continue;
        }
        for (int k = 1; k <= plain.steps(); k++) {
          Runs.Outcome plainCancelled = Runs.plain(plainType, method, k);
          Runs.Outcome cancelled = Runs.async(asyncType, method, k);
          report.cancellations++;
          if (!plainCancelled.comparable().equals(cancelled.comparable())
              || cancelled.leftovers() != plainCancelled.leftovers()) {
            add(
                report.mismatches,
                mismatch(seed, method, k, plainCancelled, cancelled, body.getValue()));
            break;
          }
        }
      }
    }
    return;
  }

  /**
   * Whether the machine of body {@code method} or of one of its generators ends past the last line
   * a class file can number.
   */
  private static boolean beyondLineNumbers(String generated, String method) {
    String generators = "class g_" + method.substring(2) + "_";
    for (int at = generated.indexOf("class "); at >= 0; at = generated.indexOf("class ", at + 1)) {
      if (generated.startsWith("class " + method + "$coro ", at) || generated.startsWith(generators, at)) {
        int next = generated.indexOf("  private static final class ", at + 1);
        String upTo = generated.substring(0, next < 0 ? generated.length() : next);
        if (upTo.chars().filter(c -> c == '\n').count() >= 65_535) {
          return true;
        }
      }
    }
    return false;
  }

  private static void add(List<String> list, String item) {
    if (list.size() < MAX_REPORTED) {
      list.add(item);
    } else {
      list.add("...");
      if (list.size() > MAX_REPORTED + 1) {
        list.remove(list.size() - 1);
      }
    }
  }

  private static String mismatch(
      long seed, String method, int cancelAt, Runs.Outcome plain, Runs.Outcome async, String body) {
    return method
        + " (seed "
        + seed
        + (cancelAt > 0 ? ", cancelled at await " + cancelAt : "")
        + ")\n  plain: "
        + plain.comparable()
        + "\n  async: "
        + async.comparable()
        + " leftovers="
        + async.leftovers()
        + " (plain: "
        + plain.leftovers()
        + ")"
        + "\n"
        + body;
  }

  /** The bodies the diagnostics point into; their messages are counted in {@code why}. */
  private static List<String> bodiesWithErrors(
      String source,
      List<Diagnostic<? extends JavaFileObject>> diagnostics,
      String file,
      Map<String, Integer> why) {
    List<String> bad = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
      if (d.getKind() == Diagnostic.Kind.ERROR
          && d.getSource() != null
          && d.getSource().getName().endsWith(file)) {
        String body = bodyAt(source, (int) d.getLineNumber());
        if (body != null && !bad.contains(body)) {
          bad.add(body);
          String message = d.getMessage(java.util.Locale.ROOT).split("\n")[0];
          why.merge(message.replaceAll("'[^']*'|\"[^\"]*\"|[a-z]\\d+", "_"), 1, Integer::sum);
        }
      }
    }
    return bad;
  }

  // A body b_n and its generators g_n_k (and, in the plain world, their g_n_kbody methods).
  private static final Pattern HEADER =
      Pattern.compile("(?:Coro<\\?> b_|AsyncGenerator<Integer> g_)(\\d+)(?:_\\d+(?:body)?)?\\(int p\\)");
  private static final Pattern MACHINE = Pattern.compile("class [bg]_(\\d+)(?:_\\d+)?\\$coro");
  private static final Pattern ENTRY = Pattern.compile("\\b[bg]_(\\d+)(?:_\\d+)?(\\$new)?\\(");

  /** The body whose method contains {@code line} of the world's source. */
  static String bodyAt(String source, int line) {
    String[] lines = source.split("\n", -1);
    for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
      Matcher m = HEADER.matcher(lines[i]);
      if (m.find()) {
        return "b_" + m.group(1);
      }
    }
    return null;
  }

  /** The body whose state machine (or entry method) contains {@code line} of generated code. */
  static String machineAt(String generated, int line) {
    String[] lines = generated.split("\n", -1);
    for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
      Matcher m = MACHINE.matcher(lines[i]);
      if (m.find()) {
        return "b_" + m.group(1);
      }
    }
    if (line >= 1 && line <= lines.length) {
      Matcher m = ENTRY.matcher(lines[line - 1]);
      if (m.find()) {
        return "b_" + m.group(1);
      }
    }
    return null;
  }

  private static String context(String text, int line) {
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder();
    for (int i = Math.max(1, line - 6); i <= Math.min(lines.length, line + 2); i++) {
      out.append(i == line ? ">> " : "   ").append(i).append(": ").append(lines[i - 1]).append('\n');
    }
    return out.toString();
  }
}
