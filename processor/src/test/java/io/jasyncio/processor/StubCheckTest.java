package io.jasyncio.processor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.util.Trees;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import org.junit.jupiter.api.Test;

/**
 * The safety net behind stubs: a method the processor made a stub for a body it took for one
 * that does not compile is an error at compile time when javac compiles the class after all (the
 * stub would only throw when called), and nothing more when javac reports the error itself.
 */
class StubCheckTest {

  /** Takes every method named m for a stub, as the processor would. */
  private static final class StubsFor extends AnyAnnotationProcessor {
    private StubCheck check;

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      check = StubCheck.install(env, Trees.instance(env));
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      for (Element root : round.getRootElements()) {
        for (ExecutableElement method : ElementFilter.methodsIn(root.getEnclosedElements())) {
          if (method.getSimpleName().contentEquals("m")) {
            check.stubbed(method, "unknown names: List");
          }
        }
      }
      return false;
    }
  }

  private static TestCompiler.Result compile(String body) {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(
        "t.Names",
        "package t;\nimport java.util.*;\nclass Names {\n  int m() {\n    " + body + "\n  }\n}\n");
    return TestCompiler.compile(sources, List.of(new StubsFor()));
  }

  @Test
  void aStubForABodyJavacCompilesIsAnErrorOnItsMethod() {
    try (TestCompiler.Result result = compile("List<String> l = new ArrayList<>(); return l.size();")) {
      assertFalse(result.success);
      List<String> errors = result.errors();
      assertTrue(
          errors.stream()
              .anyMatch(
                  e -> e.contains("Names.java:4:")
                      && e.contains("[AsyncInternalError] the jasyncio processor took the body of m()")
                      && e.contains("unknown names: List")),
          errors.toString());
    }
  }

  @Test
  void aStubForABodyJavacLowersIntoTreesOfItsOwnIsStillOnlyAnError() {
    // javac has lowered the class's methods when it starts writing it: a boxed increment is a
    // LetExpr by then, which the tree scanner refuses (an AssertionError that ended javac).
    try (TestCompiler.Result result =
        compile("Integer k = 0; k++; String s = \"a\"; switch (s) { case \"a\": k++; } return k;")) {
      assertFalse(result.success);
      assertTrue(
          result.errors().stream().anyMatch(e -> e.contains("[AsyncInternalError] the jasyncio processor took the body of m()")),
          result.errors().toString());
    }
  }

  @Test
  void aStubForABodyJavacRejectsLeavesJavacsErrorAlone() {
    try (TestCompiler.Result result = compile("Undefined u = null; return 0;")) {
      assertFalse(result.success);
      List<String> errors = result.errors();
      assertTrue(errors.stream().noneMatch(e -> e.contains("AsyncInternalError")), errors.toString());
      assertTrue(errors.stream().anyMatch(e -> e.contains("cannot find symbol")), errors.toString());
    }
  }
}
