package io.jasyncio.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * A class whose @Async method uses a type another processor generates in the same build: its
 * types are error types in the first round, so it is transformed in a later one.
 */
class RoundsTest {

  /** Generates {@code t.Helper} in the first round, as a code generator would. */
  static final class HelperGenerator extends AnyAnnotationProcessor {
    private boolean done;

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (Writer out = processingEnv.getFiler().createSourceFile("t.Helper").openWriter()) {
          out.write("package t; public class Helper { public String name() { return \"helper\"; } }");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void aClassUsingAGeneratedTypeIsTransformedInALaterRound() throws Exception {
    String source =
        Programs.source(
            "abstract class UsesGenerated {",
            "  @Async Coro<String> name(Helper given) {",
            "    var made = new Helper();",
            "    await(sleep(0));",
            "    return done(made.name() + \"/\" + given.name());",
            "  }",
            "}",
            "class Main { static Object run() { return AsyncIO.run(new AsyncUsesGenerated().name(new Helper())); } }");
    java.util.Map<String, String> sources = new java.util.LinkedHashMap<>();
    sources.put("t.UsesGenerated", source);
    try (TestCompiler.Result result =
        TestCompiler.compile(sources, List.of(new HelperGenerator(), new AsyncProcessor()))) {
      assertTrue(result.success, result.errorsWithContext());
      Method run = result.load("t.Main").getDeclaredMethod("run");
      run.setAccessible(true);
      assertEquals("helper/helper", run.invoke(null));
    }
  }
}
