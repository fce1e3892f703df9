package io.jasyncio.test;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;

/** A class of {@code @AsyncTest} methods: {@code [engine:jasyncio]/[class:X]}. */
final class TestClassDescriptor extends AbstractTestDescriptor {
  static final String SEGMENT = "class";

  final Class<?> testClass;

  TestClassDescriptor(UniqueId engineId, Class<?> testClass) {
    super(
        engineId.append(SEGMENT, testClass.getName()),
        DisplayNames.of(testClass),
        ClassSource.from(testClass));
    this.testClass = testClass;
  }

  /** What build tools put in their reports: the class's name, as Jupiter does. */
  @Override
  public String getLegacyReportingName() {
    return testClass.getName();
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }
}
