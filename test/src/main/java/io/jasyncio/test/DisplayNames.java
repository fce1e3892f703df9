package io.jasyncio.test;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.platform.engine.TestTag;

/** What Jupiter's {@code @DisplayName} and {@code @Tag} say of a test class or method. */
final class DisplayNames {
  private DisplayNames() {}

  static String of(Class<?> testClass) {
    DisplayName name = testClass.getAnnotation(DisplayName.class);
    return name != null ? name.value() : testClass.getSimpleName();
  }

  static String of(Method method) {
    DisplayName name = method.getAnnotation(DisplayName.class);
    return name != null ? name.value() : method.getName() + "()";
  }

  static Set<TestTag> tags(Class<?> testClass, Method method) {
    Set<TestTag> tags = new LinkedHashSet<>();
    addTags(testClass, tags);
    addTags(method, tags);
    return tags;
  }

  private static void addTags(AnnotatedElement element, Set<TestTag> tags) {
    for (Tag tag : element.getAnnotationsByType(Tag.class)) {
      if (TestTag.isValid(tag.value())) {
        tags.add(TestTag.create(tag.value()));
      }
    }
  }
}
