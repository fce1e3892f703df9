package io.jasyncio.test;

import java.lang.reflect.Method;
import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;

/** One {@code @AsyncTest} method: {@code [engine:jasyncio]/[class:X]/[method:name]}. */
final class TestMethodDescriptor extends AbstractTestDescriptor {
  static final String SEGMENT = "method";

  final Class<?> testClass;
  final Method method;

  TestMethodDescriptor(TestClassDescriptor parent, Method method) {
    super(
        parent.getUniqueId().append(SEGMENT, method.getName()),
        DisplayNames.of(method),
        MethodSource.from(parent.testClass, method));
    this.testClass = parent.testClass;
    this.method = method;
  }

  @Override
  public String getLegacyReportingName() {
    return method.getName() + "()";
  }

  @Override
  public Type getType() {
    return Type.TEST;
  }

  @Override
  public Set<TestTag> getTags() {
    return DisplayNames.tags(testClass, method);
  }
}
