package io.jasyncio.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Test classes with @Async helpers: never silently left unrun (see {@link TestClassRules}). */
class TestClassRulesTest {
  /** Stands for jasyncio-test's annotation, which the processor knows by name only. */
  private static final JavaFileObject ASYNC_TEST =
      JavaFileObjects.forSourceString(
          "io.jasyncio.test.AsyncTest",
          "package io.jasyncio.test;\n"
              + "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)\n"
              + "public @interface AsyncTest {}\n");

  private static Compilation compile(String name, String... lines) {
    String text =
        "package t;\n"
            + "import io.jasyncio.Coro;\n"
            + "import io.jasyncio.annotations.Async;\n"
            + "import io.jasyncio.test.AsyncTest;\n"
            + "import org.junit.jupiter.api.Test;\n"
            + "import static io.jasyncio.AsyncIO.*;\n"
            + String.join("\n", lines)
            + "\n";
    return javac()
        .withProcessors(new AsyncProcessor())
        .compile(JavaFileObjects.forSourceString("t." + name, text), ASYNC_TEST);
  }

  private static List<String> ours(Compilation compilation, Diagnostic.Kind kind) {
    return compilation.diagnostics().stream()
        .filter(d -> d.getKind() == kind && d.getMessage(Locale.ROOT).startsWith("[Async"))
        .map(d -> d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
        .collect(Collectors.toList());
  }

  private static List<String> generated(Compilation compilation) {
    return compilation.generatedSourceFiles().stream()
        .map(f -> f.getName().substring(f.getName().lastIndexOf('/') + 1))
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  void anAbstractJUnitClassWhoseAsyncNameSurefireMatchesIsAccepted() {
    Compilation c =
        compile(
            "FetchTest",
            "abstract class FetchTest {",
            "  @Async Coro<Integer> fetch() { return done(1); }",
            "  @Test void fetchesOne() { }",
            "}");
    assertEquals(List.of(), ours(c, Diagnostic.Kind.ERROR));
    assertEquals(Compilation.Status.SUCCESS, c.status());
  }

  @Test
  void anInnerClassWithTestsIsRefused() {
    // Its AsyncX takes the enclosing instance, which no test engine passes.
    Compilation c =
        compile(
            "FetchTest",
            "class FetchTest {",
            "  abstract class Fetches {",
            "    @Async Coro<Integer> fetch() { return done(1); }",
            "    @Test void fetchesOne() { }",
            "  }",
            "}");
    List<String> errors = ours(c, Diagnostic.Kind.ERROR);
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("8: [AsyncInnerClass]"), errors.toString());
  }

  @Test
  void theNeverRunErrorCanBeSuppressedOnTheClass() {
    Compilation c =
        compile(
            "TestHelpers",
            "@SuppressWarnings(\"AsyncTestClassNotRun\")",
            "abstract class TestHelpers {",
            "  @Async Coro<Integer> fetch() { return done(1); }",
            "  @Test void fetchesOne() { }",
            "}");
    assertEquals(Compilation.Status.SUCCESS, c.status());
  }

  @Test
  void anAbstractJUnitClassNamedForSurefireButNotItsAsyncNameIsAnError() {
    Compilation c =
        compile(
            "TestHelpers",
            "abstract class TestHelpers {",
            "  @Async Coro<Integer> fetch() { return done(1); }",
            "  @Test void fetchesOne() { }",
            "}");
    List<String> errors = ours(c, Diagnostic.Kind.ERROR);
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("7: [AsyncTestClassNotRun]"), errors.toString());
    assertTrue(errors.get(0).contains("e.g. HelpersTest"), errors.toString());
  }

  @Test
  void anAsyncTestMethodWithoutAsyncIsAnErrorOnIt() {
    Compilation c =
        compile(
            "FetchTest",
            "abstract class FetchTest {",
            "  @Async Coro<Integer> fetch() { return done(1); }",
            "  @AsyncTest Coro<Void> fetchesOne() { return done(); }",
            "}");
    List<String> errors = ours(c, Diagnostic.Kind.ERROR);
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("9: [AsyncTestNotAsync] @AsyncTest method 'fetchesOne'"), errors.toString());
  }

  @Test
  void aClassOfAsyncTestsThatSurefireWouldMissGetsAnAnchorItMatches() {
    Compilation c =
        compile(
            "FetchSpec",
            "abstract class FetchSpec {",
            "  @Async @AsyncTest Coro<Void> fetchesOne() { return done(); }",
            "}");
    assertEquals(Compilation.Status.SUCCESS, c.status(), c.diagnostics().toString());
    assertEquals(List.of("AsyncFetchSpec.java", "AsyncFetchSpecTest.java"), generated(c));
  }

  @Test
  void aClassOfAsyncTestsThatSurefireMatchesGetsNoAnchor() {
    Compilation c =
        compile(
            "FetchTests",
            "abstract class FetchTests {",
            "  @Async @AsyncTest Coro<Void> fetchesOne() { return done(); }",
            "}");
    assertEquals(Compilation.Status.SUCCESS, c.status());
    assertEquals(List.of("AsyncFetchTests.java"), generated(c));
    assertFalse(generated(c).contains("AsyncFetchTestsTest.java"));
  }
}
