package io.jasyncio.processor;

import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The trees of pattern matching that javac 21 and newer give (case labels and guards, record
 * patterns, the unnamed pattern), read through the public {@code com.sun.source} API by name,
 * since this processor is compiled for Java 17 and must run there too, where they do not exist.
 */
final class Patterns {
  private Patterns() {}

  /** What a case label is. */
  enum LabelKind {
    CONSTANT,
    PATTERN,
    DEFAULT,
    NULL
  }

  /** One label of a case: its kind and, for a constant or a pattern, its tree. */
  record Label(LabelKind kind, Tree tree) {}

  /** The labels of a case, in order; on javac 17 its expressions, or default. */
  static List<Label> labels(CaseTree c) {
    List<Label> labels = new ArrayList<>();
    List<?> raw = (List<?>) call(c, "getLabels");
    if (raw == null) {
      for (ExpressionTree expression : c.getExpressions()) {
        labels.add(constant(expression));
      }
      if (labels.isEmpty()) {
        labels.add(new Label(LabelKind.DEFAULT, null));
      }
      return labels;
    }
    for (Object label : raw) {
      Tree tree = (Tree) label;
      switch (tree.getKind().name()) {
        case "DEFAULT_CASE_LABEL" -> labels.add(new Label(LabelKind.DEFAULT, null));
        case "PATTERN_CASE_LABEL" -> labels.add(new Label(LabelKind.PATTERN, (Tree) call(tree, "getPattern")));
        case "CONSTANT_CASE_LABEL" -> labels.add(constant((Tree) call(tree, "getConstantExpression")));
        default -> labels.add(constant(tree));
      }
    }
    return labels;
  }

  /** A case's label trees as the tree has them (javac 21+: its case labels; 17: expressions). */
  @SuppressWarnings("unchecked")
  static List<? extends Tree> labelTrees(CaseTree c) {
    List<? extends Tree> raw = (List<? extends Tree>) call(c, "getLabels");
    return raw != null ? raw : c.getExpressions();
  }

  private static Label constant(Tree expression) {
    return expression.getKind() == Tree.Kind.NULL_LITERAL
        ? new Label(LabelKind.NULL, expression)
        : new Label(LabelKind.CONSTANT, expression);
  }

  /** The guard of a case ({@code when ...}), or null. */
  static ExpressionTree guard(CaseTree c) {
    return (ExpressionTree) call(c, "getGuard");
  }

  /** Whether a switch needs pattern matching: a pattern or null label, or a guard. */
  static boolean isPatternSwitch(List<? extends CaseTree> cases) {
    for (CaseTree c : cases) {
      if (guard(c) != null) {
        return true;
      }
      for (Label label : labels(c)) {
        if (label.kind() == LabelKind.PATTERN || label.kind() == LabelKind.NULL) {
          return true;
        }
      }
    }
    return false;
  }

  /** A record pattern's type ({@code Pt} of {@code Pt(int x, var y)}), or null for others. */
  static ExpressionTree deconstructor(Tree pattern) {
    return pattern.getKind().name().equals("DECONSTRUCTION_PATTERN")
        ? (ExpressionTree) call(pattern, "getDeconstructor")
        : null;
  }

  /** A record pattern's component patterns. */
  @SuppressWarnings("unchecked")
  static List<? extends Tree> nested(Tree pattern) {
    List<? extends Tree> nested = (List<? extends Tree>) call(pattern, "getNestedPatterns");
    return nested == null ? List.of() : nested;
  }

  /** The variables a pattern binds, in order (unnamed ones excluded). */
  static List<VariableTree> bindings(Tree pattern) {
    List<VariableTree> bindings = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitBindingPattern(BindingPatternTree node, Void unused) {
        VariableTree variable = node.getVariable();
        if (variable != null && !variable.getName().isEmpty() && !variable.getName().contentEquals("_")) {
          bindings.add(variable);
        }
        return super.visitBindingPattern(node, unused);
      }
    }.scan(pattern, null);
    return bindings;
  }

  /** Whether a pattern is a record pattern or holds one. */
  static boolean hasRecordPattern(Tree pattern) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree != null && deconstructor(tree) != null) {
          found[0] = true;
          return null;
        }
        return super.scan(tree, unused);
      }
    }.scan(pattern, null);
    return found[0];
  }

  /**
   * The bindings of the record patterns tested with {@code instanceof} in the conditions of the
   * statements that can bring bindings into scope for the statements after them (if, while, for,
   * do), outside lambdas and classes. The lowering keeps them in fields and writes their tests
   * inside a call ({@code Coro.$matched}), so that no statement it writes brings a record
   * pattern's bindings into scope after it ({@code if (!(o instanceof Pt(var x, var y))) <jump>;
   * ...}): at the end of a nested block, where the lowering puts every statement, javac 25 leaves
   * the slots of such a test marked as set, and the stack map frames it writes for a pattern switch
   * after the block then give a binding of that switch to a branch that never set it, which the
   * JVM refuses (plain Java rarely nests such a statement in a block of its own).
   */
  static List<VariableTree> recordBindingsInConditions(Tree code) {
    List<VariableTree> bindings = new ArrayList<>();
    new OwnCodeScanner() {
      @Override
      public Void visitIf(IfTree node, Void unused) {
        collect(node.getCondition());
        return super.visitIf(node, unused);
      }

      @Override
      public Void visitWhileLoop(WhileLoopTree node, Void unused) {
        collect(node.getCondition());
        return super.visitWhileLoop(node, unused);
      }

      @Override
      public Void visitForLoop(ForLoopTree node, Void unused) {
        collect(node.getCondition());
        return super.visitForLoop(node, unused);
      }

      @Override
      public Void visitDoWhileLoop(DoWhileLoopTree node, Void unused) {
        collect(node.getCondition());
        return super.visitDoWhileLoop(node, unused);
      }

      private void collect(Tree condition) {
        new OwnCodeScanner() {
          @Override
          public Void visitInstanceOf(InstanceOfTree test, Void unused) {
            if (test.getPattern() != null && hasRecordPattern(test.getPattern())) {
              bindings.addAll(bindings(test.getPattern()));
            }
            return super.visitInstanceOf(test, unused);
          }
        }.scan(condition, null);
      }
    }.scan(code, null);
    return bindings;
  }

  /** Calls a method of the public tree interface {@code target} implements, or null if none has it. */
  private static Object call(Object target, String name) {
    for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
      for (Class<?> face : type.getInterfaces()) {
        if (!face.getName().startsWith("com.sun.source.tree.")) {
          continue;
        }
        Method method;
        try {
          method = face.getMethod(name);
        } catch (NoSuchMethodException absent) {
          continue;
        }
        try {
          return method.invoke(target);
        } catch (ReflectiveOperationException failed) {
          throw new IllegalStateException("cannot read " + name + " of " + face.getSimpleName(), failed);
        }
      }
    }
    return null;
  }
}
