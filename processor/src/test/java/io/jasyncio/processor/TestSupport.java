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
    TestCompiler.Result async = TestCompiler.compile("gen.Bodies", asyncSource);
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

  /** Compiles with the processor and returns the result; the caller closes it. */
  public static TestCompiler.Result compile(Map<String, String> sources) {
    return TestCompiler.compile(sources);
  }
}
