package io.jasyncio.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The check of a stub's premise, as javac compiles the user's class. A method whose body the
 * processor takes for one that does not compile (it names something found nowhere, or has an
 * error the processor is sure of) becomes a stub that throws, on the premise that javac reports
 * the error on the user's line. When the premise is wrong (a defect of the processor's own
 * lookups or checks), the stub would fail only when called. javac writes no class once the
 * compilation has an error, so when it starts writing the user's class, the error the stub
 * counted on never came: this says so then, on the method, as an error that asks for a report.
 * (A name the processor found nowhere is not checked against javac's attribution: javac enters
 * a name it cannot resolve in a qualifier as a package, which looks found.)
 *
 * Runs only under javac (a {@link TaskListener} through the public {@code com.sun.source.util}
 * API); elsewhere it does nothing.
 */
final class StubCheck implements TaskListener {
  private final Trees trees;

  /** A stub: what the processor found wrong with its body. */
  private record Stub(String found) {}

  /**
   * The stubs by the top-level class javac compiles them in, each by its method's signature:
   * javac enters a class's members anew after the rounds, so the processor's elements are not the
   * ones it attributes.
   */
  private final Map<String, Map<String, Stub>> byClass = new LinkedHashMap<>();

  private StubCheck(Trees trees) {
    this.trees = trees;
  }

  /** A check listening to the javac behind {@code env}, or null when it is not javac. */
  static StubCheck install(ProcessingEnvironment env, Trees trees) {
    if (trees == null) {
      return null;
    }
    try {
      StubCheck check = new StubCheck(trees);
      JavacTask.instance(env).addTaskListener(check);
      return check;
    } catch (IllegalArgumentException | IllegalStateException | LinkageError notJavac) {
      return null;
    }
  }

  /** {@code method} became a stub for what the processor {@code found} there. */
  void stubbed(ExecutableElement method, String found) {
    byClass
        .computeIfAbsent(topLevel(method).getQualifiedName().toString(), t -> new LinkedHashMap<>())
        .put(signature(method), new Stub(found));
  }

  private static TypeElement topLevel(Element element) {
    Element owner = element;
    while (owner.getEnclosingElement() instanceof TypeElement outer) {
      owner = outer;
    }
    return (TypeElement) owner;
  }

  private static String signature(ExecutableElement method) {
    return method.getEnclosingElement() + "#" + method.getSimpleName() + method.asType();
  }

  @Override
  public void started(TaskEvent event) {
    if (event.getKind() == TaskEvent.Kind.GENERATE && event.getTypeElement() != null) {
      Map<String, Stub> stubs =
          byClass.remove(topLevel(event.getTypeElement()).getQualifiedName().toString());
      if (stubs != null) {
        forEachStub(event.getCompilationUnit(), stubs, this::report);
      }
    }
  }

  /** Finds the stubbed methods in {@code unit} as javac has them now. */
  private void forEachStub(
      CompilationUnitTree unit, Map<String, Stub> stubs, BiConsumer<TreePath, Stub> action) {
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree tree, Void unused) {
        if (trees.getElement(getCurrentPath()) instanceof ExecutableElement method) {
          Stub stub = stubs.get(signature(method));
          if (stub != null) {
            action.accept(getCurrentPath(), stub);
          }
        }
        // Not into the body: javac has lowered it by now, into trees that are no public API
        // (a LetExpr, which the scanner refuses with an AssertionError).
        return null;
      }

      @Override
      public Void visitVariable(com.sun.source.tree.VariableTree tree, Void unused) {
        return null; // a field's initializer: lowered too
      }

      @Override
      public Void visitBlock(com.sun.source.tree.BlockTree tree, Void unused) {
        return null; // an initializer block: lowered too
      }
    }.scan(unit, null);
  }

  private void report(TreePath method, Stub stub) {
    trees.printMessage(
        Diagnostic.Kind.ERROR,
        Diagnostics.format(
            Tag.AsyncInternalError,
            "the jasyncio processor took the body of "
                + ((MethodTree) method.getLeaf()).getName()
                + "() for one that does not compile ("
                + stub.found()
                + "), but javac compiled it; its generated method would only throw. Please"
                + " report this with the source"),
        method.getLeaf(),
        method.getCompilationUnit());
  }

}
