package io.jasyncio.processor;

import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * The rules a class and its {@code @Async} methods must follow for {@code AsyncX} to exist (DESIGN
 * §3.1); each violation is an error on the element, with the fix.
 */
final class Validation {
  private final Diagnostics diagnostics;

  Validation(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** Whether a sealed class permits its generated class (which may not exist yet: by name). */
  private static boolean permits(TypeElement type, String generated) {
    for (javax.lang.model.type.TypeMirror permitted : type.getPermittedSubclasses()) {
      String text = permitted.toString();
      if (text.equals(generated) || text.endsWith("." + generated)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Why AsyncOuter_Inner cannot be made for an inner class of {@code outer}, or null when it can:
   * it extends Outer.Inner through {@code outer.super(..)} and keeps that Outer, and an Outer that
   * is itself inner, local or generic would need a chain of instances or of type arguments that
   * the generated top-level class cannot spell.
   */
  private static String unreachableEnclosing(TypeElement outer) {
    if (outer.getNestingKind() == NestingKind.LOCAL || outer.getNestingKind() == NestingKind.ANONYMOUS) {
      return "a local class";
    }
    if (ClassInfo.isInnerClass(outer)) {
      return "itself an inner class";
    }
    return outer.getTypeParameters().isEmpty() ? null : "generic";
  }

  void checkClass(TypeElement type, List<ExecutableElement> asyncMethods, boolean implicitClass) {
    String name = type.getSimpleName().toString();
    boolean isInterface = type.getKind() == ElementKind.INTERFACE;
    if (type.getKind() != ElementKind.CLASS && !isInterface) {
      throw diagnostics.error(
          type,
          Tag.AsyncNotAClass,
          "@Async methods must be declared in a class or an interface; '"
              + name
              + "' is "
              + article(type.getKind())
              + "; move them to an abstract class");
    }
    if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
      throw diagnostics.error(
          type,
          Tag.AsyncLocalClass,
          "@Async methods cannot be declared in a local or anonymous class; generated code cannot"
              + " extend it; move them to a top-level or static nested class");
    }
    if (ClassInfo.isInnerClass(type)) {
      TypeElement outer = (TypeElement) type.getEnclosingElement();
      String why = unreachableEnclosing(outer);
      if (why != null) {
        throw diagnostics.error(
            type,
            Tag.AsyncInnerClass,
            "class '"
                + name
                + "' with @Async methods is an inner class of '"
                + outer.getSimpleName()
                + "', which is "
                + why
                + "; the generated Async"
                + name
                + " can only be made for an inner class of a top-level or static nested class"
                + " that is not generic; declare '"
                + name
                + "' static (pass what it uses of '"
                + outer.getSimpleName()
                + "' to it)");
      }
    }
    for (javax.lang.model.element.Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        throw diagnostics.error(
            type,
            Tag.AsyncInnerClass,
            "class '"
                + t.getSimpleName()
                + "' is private; the generated class cannot reach it; make it package-private");
      }
    }
    if (implicitClass) {
      throw diagnostics.error(
          type,
          Tag.AsyncFinalClass,
          "the class of the compact source file "
              + name
              + ".java is declared implicitly: it is final and no other class can name it, so the"
              + " generated Async"
              + name
              + " can neither extend nor call it; declare the @Async methods in a named class"
              + " (abstract class "
              + name
              + " { ... }) or in another file");
    }
    if (type.getModifiers().contains(Modifier.FINAL)) {
      throw diagnostics.error(
          type,
          Tag.AsyncFinalClass,
          "class '"
              + name
              + "' with @Async methods is final; the generated Async"
              + name
              + " must extend it; remove final");
    }
    String generated = AsyncNames.generatedSimpleName(type);
    if (type.getModifiers().contains(Modifier.SEALED) && !permits(type, generated)) {
      throw diagnostics.error(
          type,
          Tag.AsyncSealedClass,
          "class '"
              + name
              + "' with @Async methods is sealed; the generated "
              + generated
              + " must extend or implement it; add it to the permits clause (permits .., "
              + generated
              + "), where it is declared non-sealed");
    }
    boolean instanceMethods = false;
    for (ExecutableElement method : asyncMethods) {
      if (!method.getModifiers().contains(Modifier.STATIC)) {
        instanceMethods = true;
      }
    }
    if (instanceMethods && !type.getModifiers().contains(Modifier.ABSTRACT)) {
      throw diagnostics.error(
          type,
          Tag.AsyncNotAbstract,
          "class '"
              + name
              + "' has @Async instance methods but is not abstract; its @Async methods only run"
              + " through the generated Async"
              + name
              + "; declare it abstract and create instances with new Async"
              + name
              + "(...)");
    }
    boolean reachable = isInterface; // AsyncI implements it: no constructor to call
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (!constructor.getModifiers().contains(Modifier.PRIVATE)) {
        reachable = true;
      }
    }
    if (!reachable) {
      throw diagnostics.error(
          type,
          Tag.AsyncNoConstructor,
          "class '"
              + name
              + "' has only private constructors; the generated Async"
              + name
              + " cannot call any; make one package-private");
    }
  }

  /** Whether {@code method} is an async generator: it returns {@code io.jasyncio.AsyncGenerator}. */
  static boolean isGenerator(ExecutableElement method) {
    return method.getReturnType() instanceof DeclaredType declared
        && declared.asElement().toString().equals("io.jasyncio.AsyncGenerator");
  }

  /**
   * Whether {@code type} is the class javac declares around the methods of a compact source file
   * (Java 25): final, with no modifiers written (javac gives their tree no position).
   */
  static boolean isImplicitClass(com.sun.source.util.Trees trees, TypeElement type) {
    if (type.getNestingKind() != NestingKind.TOP_LEVEL || !type.getModifiers().contains(Modifier.FINAL)) {
      return false;
    }
    com.sun.source.util.TreePath path = trees.getPath(type);
    if (path == null || !(path.getLeaf() instanceof com.sun.source.tree.ClassTree tree)) {
      return false;
    }
    long start = trees.getSourcePositions().getStartPosition(path.getCompilationUnit(), tree.getModifiers());
    return start == javax.tools.Diagnostic.NOPOS;
  }

  /** Returns false (after reporting) if the method cannot be transformed. */
  boolean checkMethod(ExecutableElement method) {
    String name = method.getSimpleName().toString();
    if (ClassWriter.namesAnUnknownType(method.getReturnType())) {
      throw new LocalTypes.Deferred();
    }
    if (!checkReturnType(method)) {
      return false;
    }
    String problem = null;
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      problem = "is private; the generated class must override or hide it; make it package-private";
    } else if (method.getModifiers().contains(Modifier.FINAL)) {
      problem = "is final; the generated class must override it; remove final";
    } else if (method.getModifiers().contains(Modifier.NATIVE)) {
      diagnostics.error(
          method,
          Tag.AsyncNoBody,
          "@Async method '" + name + "' is native: it has no body to transform; remove @Async");
      return false;
    } else if (method.getModifiers().contains(Modifier.SYNCHRONIZED)) {
      problem =
          "is synchronized, which means nothing across suspensions (the task releases the thread"
              + " at every await); remove it and use io.jasyncio.sync.Lock";
    }
    if (problem != null) {
      diagnostics.error(method, Tag.AsyncMethodModifier, "@Async method '" + name + "' " + problem);
      return false;
    }
    return true;
  }

