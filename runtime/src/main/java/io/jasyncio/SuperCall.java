package io.jasyncio;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * For generated code only: {@code I.super.m(..)} from an {@code @Async} body. The generated class
 * {@code AsyncX} extends X, which implements I, so Java does not let AsyncX write {@code
 * I.super.m(..)}; the JVM does, when AsyncX names I as a direct superinterface. A special method
 * handle found with AsyncX's own lookup makes that call: exactly I's default method, on this
 * object.
 */
public final class SuperCall {
  private SuperCall() {}

  /**
   * The handle that calls {@code face}'s default method {@code name} on a {@code caller} without
   * virtual dispatch; {@code lookup} must be {@code caller}'s own.
   */
  public static MethodHandle defaultMethod(
      MethodHandles.Lookup lookup,
      Class<?> face,
      String name,
      Class<?> caller,
      Class<?> returnType,
      Class<?>... parameterTypes) {
    try {
      return lookup.findSpecial(
          face, name, MethodType.methodType(returnType, parameterTypes), caller);
    } catch (ReflectiveOperationException e) {
      LinkageError error =
          new IncompatibleClassChangeError(
              face.getName() + "." + name + " cannot be called from " + caller.getName());
      error.initCause(e);
      throw error;
    }
  }

  /** Throws {@code error} as it is, checked or not: the bridge declares what the method does. */
  public static RuntimeException rethrow(Throwable error) {
    return SuperCall.<RuntimeException>sneaky(error);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable error) throws E {
    throw (E) error;
  }
}
