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

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }
}
