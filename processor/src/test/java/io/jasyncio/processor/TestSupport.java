package io.jasyncio.processor;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helpers shared by the processor's test packages. */
public final class TestSupport {
  private TestSupport() {}

  /** An @Async class and its plain twin, compiled and loaded. */
  public static final class Pair {
    public final Class<?> async;
    public final Class<?> plain;
    public final List<String> names = new ArrayList<>();
    public final String generated;

    Pair(Class<?> async, Class<?> plain, String generated) {
      this.async = async;
      this.plain = plain;
      this.generated = generated;
    }
  }

  /** Compiles {@code gen.Bodies} with the processor and {@code plain.Bodies}, and loads both. */
  public static Pair compilePair(String asyncSource, String plainSource) {
    return compilePair(asyncSource, plainSource, new String[0]);
  }

  /** As {@link #compilePair(String, String)}, with options for the processor's compilation. */
  public static Pair compilePair(String asyncSource, String plainSource, String... options) {
    TestCompiler.Result async = TestCompiler.compile("gen.Bodies", asyncSource, options);
    if (!async.success) {
      fail("the @Async corpus did not compile:\n" + async.errorsWithContext());
    }
    TestCompiler.Result plain = TestCompiler.compile("plain.Bodies", plainSource);
    if (!plain.success) {
      fail("the plain corpus did not compile:\n" + String.join("\n", plain.errors()));
    }
    return new Pair(
        async.load("gen.AsyncBodies"), plain.load("plain.Bodies"), async.generatedSource("gen.AsyncBodies"));
  }

  /** A compilation's outcome, for tests outside this package; close it to delete its files. */
  public static final class Compiled implements AutoCloseable {
    private final TestCompiler.Result result;

    Compiled(TestCompiler.Result result) {
      this.result = result;
    }

    public boolean success() {
      return result.success;
    }

    public List<javax.tools.Diagnostic<? extends javax.tools.JavaFileObject>> diagnostics() {
      return result.diagnostics;
    }

    public String errors() {
      return result.errorsWithContext();
    }

    /** A generated source by the path javac gave its file. */
    public String generatedSource(String path) {
      try {
        java.nio.file.Path file = java.nio.file.Path.of(path);
        if (!file.isAbsolute()) {
          file = result.generated.resolve(path);
        }
        return java.nio.file.Files.readString(file);
      } catch (java.io.IOException | RuntimeException e) {
        return "";
      }
    }

    public Class<?> load(String name) {
      return result.load(name);
    }

    @Override
    public void close() {
      result.close();
    }
  }

  /** Compiles one source as plain Java, without the processor. */
  public static Compiled compilePlain(String name, String source) {
    return new Compiled(TestCompiler.compile(Map.of(name, source), List.of()));
  }

  /** Compiles one source with the processor. */
  public static Compiled compileWithProcessor(String name, String source, String... options) {
    return new Compiled(TestCompiler.compile(Map.of(name, source), options));
  }

  /** Compiles with the processor and returns the result; the caller closes it. */
  public static TestCompiler.Result compile(Map<String, String> sources) {
    return TestCompiler.compile(sources);
  }
}
