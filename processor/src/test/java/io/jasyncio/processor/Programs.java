package io.jasyncio.processor;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiles a small program (sources in package {@code t}, with the processor) and runs its {@code
 * t.Main.run()}, returning what it returns, or the exception it throws.
 */
final class Programs {
  private Programs() {}

  /** Sources as alternating simple class name and text. */
  static Object run(String... namesAndSources) {
    try (TestCompiler.Result result = compile(namesAndSources)) {
      if (!result.success) {
        fail("did not compile:\n" + result.errorsWithContext());
      }
      Method run = result.load("t.Main").getDeclaredMethod("run");
      run.setAccessible(true);
      try {
        return run.invoke(null);
      } catch (InvocationTargetException e) {
        return e.getCause();
      }
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  static TestCompiler.Result compile(String... namesAndSources) {
    Map<String, String> sources = new LinkedHashMap<>();
    for (int i = 0; i < namesAndSources.length; i += 2) {
      sources.put("t." + namesAndSources[i], namesAndSources[i + 1]);
    }
    return TestCompiler.compile(sources);
  }

  /** A source in package t with the usual imports. */
  static String source(String... lines) {
    return "package t;\n"
        + "import io.jasyncio.*;\n"
        + "import io.jasyncio.annotations.Async;\n"
        + "import static io.jasyncio.AsyncIO.*;\n"
        + "import io.jasyncio.processor.behaviour.*;\n"
        + "import static io.jasyncio.processor.behaviour.AsyncHelpers.*;\n"
        + "import java.util.*;\n"
        + String.join("\n", lines)
        + "\n";
  }
}
