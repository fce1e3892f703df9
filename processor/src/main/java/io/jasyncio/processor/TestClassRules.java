package io.jasyncio.processor;

import java.io.IOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * What the processor checks and adds for test classes, so that tests written with {@code @Async}
 * helpers never silently fail to run:
 *
 * <ul>
 *   <li>an {@code @AsyncTest} method must be {@code @Async} ({@code [AsyncTestNotAsync]});
 *   <li>a class with {@code @AsyncTest} methods whose name, and its {@code AsyncX}'s, Maven
 *       Surefire's default includes would both miss gets an anchor class {@code AsyncXTest} that
 *       the jasyncio test engine maps back to it, so it runs whatever it is named;
 *   <li>JUnit Jupiter test methods in an abstract class run only in the concrete {@code AsyncX}: if
 *       Surefire's default includes miss that name, or {@code AsyncX} is abstract too, they would
 *       never run ({@code [AsyncTestClassNotRun]}, an error unless suppressed on the class).
 * </ul>
 */
final class TestClassRules {
  static final String ASYNC_TEST = "io.jasyncio.test.AsyncTest";
  /** The annotations that make a method a JUnit test, and what Jupiter's own are meta-annotated with. */
  private static final Set<String> JUNIT_TESTS =
      Set.of(
          "org.junit.jupiter.api.Test",
          "org.junit.jupiter.api.TestFactory",
          "org.junit.jupiter.api.TestTemplate",
          "org.junit.Test");
  /** The static field of an anchor that names its test class (read by the test engine). */
  private static final String ANCHOR_FIELD = "$tests";

  private final ProcessingEnvironment env;
  private final Diagnostics diagnostics;

  TestClassRules(ProcessingEnvironment env, Diagnostics diagnostics) {
    this.env = env;
    this.diagnostics = diagnostics;
  }

  /** Maven Surefire's default includes: Test*, *Test, *Tests, *TestCase (top-level classes). */
  static boolean surefireIncludes(String simpleName) {
    return simpleName.startsWith("Test")
        || simpleName.endsWith("Test")
        || simpleName.endsWith("Tests")
        || simpleName.endsWith("TestCase");
  }

  /** {@code [AsyncTestNotAsync]} for every {@code @AsyncTest} method of the round without {@code @Async}. */
  void checkAsyncTestMethods(RoundEnvironment round, TypeElement async) {
    TypeElement asyncTest = env.getElementUtils().getTypeElement(ASYNC_TEST);
    if (asyncTest == null) {
      return;
    }
    for (Element element : round.getElementsAnnotatedWith(asyncTest)) {
      if (!has(element, async)) {
        env.getMessager()
            .printMessage(
                Diagnostic.Kind.ERROR,
                Diagnostics.format(
                    Tag.AsyncTestNotAsync,
                    "@AsyncTest method '"
                        + element.getSimpleName()
                        + "' is not @Async; the test engine runs the coroutine that the generated"
                        + " class makes of it; add @Async"),
                element);
      }
    }
  }

