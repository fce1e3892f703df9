package io.jasyncio.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import java.util.Set;

/**
 * Recognizes calls of {@code AsyncIO.await} and {@code AsyncIO.done} as the user wrote them:
 * unqualified through a static import ({@code import static io.jasyncio.AsyncIO.*} or {@code
 * .await}), or qualified as {@code AsyncIO.await(..)} / {@code io.jasyncio.AsyncIO.await(..)}. A
 * method of the class itself named {@code await} shadows the static import, as in Java.
 */
final class AsyncNames {
  static final String ASYNC_IO = "io.jasyncio.AsyncIO";

  private final boolean asyncIoImported;
  private final boolean awaitStatic;
  private final boolean doneStatic;
  /** The generator and async-for names ({@code emit}, {@code stopIteration}, {@code awaitEach}). */
  private final boolean emitStatic;
  private final boolean stopIterationStatic;
  private final boolean awaitEachStatic;

  AsyncNames(CompilationUnitTree unit, Set<String> classMethodNames) {
    boolean imported = unit.getPackageName() != null && unit.getPackageName().toString().equals("io.jasyncio");
    boolean await = false;
    boolean done = false;
    boolean all = false;
    Set<String> single = new java.util.HashSet<>();
    for (ImportTree imp : unit.getImports()) {
      String name = imp.getQualifiedIdentifier().toString();
      if (imp.isStatic()) {
        if (name.equals(ASYNC_IO + ".*")) {
          await = true;
          done = true;
          all = true;
        } else if (name.startsWith(ASYNC_IO + ".")) {
          single.add(name.substring(ASYNC_IO.length() + 1));
        }
        if (name.equals(ASYNC_IO + ".*")) {
          // counted above
        } else if (name.equals(ASYNC_IO + ".await")) {
          await = true;
        } else if (name.equals(ASYNC_IO + ".done")) {
          done = true;
        }
      } else if (name.equals(ASYNC_IO) || name.equals("io.jasyncio.*")) {
        imported = true;
      }
    }
    this.asyncIoImported = imported;
    this.awaitStatic = await && !classMethodNames.contains("await");
    this.doneStatic = done && !classMethodNames.contains("done");
    this.emitStatic = (all || single.contains("emit")) && !classMethodNames.contains("emit");
    this.stopIterationStatic =
        (all || single.contains("stopIteration")) && !classMethodNames.contains("stopIteration");
    this.awaitEachStatic =
        (all || single.contains("awaitEach")) && !classMethodNames.contains("awaitEach");
  }

  /** {@code emit(v)}: in a generator, the value an {@code await(emit(v))} hands out. */
  boolean isEmit(Tree tree) {
    return isCall(tree, "emit", emitStatic);
  }

  /** {@code stopIteration()}: what a generator's {@code return} names. */
  boolean isStopIteration(Tree tree) {
    return isCall(tree, "stopIteration", stopIterationStatic);
  }

  /** {@code awaitEach(source)}: the iterable of an async for-each loop. */
  boolean isAwaitEach(Tree tree) {
    return isCall(tree, "awaitEach", awaitEachStatic);
  }

  boolean isAwait(Tree tree) {
    return isCall(tree, "await", awaitStatic);
  }

  boolean isDone(Tree tree) {
    return isCall(tree, "done", doneStatic);
  }

  private boolean isCall(Tree tree, String name, boolean unqualifiedAllowed) {
    if (!(tree instanceof MethodInvocationTree call)) {
      return false;
    }
    ExpressionTree select = call.getMethodSelect();
    if (select instanceof IdentifierTree id) {
      return unqualifiedAllowed && id.getName().contentEquals(name);
    }
    if (select instanceof MemberSelectTree member && member.getIdentifier().contentEquals(name)) {
      String owner = member.getExpression().toString();
      return owner.equals(ASYNC_IO) || (asyncIoImported && owner.equals("AsyncIO"));
    }
    return false;
  }

  /** {@code AsyncOuter_Inner}: the simple name of the generated class of {@code type}. */
  static String generatedSimpleName(javax.lang.model.element.TypeElement type) {
    java.util.List<String> chain = new java.util.ArrayList<>();
    for (javax.lang.model.element.Element e = type;
        e instanceof javax.lang.model.element.TypeElement t;
        e = e.getEnclosingElement()) {
      chain.add(0, t.getSimpleName().toString());
    }
    return "Async" + String.join("_", chain);
  }

  /** {@code pkg.AsyncOuter_Inner}: the generated class of {@code type}, as code names it. */
  static String generatedQualifiedName(
      javax.lang.model.element.TypeElement type, javax.lang.model.util.Elements elements) {
    java.util.List<String> chain = new java.util.ArrayList<>();
    for (javax.lang.model.element.Element e = type;
        e instanceof javax.lang.model.element.TypeElement t;
        e = e.getEnclosingElement()) {
      chain.add(0, t.getSimpleName().toString());
    }
    javax.lang.model.element.PackageElement pkg = elements.getPackageOf(type);
    String simple = "Async" + String.join("_", chain);
    return pkg.isUnnamed() ? simple : pkg.getQualifiedName() + "." + simple;
  }

  /** The single argument of an await call. */
  static ExpressionTree awaited(Tree awaitCall) {
    return ((MethodInvocationTree) awaitCall).getArguments().get(0);
  }
}
