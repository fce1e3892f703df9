package io.jasyncio.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;

/**
 * The check of a stub's premise, once javac has attributed the user's class. A method whose body
 * names something the processor found nowhere becomes a stub that throws, on the premise that
 * javac reports that name on the user's line. If javac resolved every such name after all (a kind
 * of import or a name the processor's own lookup does not know), the premise was wrong and the
 * stub would fail only when called: this says so at compile time instead, on the method, as an
 * error that asks for a report. Runs only under javac (a {@link TaskListener} through the public
 * {@code com.sun.source.util} API); elsewhere it does nothing.
 */
final class StubCheck implements TaskListener {
  private final Trees trees;
  /**
   * Methods made stubs for names they use, by the top-level class javac analyzes them in, each by
   * its signature: javac enters a class's members anew after the rounds, so the processor's
   * elements are not the ones it attributes.
   */
  private final Map<String, Map<String, Set<String>>> pending = new LinkedHashMap<>();

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

  /** {@code method} became a stub because the processor found none of {@code names}. */
  void expectUnknown(ExecutableElement method, Set<String> names) {
    if (names.isEmpty()) {
      return;
    }
    pending
        .computeIfAbsent(topLevel(method).getQualifiedName().toString(), t -> new LinkedHashMap<>())
        .put(signature(method), names);
  }

  private static TypeElement topLevel(Element element) {
    Element owner = element.getEnclosingElement();
    while (owner.getEnclosingElement() instanceof TypeElement outer) {
      owner = outer;
    }
    return (TypeElement) owner;
  }

  private static String signature(ExecutableElement method) {
    return method.getEnclosingElement() + "#" + method.getSimpleName() + method.asType();
  }

  @Override
  public void finished(TaskEvent event) {
    if (event.getKind() != TaskEvent.Kind.ANALYZE || event.getTypeElement() == null) {
      return;
    }
    Map<String, Set<String>> methods =
        pending.remove(event.getTypeElement().getQualifiedName().toString());
    if (methods == null) {
      return;
    }
    CompilationUnitTree unit = event.getCompilationUnit();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethod(com.sun.source.tree.MethodTree tree, Void unused) {
        if (trees.getElement(getCurrentPath()) instanceof ExecutableElement method) {
          Set<String> names = methods.get(signature(method));
          if (names != null) {
            check(method, getCurrentPath(), names, unit);
          }
        }
        return super.visitMethod(tree, unused);
      }
    }.scan(unit, null);
  }

  private void check(
      ExecutableElement method, TreePath path, Set<String> names, CompilationUnitTree unit) {
    List<String> resolved = new ArrayList<>();
    boolean[] unresolvedSeen = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        note(tree.getName().toString());
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
        note(tree.getIdentifier().toString());
        return super.visitMemberSelect(tree, unused);
      }

      private void note(String name) {
        if (!names.contains(name)) {
          return;
        }
        Element element = trees.getElement(getCurrentPath());
        TypeMirror type = trees.getTypeMirror(getCurrentPath());
        if (element == null
            || element.asType().getKind() == TypeKind.ERROR
            || type != null && type.getKind() == TypeKind.ERROR) {
          unresolvedSeen[0] = true; // javac could not resolve it either: it says so itself
        } else {
          resolved.add(name);
        }
      }
    }.scan(path, null);
    if (!unresolvedSeen[0] && !resolved.isEmpty()) {
      trees.printMessage(
          Diagnostic.Kind.ERROR,
          Diagnostics.format(
              Tag.AsyncInternalError,
              "the jasyncio processor could not find "
                  + String.join(", ", names)
                  + " used in "
                  + method.getSimpleName()
                  + "(), which javac found; its generated method would only throw. Please report"
                  + " this with the source; meanwhile, name them another way (an import of the"
                  + " type itself, a qualified name)"),
          path.getLeaf(),
          unit);
    }
  }
}
