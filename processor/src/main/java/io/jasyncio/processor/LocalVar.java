package io.jasyncio.processor;

import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import javax.lang.model.type.TypeMirror;

/** A local variable (or parameter) of an {@code @Async} body, as the transform sees it. */
final class LocalVar {
  enum Kind {
    /** A parameter of the @Async method: always a field of the state machine. */
    PARAMETER,
    /** A local of the body: a variable, loop variable, catch parameter, resource or binding. */
    LOCAL,
    /**
     * A name declared inside a lambda or a nested class body (parameter, field, local): never
     * hoisted or renamed, but it shadows the body's locals.
     */
    SHADOW
  }

  final VariableTree tree;
  final String name;
  final Kind kind;
  /** Whether it is declared by a pattern ({@code o instanceof String s}). */
  final boolean binding;
  /** Whether it is a catch parameter of a multi-catch (its declared type is a union). */
  final boolean unionCatch;
  /** Its type as the user wrote it, or null for {@code var} (and implicit types). */
  final Tree typeTree;

  /** Set by the lowering: declared directly in a lowered region (so renamed, maybe hoisted). */
  boolean regionLevel;
  /** Set by the lowering's fixpoint: kept in a field of the state machine. */
  boolean hoisted;
  /** A name no other local of the method has: for fields and for locals of lowered code. */
  String uniqueName;
  /** Its type, from javac's scope, when it was needed. */
  TypeMirror mirror;
  /** Its value if javac found it a constant variable (looked up with its type). */
  Object constant;
  /**
   * Set by the scan: final, with an initializer shaped like a constant expression (literals,
   * operators, casts, names that may be constants): it may be a constant variable, a case label.
   */
  boolean mayBeConstant;

  LocalVar(VariableTree tree, Kind kind, boolean binding, boolean unionCatch, Tree typeTree) {
    this.tree = tree;
    this.name = tree.getName().toString();
    this.kind = kind;
    this.binding = binding;
    this.unionCatch = unionCatch;
    this.typeTree = typeTree;
    this.uniqueName = name;
  }

  /**
   * The name in generated code: parameters keep theirs; hoisted locals and locals of lowered code
   * get a unique one (lowered code puts locals of sibling blocks in one case block); pattern
   * variables that stay local keep theirs (their scopes never overlap).
   */
  String generatedName() {
    if (kind == Kind.PARAMETER) {
      return uniqueName; // its own name, unless that is a member of the machine's base class
    }
    if (kind != Kind.LOCAL) {
      return name;
    }
    if (hoisted || (regionLevel && !binding)) {
      return uniqueName;
    }
    return name;
  }

  boolean isField() {
    return kind == Kind.PARAMETER || hoisted;
  }

  @Override
  public String toString() {
    return name + (hoisted ? " (hoisted as " + uniqueName + ")" : "");
  }
}
