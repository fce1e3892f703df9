package io.jasyncio.test;

import io.jasyncio.Coro;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Where the tests of a class are. The user writes {@code X}; the processor generates {@code AsyncX}
 * (for nested {@code Outer.Inner}: {@code AsyncOuter_Inner}) and, when neither name would be picked
 * by Maven Surefire's default includes, an anchor {@code AsyncXTest} that names {@code X}. A build
 * tool or IDE may select any of the three; each of them means the tests of {@code X}, run once.
 */
final class TestClasses {
  /** The static field of a generated anchor class that names the test class. */
  static final String ANCHOR_FIELD = "$tests";

  private TestClasses() {}

  /** The user's test class that {@code selected} stands for, if it has {@code @AsyncTest} methods. */
  static Optional<Class<?>> testClassOf(Class<?> selected) {
    Class<?> anchored = anchoredClass(selected);
    if (anchored != null) {
      return testMethods(anchored).isEmpty() ? Optional.empty() : Optional.of(anchored);
    }
    Class<?> superclass = selected.getSuperclass();
    if (superclass != null
        && selected.getName().equals(generatedName(superclass))
        && !testMethods(superclass).isEmpty()) {
      return Optional.of(superclass); // the generated AsyncX: its tests are X's
    }
    return testMethods(selected).isEmpty() ? Optional.empty() : Optional.of(selected);
  }

  private static Class<?> anchoredClass(Class<?> selected) {
    try {
      Field field = selected.getDeclaredField(ANCHOR_FIELD);
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == Class.class) {
        field.setAccessible(true);
        return (Class<?>) field.get(null);
      }
    } catch (NoSuchFieldException | IllegalAccessException | RuntimeException e) {
      // not an anchor
    }
    return null;
  }

  /** The name of the class the processor generates for {@code type}. */
  static String generatedName(Class<?> type) {
    String packageName = type.getPackageName();
    String binary = type.getName().substring(packageName.isEmpty() ? 0 : packageName.length() + 1);
    String simple = "Async" + binary.replace('$', '_');
    return packageName.isEmpty() ? simple : packageName + "." + simple;
  }

  /** The generated class of {@code type}. */
  static Class<?> generatedClass(Class<?> type) throws ClassNotFoundException {
    return Class.forName(generatedName(type), true, type.getClassLoader());
  }

  /**
   * The {@code @AsyncTest} methods of {@code type} and its superclasses, superclass first, each
   * once (an override replaces what it overrides), in declaration order as far as reflection keeps
   * it, sorted by name for a stable order.
   */
  static List<Method> testMethods(Class<?> type) {
    List<Method> found = new ArrayList<>();
    List<Class<?>> chain = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      chain.add(c);
    }
    Collections.reverse(chain);
    for (Class<?> c : chain) {
      List<Method> declared = new ArrayList<>();
      for (Method method : c.getDeclaredMethods()) {
        if (method.isAnnotationPresent(AsyncTest.class) && !method.isSynthetic()) {
          declared.add(method);
        }
      }
      declared.sort((a, b) -> a.getName().compareTo(b.getName()));
      for (Method method : declared) {
        found.removeIf(
            earlier ->
                earlier.getName().equals(method.getName()) && earlier.getParameterCount() == 0);
        found.add(method);
      }
    }
    return found;
  }

  /** Why {@code method} cannot be an {@code @AsyncTest}, or null. */
  static String problemWith(Method method) {
    if (method.getParameterCount() != 0) {
      return "takes parameters; an @AsyncTest method takes none";
    }
    if (!Coro.class.isAssignableFrom(method.getReturnType())) {
      return "returns "
          + method.getReturnType().getSimpleName()
          + "; an @AsyncTest method is an @Async method returning Coro<...>";
    }
    if (Modifier.isPrivate(method.getModifiers())) {
      return "is private; make it package-private (the generated class overrides it)";
    }
    return null;
  }

  /**
   * A new instance for one test: of the generated class when it is concrete (X has {@code @Async}
   * instance methods), else of X itself when X is concrete (only static {@code @Async} methods, but
   * instance lifecycle methods), else null: everything must then be static.
   */
  static Object newInstance(Class<?> testClass) throws ReflectiveOperationException {
    Class<?> generated = generatedClass(testClass);
    Class<?> type =
        !Modifier.isAbstract(generated.getModifiers())
            ? generated
            : !Modifier.isAbstract(testClass.getModifiers()) ? testClass : null;
    if (type == null) {
      return null;
    }
    Constructor<?> constructor = type.getDeclaredConstructor();
    constructor.setAccessible(true);
    return constructor.newInstance();
  }

  /**
   * Calls an {@code @Async} method as its generated code: on {@code instance} (an {@code AsyncX},
   * whose override returns the coroutine), or, for a static method, the static twin in {@code
   * AsyncX}.
   */
  static Coro<?> coroutineOf(Method method, Object instance, Class<?> testClass)
      throws Throwable {
    Method target = method;
    if (Modifier.isStatic(method.getModifiers())) {
      target = generatedClass(method.getDeclaringClass()).getDeclaredMethod(method.getName());
    }
    if (instance == null && !Modifier.isStatic(target.getModifiers())) {
      throw new IllegalStateException(
          method.getName()
              + "() is an instance method, but "
              + testClass.getSimpleName()
              + " cannot be instantiated for the test: make it static, or give the class a"
              + " no-argument constructor");
    }
    target.setAccessible(true);
    try {
      return (Coro<?>) target.invoke(Modifier.isStatic(target.getModifiers()) ? null : instance);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
