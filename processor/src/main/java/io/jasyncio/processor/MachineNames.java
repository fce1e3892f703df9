package io.jasyncio.processor;

import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.HashSet;
import java.util.Set;

/**
 * The names a state machine gives its own variables, fields and labels. A user may name anything
 * anything ({@code $in}, {@code total$1}, a label {@code $machine}), so every name the machine
 * makes up avoids every name the method mentions: its parameters and locals, the fields and types
 * it uses, its labels. In the usual case the names are the plain ones ({@code $in}, {@code $label},
 * {@code x$1}); the generated code reads the same as before.
 */
final class MachineNames {
  private final Set<String> used;

  /** The parameters of {@code $resume}: the value and the error that resume it. */
  final String in;
  /** The name of {@code $resume}'s value parameter when {@code in} is a field (a split machine). */
  final String inArgument;
  final String err;
  /** The caught exception in the try-table. */
  final String thrown;
  /** A value carried over one jump (the resume loop clears {@code in} on every other jump). */
  final String kept;
  /** The label of the resume loop. */
  final String machine;
  /** How generated code names the inherited state field (qualified if a user name hides it). */
  final String label;
  /** The X instance a machine of an instance method runs on. */
  final String self;

  MachineNames(Tree method) {
    this.used = namesIn(method);
    this.in = fixed("$in");
    this.inArgument = fixed("$value");
    this.err = fixed("$err");
    this.thrown = fixed("$t");
    this.kept = fixed("$kept");
    this.machine = fixed("$machine");
    this.label = used.contains("$label") ? "this.$label" : "$label";
    this.self = fixed("$self");
  }

  /** Whether the method mentions {@code name}, or it was reserved for the machine. */
  boolean isTaken(String name) {
    return used.contains(name);
  }

  /** Keeps {@code name} from being made up again (a renamed local). */
  void reserve(String name) {
    used.add(name);
  }

  /** {@code name} if the method never mentions it, else {@code name} with a number. */
  private String fixed(String name) {
    if (used.add(name)) {
      return name;
    }
    for (int n = 1; ; n++) {
      if (used.add(name + n)) {
        return name + n;
      }
    }
  }

  /** Every simple name a method's tree mentions: identifiers, declarations, labels, members. */
  static Set<String> namesIn(Tree tree) {
    Set<String> names = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        names.add(node.getName().toString());
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        names.add(node.getIdentifier().toString());
        return super.visitMemberSelect(node, unused);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree node, Void unused) {
        names.add(node.getName().toString());
        return super.visitMemberReference(node, unused);
      }

      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        names.add(node.getName().toString());
        return super.visitVariable(node, unused);
      }

      @Override
      public Void visitMethod(MethodTree node, Void unused) {
        names.add(node.getName().toString());
        return super.visitMethod(node, unused);
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        names.add(node.getSimpleName().toString());
        return super.visitClass(node, unused);
      }

      @Override
      public Void visitTypeParameter(TypeParameterTree node, Void unused) {
        names.add(node.getName().toString());
        return super.visitTypeParameter(node, unused);
      }

      @Override
      public Void visitLabeledStatement(LabeledStatementTree node, Void unused) {
        names.add(node.getLabel().toString());
        return super.visitLabeledStatement(node, unused);
      }

      @Override
      public Void visitBreak(BreakTree node, Void unused) {
        if (node.getLabel() != null) {
          names.add(node.getLabel().toString());
        }
        return null;
      }

      @Override
      public Void visitContinue(ContinueTree node, Void unused) {
        if (node.getLabel() != null) {
          names.add(node.getLabel().toString());
        }
        return null;
      }
    }.scan(tree, null);
    return names;
  }
}
