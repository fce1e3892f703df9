package io.jasyncio.benchmarks;

import io.jasyncio.processor.AsyncProcessor;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The processor's cost to a build: compiles a class of 200 {@code @Async} methods (loops, a
 * try/finally, several awaits each) in memory, with and without the processor, and times the
 * processor's own work inside javac. Figures are medians over repeated compilations after a
 * warm-up, per {@code @Async} method. Run it with the command in BENCHMARKS.md.
 */
public final class ProcessorCost {
  static final int METHODS = 200;

  private ProcessorCost() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    // "var": the same methods written as Java 17 code often is, with var locals and a pattern
    // binding kept across awaits (the processor asks javac for their types)
    boolean modern = args.length > 1 && args[1].equals("var");
    String source = modern ? modern(source(METHODS)) : source(METHODS);
    long[] plain = new long[rounds];
    long[] processed = new long[rounds];
    long[] inside = new long[rounds];
    for (int warm = 0; warm < 5; warm++) {
      compile(source, false, new long[1]);
      compile(source, true, new long[1]);
    }
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      compile(source, false, new long[1]);
      plain[r] = System.nanoTime() - start;
      long[] processorNanos = new long[1];
      start = System.nanoTime();
      compile(source, true, processorNanos);
      processed[r] = System.nanoTime() - start;
      inside[r] = processorNanos[0];
    }
    double perMethodInside = median(inside) / 1e6 / METHODS;
    double perMethodTotal = (median(processed) - median(plain)) / 1e6 / METHODS;
    System.out.printf(
        Locale.ROOT,
        "%d @Async methods: javac alone %.0f ms, javac with the processor %.0f ms%n",
        METHODS,
        median(plain) / 1e6,
        median(processed) / 1e6);
    System.out.printf(
        Locale.ROOT,
        "per @Async method: %.2f ms inside the processor, %.2f ms added to the build in all"
            + " (the generated code compiled too)%n",
        perMethodInside,
        perMethodTotal);
  }

  /** A class with {@code methods} @Async methods of varied shape. */
  static String source(int methods) {
    StringBuilder out = new StringBuilder();
    out.append("package cost;\n")
        .append("import io.jasyncio.Coro;\n")
        .append("import io.jasyncio.annotations.Async;\n")
        .append("import static io.jasyncio.AsyncIO.*;\n")
        .append("import java.util.*;\n")
        .append("public abstract class Big {\n")
        .append("  int counter;\n")
        .append("  @Async Coro<Integer> leaf(int x) { await(sleep(0)); return done(x); }\n");
    for (int i = 0; i < methods; i++) {
      out.append("  @Async Coro<String> m")
          .append(i)
          .append("(int n, List<String> names) {\n")
          .append("    int total = 0;\n")
          .append("    StringBuilder log = new StringBuilder();\n")
          .append("    for (int i = 0; i < n; i++) {\n")
          .append("      total += await(leaf(i)) * ").append(i % 7 + 1).append(";\n")
          .append("      if (total > 100 && names.isEmpty()) break;\n")
          .append("    }\n")
          .append("    for (String name : names) {\n")
          .append("      try {\n")
          .append("        log.append(name).append(await(leaf(name.length())));\n")
          .append("      } catch (IllegalStateException e) {\n")
          .append("        log.append('!');\n")
          .append("      } finally {\n")
          .append("        counter++;\n")
          .append("      }\n")
          .append("    }\n")
          .append("    String label = switch (total % 3) { case 0 -> \"zero\"; case 1 -> \"one\"; default -> \"two\"; };\n")
          .append("    return done(label + total + log + (n > 2 && await(leaf(n)) > 3));\n")
          .append("  }\n");
    }
    return out.append("}\n").toString();
  }

  /** {@link #source} with var locals, a var loop variable and a pattern binding. */
  static String modern(String source) {
    return source
        .replace("    int total = 0;\n", "    var total = 0;\n")
        .replace("    StringBuilder log = new StringBuilder();\n", "    var log = new StringBuilder();\n")
        .replace("    for (String name : names) {\n", "    for (var name : names) {\n")
        .replace(
            "    String label = switch",
            "    if (names instanceof ArrayList<String> list && !list.isEmpty()) {\n"
                + "      var first = list.get(0);\n"
                + "      total += await(leaf(list.size()));\n"
                + "      log.append(first).append(list.size());\n"
                + "    }\n"
                + "    var label = switch");
  }

  private static void compile(String source, boolean withProcessor, long[] processorNanos) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager standard =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
    JavaFileManager memory = new InMemoryOutput(standard);
    List<String> options = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path")));
    if (!withProcessor) {
      options.add("-proc:none");
    }
    JavaCompiler.CompilationTask task =
        javac.getTask(null, memory, diagnostics, options, null, List.of(new Source(source)));
    if (withProcessor) {
      task.setProcessors(List.of(new Timed(new AsyncProcessor(), processorNanos)));
    }
    if (!task.call()) {
      throw new IllegalStateException("compilation failed: " + diagnostics.getDiagnostics());
    }
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String text) {
      super(URI.create("string:///cost/Big.java"), Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }

  /** Keeps class files and generated sources in memory. */
  private static final class InMemoryOutput extends ForwardingJavaFileManager<JavaFileManager> {
    InMemoryOutput(JavaFileManager delegate) {
      super(delegate);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(
        Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
      return new SimpleJavaFileObject(
          URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private String text;

        @Override
        public OutputStream openOutputStream() {
          return bytes;
        }

        @Override
        public java.io.Writer openWriter() {
          return new java.io.StringWriter() {
            @Override
            public void close() {
              text = toString();
            }
          };
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return text;
        }
      };
    }
  }

  /** The processor, timed. */
  private static final class Timed implements Processor {
    private final Processor delegate;
    private final long[] nanos;

    Timed(Processor delegate, long[] nanos) {
      this.delegate = delegate;
      this.nanos = nanos;
    }

    @Override
    public Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public void init(ProcessingEnvironment env) {
      long start = System.nanoTime();
      delegate.init(env);
      nanos[0] += System.nanoTime() - start;
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      long start = System.nanoTime();
      try {
        return delegate.process(annotations, round);
      } finally {
        nanos[0] += System.nanoTime() - start;
      }
    }

    @Override
    public Iterable<? extends Completion> getCompletions(
        Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
      return delegate.getCompletions(element, annotation, member, userText);
    }
  }
}
