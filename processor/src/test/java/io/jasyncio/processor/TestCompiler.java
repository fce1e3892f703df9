package io.jasyncio.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources in-process with the jasyncio processor, as a build would: classes and
 * generated sources go to a temporary directory, from which the result can be loaded and run.
 */
final class TestCompiler {
  private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

  /** The outcome of one compilation. */
  static final class Result implements AutoCloseable {
    final boolean success;
    final List<Diagnostic<? extends JavaFileObject>> diagnostics;
    final Path classes;
    final Path generated;
    private URLClassLoader loader;
    /** Classes compiled earlier that these were compiled against, loaded first. */
    Result parent;

    /** One loader for these classes and the earlier ones: a package stays one runtime package. */
    private void load0() {
      try {
        if (loader == null) {
          List<URL> urls = new ArrayList<>();
          for (Result r = this; r != null; r = r.parent) {
            urls.add(r.classes.toUri().toURL());
          }
          loader = new URLClassLoader(urls.toArray(new URL[0]), TestCompiler.class.getClassLoader());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, Path classes, Path generated) {
      this.success = success;
      this.diagnostics = diagnostics;
      this.classes = classes;
      this.generated = generated;
    }

    List<String> errors() {
      return messages(Diagnostic.Kind.ERROR);
    }

    /** Each error, with the lines of the file it points at (generated files included). */
    String errorsWithContext() {
      StringBuilder out = new StringBuilder();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
        if (d.getKind() != Diagnostic.Kind.ERROR) {
          continue;
        }
        out.append(describe(d)).append('\n');
        if (d.getSource() != null && d.getLineNumber() > 0) {
          try {
            String[] lines = d.getSource().getCharContent(true).toString().split("\n", -1);
            int line = (int) d.getLineNumber();
            for (int i = Math.max(1, line - 6); i <= Math.min(lines.length, line + 2); i++) {
              out.append(i == line ? ">> " : "   ").append(i).append(": ").append(lines[i - 1]).append('\n');
            }
          } catch (IOException e) {
            out.append("(source unavailable)\n");
          }
        }
      }
      return out.toString();
    }

    List<String> warnings() {
      List<String> all = new ArrayList<>(messages(Diagnostic.Kind.WARNING));
      all.addAll(messages(Diagnostic.Kind.MANDATORY_WARNING));
      return all;
    }

    List<String> messages(Diagnostic.Kind kind) {
      return diagnostics.stream()
          .filter(d -> d.getKind() == kind)
          .map(TestCompiler::describe)
          .collect(Collectors.toList());
    }

    /** The generated source of {@code qualifiedName}. */
    String generatedSource(String qualifiedName) {
      Path file = generated.resolve(qualifiedName.replace('.', '/') + ".java");
      try {
        return Files.readString(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Class<?> load(String qualifiedName) {
      try {
        load0();
        return loader.loadClass(qualifiedName);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      try {
        if (loader != null) {
          loader.close();
        }
        deleteTree(classes.getParent());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static String describe(Diagnostic<? extends JavaFileObject> d) {
    String where = d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ";
    return where + d.getMessage(Locale.ROOT);
  }

  /** Compiles {@code sources} (qualified class name to text) with the processor. */
  static Result compile(Map<String, String> sources, String... options) {
    return compile(sources, List.of(new AsyncProcessor()), options);
  }

  /** Compiles {@code sources} against classes compiled earlier (in {@code earlier}). */
  static Result compileAgainst(Result earlier, Map<String, String> sources) {
    Result result =
        compile(
            sources,
            List.of(new AsyncProcessor()),
            "-classpath",
            earlier.classes + java.io.File.pathSeparator + System.getProperty("java.class.path"));
    result.parent = earlier;
    return result;
  }

  /** Compiles {@code sources} with the given processors. */
  static Result compile(
      Map<String, String> sources,
      List<? extends javax.annotation.processing.Processor> processors,
      String... options) {
    try {
      Path root = Files.createTempDirectory("jasyncio-test");
      Path classes = Files.createDirectories(root.resolve("classes"));
      Path generated = Files.createDirectories(root.resolve("generated"));
      DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
      StandardJavaFileManager files = JAVAC.getStandardFileManager(collector, Locale.ROOT, StandardCharsets.UTF_8);
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
      List<JavaFileObject> units = new ArrayList<>();
      for (Map.Entry<String, String> source : sources.entrySet()) {
        units.add(new Source(source.getKey(), source.getValue()));
      }
      List<String> args = new ArrayList<>(List.of("-Xlint:all,-processing,-options"));
      if (!List.of(options).contains("-classpath")) {
        args.addAll(List.of("-classpath", System.getProperty("java.class.path")));
      }
      args.addAll(List.of(options));
      JavaCompiler.CompilationTask task = JAVAC.getTask(null, files, collector, args, null, units);
      task.setProcessors(processors);
      boolean success = task.call();
      files.close();
      return new Result(success, collector.getDiagnostics(), classes, generated);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Result compile(String qualifiedName, String source, String... options) {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(qualifiedName, source);
    return compile(sources, options);
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String qualifiedName, String text) {
      super(URI.create("string:///" + qualifiedName.replace('.', '/') + ".java"), Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }
}
