package io.jasyncio.test;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.Filter;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.PackageSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/**
 * The JUnit Platform engine that runs {@link AsyncTest} methods. It is found through {@code
 * META-INF/services}, so a build tool or IDE that runs JUnit 5 runs it with no configuration.
 *
 * <p>Discovery maps whatever was selected (the user's class {@code X}, the generated {@code AsyncX},
 * the generated anchor, a package, a classpath root, a method, a unique id) to the test class
 * {@code X}, so each test is discovered once. Execution: see {@link TestRun}.
 */
public final class AsyncTestEngine implements TestEngine {
  static final String ID = "jasyncio";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Optional<String> getGroupId() {
    return Optional.of("io.jasyncio");
  }

  @Override
  public Optional<String> getArtifactId() {
    return Optional.of("jasyncio-test");
  }

  @Override
  public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
    EngineDescriptor engine = new EngineDescriptor(uniqueId, "jasyncio @AsyncTest");
    // For each test class: the methods selected, or null for all of them.
    Map<Class<?>, Set<String>> selected = new LinkedHashMap<>();
    Predicate<String> classNames =
        Filter.composeFilters(request.getFiltersByType(ClassNameFilter.class)).toPredicate();
    Predicate<Class<?>> candidate = type -> TestClasses.testClassOf(type).isPresent();

    for (ClassSelector selector : request.getSelectorsByType(ClassSelector.class)) {
      selectAll(selected, loadQuietly(selector));
    }
    for (PackageSelector selector : request.getSelectorsByType(PackageSelector.class)) {
      for (Class<?> type :
          ReflectionSupport.findAllClassesInPackage(
              selector.getPackageName(), candidate, classNames)) {
        selectAll(selected, type);
      }
    }
    for (ClasspathRootSelector selector : request.getSelectorsByType(ClasspathRootSelector.class)) {
      for (Class<?> type :
          ReflectionSupport.findAllClassesInClasspathRoot(
              selector.getClasspathRoot(), candidate, classNames)) {
        selectAll(selected, type);
      }
    }
    for (MethodSelector selector : request.getSelectorsByType(MethodSelector.class)) {
      Class<?> type;
      try {
        type = selector.getJavaClass();
      } catch (RuntimeException notLoadable) {
        continue;
      }
      selectMethod(selected, type, selector.getMethodName());
    }
    for (UniqueIdSelector selector : request.getSelectorsByType(UniqueIdSelector.class)) {
      selectUniqueId(selected, uniqueId, selector.getUniqueId());
    }

    for (Map.Entry<Class<?>, Set<String>> entry : selected.entrySet()) {
      TestClassDescriptor classDescriptor = new TestClassDescriptor(uniqueId, entry.getKey());
      for (Method method : TestClasses.testMethods(entry.getKey())) {
        if (entry.getValue() == null || entry.getValue().contains(method.getName())) {
          classDescriptor.addChild(new TestMethodDescriptor(classDescriptor, method));
        }
      }
      if (!classDescriptor.getChildren().isEmpty()) {
        engine.addChild(classDescriptor);
      }
    }
    return engine;
  }

  private static Class<?> loadQuietly(ClassSelector selector) {
    try {
      return selector.getJavaClass();
    } catch (RuntimeException notLoadable) {
      return null;
    }
  }

  private static void selectAll(Map<Class<?>, Set<String>> selected, Class<?> type) {
    if (type == null) {
      return;
    }
    TestClasses.testClassOf(type).ifPresent(testClass -> selected.put(testClass, null));
  }

  private static void selectMethod(
      Map<Class<?>, Set<String>> selected, Class<?> type, String methodName) {
    Optional<Class<?>> testClass = TestClasses.testClassOf(type);
    if (testClass.isEmpty()) {
      return;
    }
    if (selected.containsKey(testClass.get()) && selected.get(testClass.get()) == null) {
      return; // the whole class is selected already
    }
    selected.computeIfAbsent(testClass.get(), c -> new LinkedHashSet<>()).add(methodName);
  }

  private static void selectUniqueId(
      Map<Class<?>, Set<String>> selected, UniqueId engineId, UniqueId id) {
    if (!id.hasPrefix(engineId) || id.getSegments().size() < 2) {
      return;
    }
    List<UniqueId.Segment> segments = id.getSegments();
    UniqueId.Segment classSegment = segments.get(engineId.getSegments().size());
    if (!classSegment.getType().equals(TestClassDescriptor.SEGMENT)) {
      return;
    }
    Optional<Class<?>> type = ReflectionSupport.tryToLoadClass(classSegment.getValue()).toOptional();
    if (type.isEmpty()) {
      return;
    }
    if (segments.size() > engineId.getSegments().size() + 1) {
      UniqueId.Segment methodSegment = segments.get(engineId.getSegments().size() + 1);
      selectMethod(selected, type.get(), methodSegment.getValue());
    } else {
      selectAll(selected, type.get());
    }
  }

  @Override
  public void execute(ExecutionRequest request) {
    TestRun.executeAll(request);
  }
}
