package io.jasyncio.processor;

/**
 * The stable tags of the processor's diagnostics. Each message starts with {@code [Tag]}, states
 * the rule, what was found and the fix, in the manner of Error Prone and AutoValue.
 */
enum Tag {
  // Errors: the class.
  AsyncFinalClass,
  AsyncSealedClass,
  AsyncInnerClass,
  AsyncLocalClass,
  AsyncNotAClass,
  AsyncNotAbstract,
  AsyncNoConstructor,
  AsyncTestClassNotRun,
  // Errors: the method.
  AsyncReturnType,
  AsyncMethodModifier,
  AsyncNoBody,
  // Errors: the body.
  AsyncAwaitInLambda,
  AsyncAwaitInClassBody,
  AsyncAwaitInSynchronized,
  AsyncAwaitOutside,
  AsyncAwaitForm,
  AsyncPrivateAccess,
  AsyncSuperCall,
  AsyncInheritedMethod,
  AsyncNotAwaitable,
  AsyncUnnamedType,
  AsyncLocalTypeAcrossAwait,
  AsyncReturnNull,
  AsyncGeneratorForm,
  AsyncForEachForm,
  AsyncTestNotAsync,
  AsyncUnsupported,
  AsyncInternalError,
  // Warnings.
  AsyncNeverAwaited,
  AsyncBlockingCall,
  AsyncDirectStaticCall;

  /** The {@code @SuppressWarnings} keys that silence this warning. */
  boolean suppressedBy(String key) {
    return key.equals("jasyncio") || key.equals(name()) || key.equals("jasyncio:" + name());
  }
}