  /**
   * Returns false (after reporting) if the method does not return a {@code Coro} or an {@code
   * AsyncGenerator}; true also for a type not generated yet (javac reports it if it never is).
   */
  boolean checkReturnType(ExecutableElement method) {
    String name = method.getSimpleName().toString();
    TypeMirror returnType = method.getReturnType();
    if (ClassWriter.namesAnUnknownType(returnType)) {
      return true;
    }
    boolean coro =
        returnType instanceof DeclaredType declared
            && declared.asElement().toString().equals("io.jasyncio.Coro");
    if (!coro && !isGenerator(method)) {
      diagnostics.error(
          method,
          Tag.AsyncReturnType,
          "@Async method '"
              + name
              + "' returns "
              + returnType
              + "; an @Async method must return io.jasyncio.Coro<T> (or io.jasyncio.AsyncGenerator<T>"
              + " for a generator); change the return type to Coro<"
              + boxed(returnType)
              + "> and end with return done(value)");
      return false;
    }
    return true;
  }

  private static String boxed(TypeMirror type) {
    switch (type.getKind()) {
      case VOID:
        return "Void";
      case INT:
        return "Integer";
      case CHAR:
        return "Character";
      case BOOLEAN:
      case BYTE:
      case SHORT:
      case LONG:
      case FLOAT:
      case DOUBLE:
        String name = type.getKind().name().toLowerCase();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
      default:
        return type.toString().replace("java.lang.", "");
    }
  }

  private static String article(ElementKind kind) {
    switch (kind) {
      case INTERFACE:
        return "an interface";
      case ENUM:
        return "an enum";
      case RECORD:
        return "a record (records are final)";
      case ANNOTATION_TYPE:
        return "an annotation type";
      default:
        return "a " + kind.name().toLowerCase();
    }
  }
}
