package io.jasyncio.processor;

import static io.jasyncio.processor.Programs.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * When the user's own code has an error, javac's error on the user's line is the only one: nothing
 * points into generated code (a body that does not compile is not copied there).
 */
class UserErrorsTest {

  private static List<String> errors(TestCompiler.Result result) {
    return result.diagnostics.stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(UserErrorsTest::where)
        .collect(Collectors.toList());
  }

  private static String where(Diagnostic<? extends JavaFileObject> d) {
    String file = d.getSource() == null ? "(none)" : d.getSource().getName();
    return file.substring(file.lastIndexOf('/') + 1) + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT);
  }

  private static void assertOnlyOnTheUsersLine(TestCompiler.Result result, int line, String message) {
    List<String> errors = errors(result);
    assertFalse(result.success);
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("Broken.java:" + line + ": "), errors.toString());
    assertTrue(errors.get(0).contains(message), errors.toString());
  }

  @Test
  void anUnknownTypeKeptAcrossAnAwaitIsJavacsErrorOnly() {
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  @Async Coro<Integer> m() {",
                "    Strin s = \"a\";",
                "    await(sleep(0));",
                "    return done(s.length());",
                "  }",
                "}"))) {
      assertOnlyOnTheUsersLine(result, 10, "cannot find symbol");
    }
  }

  @Test
  void aVarLocalTypedByTheGeneratedClassIsRefusedOnItsLine() {
    // Found by the grammar generator: the method silently became a stub that threw at run time.
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  @Async static Coro<Integer> twice(int x) { await(sleep(0)); return done(2 * x); }",
                "  @Async Coro<Integer> m() {",
                "    var w = await(AsyncBroken.twice(3));",
                "    await(sleep(0));",
                "    return done(w);",
                "  }",
                "}"))) {
      assertOnlyOnTheUsersLine(
          result, 11, "[AsyncUnnamedType] local 'w' is declared with var and its type comes from AsyncBroken");
    }
  }

  @Test
  void anUnknownMethodOrVariableIsJavacsErrorOnly() {
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  @Async Coro<Integer> m() {",
                "    int x = await(v(1));",
                "    undefinedCall(x + undefinedVariable);",
                "    return done(x);",
                "  }",
                "}"))) {
      List<String> errors = errors(result);
      assertFalse(errors.isEmpty());
      assertTrue(errors.stream().allMatch(e -> e.startsWith("Broken.java:11: ")), errors.toString());
    }
  }

  @Test
  void aBrokenMethodDoesNotBreakItsSubclassesGeneratedClass() {
    try (TestCompiler.Result result =
        Programs.compile(
            "Broken",
            source(
                "abstract class Broken {",
                "  @Async Coro<Integer> m() { await(sleep(0)); return done(missing()); }",
                "}"),
            "Sub",
            source("abstract class Sub extends Broken {", "  @Async Coro<Integer> n() { return done(await(m())); }", "}"))) {
      List<String> errors = errors(result);
      assertEquals(1, errors.size(), errors.toString());
      assertTrue(errors.get(0).startsWith("Broken.java:9: "), errors.toString());
    }
  }
}