  /** The checks and the anchor for class {@code type}, whose {@code AsyncX} is being written. */
  void checkClass(TypeElement type, boolean instanceAsyncMethods) {
    String generated = AsyncNames.generatedSimpleName(type);
    if (ClassInfo.isInnerClass(type) && (hasAsyncTests(type) || hasJUnitTests(type))) {
      env.getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR,
              Diagnostics.format(
                  Tag.AsyncInnerClass,
                  "inner class '"
                      + type.getSimpleName()
                      + "' has test methods; a test engine makes a test class with no enclosing "
                      + type.getEnclosingElement().getSimpleName()
                      + ", and "
                      + generated
                      + " cannot be made without one; declare it static"),
              type);
      return;
    }
    boolean topLevel = type.getNestingKind() == javax.lang.model.element.NestingKind.TOP_LEVEL;
    boolean nameIncluded = topLevel && surefireIncludes(type.getSimpleName().toString());
    if (hasAsyncTests(type) && !nameIncluded && !surefireIncludes(generated)) {
      writeAnchor(type, generated + "Test");
    }
    if (!type.getModifiers().contains(Modifier.ABSTRACT)
        || !hasJUnitTests(type)
        || Diagnostics.suppressed(type, Tag.AsyncTestClassNotRun)) {
      return;
    }
    String name = type.getSimpleName().toString();
    String suppress =
        "; if your build selects the class some other way, add"
            + " @SuppressWarnings(\"AsyncTestClassNotRun\")";
    if (!instanceAsyncMethods) {
      report(
          type,
          "class '" + name + "' has JUnit test methods and is abstract, but has only static @Async"
              + " methods, so " + generated + " is abstract too and JUnit runs neither: the tests"
              + " would never run; remove 'abstract' (static @Async methods do not need it)"
              + suppress);
    } else if (!surefireIncludes(generated)) {
      report(
          type,
          "class '" + name + "' has JUnit test methods and is abstract, so JUnit runs them only in"
              + " the generated " + generated + ", a name Maven Surefire's default includes (Test*,"
              + " *Test, *Tests, *TestCase) do not match: the tests would never run, and the build"
              + " would pass; rename the class so that " + generated + " ends in Test (e.g. "
              + suggestedName(name) + "), or write the tests as @AsyncTest methods (jasyncio-test),"
              + " which run whatever the class is named" + suppress);
    }
  }

  private static String suggestedName(String name) {
    String base = name.startsWith("Test") ? name.substring(4) : name;
    return (base.isEmpty() ? "My" : base) + "Test";
  }

  private void report(TypeElement type, String message) {
    env.getMessager()
        .printMessage(Diagnostic.Kind.ERROR, Diagnostics.format(Tag.AsyncTestClassNotRun, message), type);
  }

  private boolean hasAsyncTests(TypeElement type) {
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      for (AnnotationMirror annotation : method.getAnnotationMirrors()) {
        if (nameOf(annotation).equals(ASYNC_TEST)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hasJUnitTests(TypeElement type) {
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      for (AnnotationMirror annotation : method.getAnnotationMirrors()) {
        if (JUNIT_TESTS.contains(nameOf(annotation))) {
          return true;
        }
        // @ParameterizedTest, @RepeatedTest...: meta-annotated with @TestTemplate.
        for (AnnotationMirror meta :
            annotation.getAnnotationType().asElement().getAnnotationMirrors()) {
          if (JUNIT_TESTS.contains(nameOf(meta))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static String nameOf(AnnotationMirror annotation) {
    return ((TypeElement) annotation.getAnnotationType().asElement()).getQualifiedName().toString();
  }

  private static boolean has(Element element, TypeElement annotation) {
    return element.getAnnotationMirrors().stream()
        .anyMatch(a -> a.getAnnotationType().asElement().equals(annotation));
  }

  private void writeAnchor(TypeElement type, String anchorName) {
    String packageName = env.getElementUtils().getPackageOf(type).getQualifiedName().toString();
    String qualified = packageName.isEmpty() ? anchorName : packageName + "." + anchorName;
    if (env.getElementUtils().getTypeElement(qualified) != null) {
      return; // the user has a class of that name, or it was written in an earlier round
    }
    String testClass = type.getQualifiedName().toString();
    StringBuilder text = new StringBuilder();
    text.append("// Generated by jasyncio from ").append(type.getSimpleName()).append(". Do not edit.\n");
    if (!packageName.isEmpty()) {
      text.append("package ").append(packageName).append(";\n\n");
    }
    text.append("/**\n")
        .append(" * Lets a build tool that picks test classes by name (Maven Surefire: Test*, *Test, *Tests,\n")
        .append(" * *TestCase) find the @AsyncTest methods of {@link ").append(testClass).append("}; the\n")
        .append(" * jasyncio test engine runs them as that class's tests, once.\n")
        .append(" */\n")
        .append("@javax.annotation.processing.Generated(\"io.jasyncio.processor.AsyncProcessor\")\n")
        .append("abstract class ").append(anchorName).append(" {\n")
        .append("  static final Class<?> ").append(ANCHOR_FIELD).append(" = ").append(testClass).append(".class;\n\n")
        .append("  private ").append(anchorName).append("() {}\n")
        .append("}\n");
    try {
      javax.tools.JavaFileObject file = env.getFiler().createSourceFile(qualified, type);
      try (Writer writer = file.openWriter()) {
        writer.write(text.toString());
      }
    } catch (IOException e) {
      env.getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR, "[AsyncInternalError] could not write " + qualified + ": " + e.getMessage(), type);
    }
  }

}
