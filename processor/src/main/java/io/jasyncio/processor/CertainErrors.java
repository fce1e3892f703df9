package io.jasyncio.processor;

import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Errors javac will surely report in an {@code @Async} body, found without attributing it (javac
 * attributes bodies only after the processors have run): a condition that is not a boolean, a value
 * that a local's declared type cannot take, a {@code throw} of something not Throwable, a jump to a
 * label that no statement around it has, a new value for a final local that has one. Such a body
 * gets a stub: javac says what is wrong on the user's line, and copying the body would make it say
 * so again in generated code.
 *
 * <p>Only what is certain counts, since a body wrongly found in error would lose its machine: types
 * are known only for literals, locals declared with their type, fields of the class, {@code new C()}
 * of a class without type parameters, string concatenation, comparisons, and calls whose every
 * candidate returns the same plain type; names declared in a lambda are not typed, and the bodies
 * of classes inside are only looked at for what needs no type (their members may hide the
 * class's); a narrowing that a constant could make legal is not an error.
 */
final class CertainErrors extends TreeScanner<Void, Void> {
  /**
   * What the checks of one class's bodies look up again and again, kept for all of them: the
   * members of a type ({@code Elements.getAllMembers} builds them anew on each call) and the types
   * names written in the bodies resolve to.
   */
  static final class Known {
    private final Map<TypeElement, Map<String, List<ExecutableElement>>> methods = new HashMap<>();
    private final Map<TypeElement, Set<String>> fields = new HashMap<>();
    private final Map<String, Optional<TypeMirror>> declared = new HashMap<>();
  }

  private final BodyScan scan;
  private final ClassInfo info;
  private final TypeNames typeNames;
  private final Elements elements;
  private final Types types;
  private final Set<String> typeVariables = new HashSet<>();
  private final Deque<String> labels = new ArrayDeque<>();
  private final TypeMirror string;
  private final TypeMirror throwable;
  private final ExecutableElement method;
  private final Known known;
  /** The type of each expression asked about (operands are asked again by their parents). */
  private final Map<ExpressionTree, Optional<TypeMirror>> typed = new IdentityHashMap<>();
  /** The first error found, described, or null. */
  private String found;

  CertainErrors(
      BodyScan scan,
      ClassInfo info,
      TypeNames typeNames,
      Elements elements,
      Types types,
      ExecutableElement method,
      Known known) {
    this.known = known;
    this.scan = scan;
    this.info = info;
    this.typeNames = typeNames;
    this.elements = elements;
    this.types = types;
    this.method = method;
    for (TypeParameterElement parameter : method.getTypeParameters()) {
      typeVariables.add(parameter.getSimpleName().toString());
    }
    for (Element type = info.element; type instanceof TypeElement t; type = type.getEnclosingElement()) {
      for (TypeParameterElement parameter : t.getTypeParameters()) {
        typeVariables.add(parameter.getSimpleName().toString());
      }
    }
    this.string = elements.getTypeElement("java.lang.String").asType();
    this.throwable = elements.getTypeElement("java.lang.Throwable").asType();
  }

  /** The first certain error in {@code body}, described, or null when there is none. */
  String in(Tree body) {
    Set<String> parameters = new HashSet<>();
    for (javax.lang.model.element.VariableElement parameter : method.getParameters()) {
      parameters.add(parameter.getSimpleName().toString());
    }
    scopes.push(parameters);
    try {
      scan(body, null);
    } catch (RuntimeException unknown) {
      return null; // a shape this check did not foresee: it claims nothing
    }
    return found;
  }

  private void error(Tree where, String what) {
    if (found == null) {
      found = what + ": " + where;
    }
  }

  // -- what is not looked into --

  @Override
  public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
    // Its parameters and locals shadow nothing of the body (Java forbids it) and are not typed
    // here (they are SHADOW names); a jump in it cannot reach a label outside.
    Deque<String> outerLabels = new ArrayDeque<>(labels);
    labels.clear();
    try {
      return scoped(
          () -> {
            scan(tree.getParameters(), null);
            scan(tree.getBody(), null);
          });
    } finally {
      labels.clear();
      labels.addAll(outerLabels);
    }
  }

  @Override
  public Void visitClass(ClassTree tree, Void unused) {
    // A local class, record, enum or interface: its name, like a local's, cannot be declared again
    // where the first is in scope; its body is not looked into.
    String name = "class " + tree.getSimpleName();
    if (!scopes.isEmpty()) {
      for (Set<String> scope : scopes) {
        if (scope.contains(name)) {
          error(tree, "local " + name + " declared again");
        }
      }
      scopes.peek().add(name);
    }
    classBody(tree.getMembers());
    return null;
  }

  @Override
  public Void visitNewClass(NewClassTree tree, Void unused) {
    scan(tree.getEnclosingExpression(), null);
    scan(tree.getArguments(), null);
    if (tree.getClassBody() != null) {
      classBody(tree.getClassBody().getMembers());
    }
    return null;
  }

  /** Inside the body of a class of the body: names may mean its members, so nothing is typed. */
  private int inClassBody;

  /**
   * The methods of a local or anonymous class: what is wrong without knowing any type (a method
   * declared twice with the same parameter types as written, a jump to no label, a local declared
   * twice); its locals may hide the body's, so each method starts with scopes of its own.
   */
  private void classBody(List<? extends Tree> members) {
    Set<String> signatures = new HashSet<>();
    for (Tree member : members) {
      if (!(member instanceof com.sun.source.tree.MethodTree method)) {
        continue;
      }
      StringBuilder signature = new StringBuilder(method.getName()).append('(');
      for (VariableTree parameter : method.getParameters()) {
        signature.append(parameter.getType()).append(',');
      }
      if (!signatures.add(signature.toString())) {
        error(method, "a method declared twice: " + signature + ")");
      }
      if (method.getBody() == null) {
        continue;
      }
      List<Set<String>> outerScopes = new ArrayList<>(scopes);
      List<String> outerLabels = new ArrayList<>(labels);
      scopes.clear();
      labels.clear();
      inClassBody++;
      try {
        scoped(
            () -> {
              scan(method.getParameters(), null);
              scan(method.getBody(), null);
            });
      } finally {
        inClassBody--;
        scopes.clear();
        scopes.addAll(outerScopes);
        labels.clear();
        labels.addAll(outerLabels);
      }
    }
  }

  // -- conditions --

  private void condition(ExpressionTree condition) {
    TypeMirror type = condition == null ? null : typeOf(condition);
    if (type != null && type.getKind() != TypeKind.BOOLEAN && !isBox(type, TypeKind.BOOLEAN)) {
      error(condition, "a condition that is not a boolean");
    }
  }

  @Override
  public Void visitIf(IfTree tree, Void unused) {
    condition(tree.getCondition());
    return super.visitIf(tree, unused);
  }

  @Override
  public Void visitWhileLoop(WhileLoopTree tree, Void unused) {
    condition(tree.getCondition());
    return super.visitWhileLoop(tree, unused);
  }

  @Override
  public Void visitDoWhileLoop(DoWhileLoopTree tree, Void unused) {
    condition(tree.getCondition());
    return super.visitDoWhileLoop(tree, unused);
  }

  @Override
  public Void visitConditionalExpression(ConditionalExpressionTree tree, Void unused) {
    condition(tree.getCondition());
    return super.visitConditionalExpression(tree, unused);
  }

  @Override
  public Void visitAssert(AssertTree tree, Void unused) {
    condition(tree.getCondition());
    return super.visitAssert(tree, unused);
  }

  @Override
  public Void visitBinary(BinaryTree tree, Void unused) {
    Tree.Kind kind = tree.getKind();
    if (kind == Tree.Kind.CONDITIONAL_AND || kind == Tree.Kind.CONDITIONAL_OR) {
      condition(tree.getLeftOperand());
      condition(tree.getRightOperand());
    }
    if (kind == Tree.Kind.PLUS
        || kind == Tree.Kind.MINUS
        || kind == Tree.Kind.MULTIPLY
        || kind == Tree.Kind.DIVIDE
        || kind == Tree.Kind.REMAINDER) {
      TypeMirror left = typeOf(tree.getLeftOperand());
      TypeMirror right = typeOf(tree.getRightOperand());
      boolean concatenation =
          kind == Tree.Kind.PLUS
              && (left == null || types.isSameType(left, string) || right == null || types.isSameType(right, string));
      if (left != null && right != null && !concatenation && !(number(left) && number(right))) {
        error(tree, "an operation on a " + left + " and a " + right);
      }
    }
    return super.visitBinary(tree, unused);
  }

  /** A number, or a box of one: what arithmetic takes. */
  private boolean number(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return type.getKind() != TypeKind.BOOLEAN;
    }
    return isBoxed(type) && types.unboxedType(type).getKind() != TypeKind.BOOLEAN;
  }

  /** What {@code ++}, {@code --} and assignments change must be a variable. */
  private void variable(ExpressionTree target) {
    while (target instanceof ParenthesizedTree parenthesized) {
      target = parenthesized.getExpression();
    }
    Tree.Kind kind = target.getKind();
    if (kind != Tree.Kind.IDENTIFIER && kind != Tree.Kind.MEMBER_SELECT && kind != Tree.Kind.ARRAY_ACCESS) {
      error(target, "a value where a variable must be");
    }
  }

  @Override
  public Void visitUnary(UnaryTree tree, Void unused) {
    if (tree.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      condition(tree.getExpression());
    } else if (tree.getKind() != Tree.Kind.UNARY_MINUS
        && tree.getKind() != Tree.Kind.UNARY_PLUS
        && tree.getKind() != Tree.Kind.BITWISE_COMPLEMENT) {
      variable(tree.getExpression());
      finalLocal(tree.getExpression());
    }
    return super.visitUnary(tree, unused);
  }

  // -- values for locals --

  // -- a local declared again where the first is in scope --

  /** The names of the locals in scope, innermost block last (a class body starts its own). */
  private final Deque<Set<String>> scopes = new ArrayDeque<>();

  private Void scoped(Runnable scanning) {
    scopes.push(new HashSet<>());
    try {
      scanning.run();
    } finally {
      scopes.pop();
    }
    return null;
  }

  @Override
  public Void visitBlock(com.sun.source.tree.BlockTree tree, Void unused) {
    return scoped(() -> super.visitBlock(tree, null));
  }

  @Override
  public Void visitForLoop(ForLoopTree tree, Void unused) {
    condition(tree.getCondition());
    return scoped(() -> super.visitForLoop(tree, null));
  }

  @Override
  public Void visitEnhancedForLoop(com.sun.source.tree.EnhancedForLoopTree tree, Void unused) {
    scan(tree.getExpression(), null);
    return scoped(
        () -> {
          scan(tree.getVariable(), null);
          scan(tree.getStatement(), null);
        });
  }

  @Override
  public Void visitCatch(com.sun.source.tree.CatchTree tree, Void unused) {
    return scoped(() -> super.visitCatch(tree, null));
  }

  @Override
  public Void visitTry(com.sun.source.tree.TryTree tree, Void unused) {
    scoped(
        () -> {
          scan(tree.getResources(), null);
          scan(tree.getBlock(), null);
        });
    scan(tree.getCatches(), null);
    return scan(tree.getFinallyBlock(), null);
  }

  /** Each {@code case NAME} of a switch on a value of an enum type names one of its constants. */
  private void enumLabels(ExpressionTree selector, List<? extends com.sun.source.tree.CaseTree> cases) {
    if (inClassBody > 0) {
      return;
    }
    Set<String> constants = new HashSet<>();
    Object type = typeOf(selector);
    if (type instanceof DeclaredType declared && declared.asElement().getKind() == ElementKind.ENUM) {
      for (Element member : declared.asElement().getEnclosedElements()) {
        if (member.getKind() == ElementKind.ENUM_CONSTANT) {
          constants.add(member.getSimpleName().toString());
        }
      }
    } else if (localEnumOf(selector) != null) {
      ClassTree local = localEnumOf(selector);
      type = "local enum " + local.getSimpleName();
      for (Tree member : local.getMembers()) {
        // a constant is a field the parser gives a new instance of the enum itself
        if (member instanceof VariableTree field
            && field.getInitializer() instanceof NewClassTree created
            && created.getIdentifier().toString().contentEquals(local.getSimpleName())) {
          constants.add(field.getName().toString());
        }
      }
    } else {
      return;
    }
    for (com.sun.source.tree.CaseTree c : cases) {
      for (ExpressionTree label : c.getExpressions()) {
        if (label instanceof IdentifierTree name && !constants.contains(name.getName().toString())) {
          error(label, "a case that is no constant of " + type);
        }
      }
    }
  }

  /** The local enum of the body that a local's declared type names, or null. */
  private ClassTree localEnumOf(ExpressionTree selector) {
    while (selector instanceof ParenthesizedTree parenthesized) {
      selector = parenthesized.getExpression(); // a switch's selector comes with its parentheses
    }
    if (!(selector instanceof IdentifierTree id)) {
      return null;
    }
    LocalVar var = scan.references.get(id);
    if (var == null || var.kind == LocalVar.Kind.SHADOW || !(var.typeTree instanceof IdentifierTree written)) {
      return null;
    }
    ClassTree local = scan.localClasses.get(written.getName().toString());
    return local != null && local.getKind() == Tree.Kind.ENUM ? local : null;
  }

  /**
   * {@code E.X} where E is a local enum of the body (it cannot extend anything, and an enum has no
   * inherited fields): X is one of its own constants or fields.
   */
  private void localEnumMember(MemberSelectTree select) {
    if (inClassBody > 0) {
      return;
    }
    if (!(select.getExpression() instanceof IdentifierTree id)
        || scan.references.get(id) != null
        || info.isFieldName(id.getName().toString())
        || select.getIdentifier().contentEquals("class")
        || select.getIdentifier().contentEquals("this")) {
      return;
    }
    ClassTree local = scan.localClasses.get(id.getName().toString());
    if (local == null || local.getKind() != Tree.Kind.ENUM || !local.getImplementsClause().isEmpty()) {
      return;
    }
    for (Tree member : local.getMembers()) {
      if (member instanceof VariableTree field && field.getName().contentEquals(select.getIdentifier())) {
        return;
      }
    }
    error(select, "no constant or field '" + select.getIdentifier() + "' in local enum " + id);
  }

  @Override
  public Void visitSwitch(com.sun.source.tree.SwitchTree tree, Void unused) {
    enumLabels(tree.getExpression(), tree.getCases());
    scan(tree.getExpression(), null);
    return scoped(() -> scan(tree.getCases(), null)); // the cases of a switch share one block
  }

  @Override
  public Void visitSwitchExpression(com.sun.source.tree.SwitchExpressionTree tree, Void unused) {
    enumLabels(tree.getExpression(), tree.getCases());
    scan(tree.getExpression(), null);
    return scoped(() -> scan(tree.getCases(), null));
  }

  @Override
  public Void visitBindingPattern(com.sun.source.tree.BindingPatternTree tree, Void unused) {
    return null; // a binding's scope follows the flow of its condition: not tracked
  }

  private void declare(VariableTree tree) {
    String name = tree.getName().toString();
    if (name.equals("_") || scopes.isEmpty()) {
      return;
    }
    for (Set<String> scope : scopes) {
      if (scope.contains(name)) {
        error(tree, "'" + name + "' declared again");
      }
    }
    scopes.peek().add(name);
  }

  @Override
  public Void visitVariable(VariableTree tree, Void unused) {
    declare(tree);
    if (tree.getInitializer() != null && tree.getType() != null) {
      assign(declared(tree.getType()), tree.getInitializer());
    }
    scan(tree.getInitializer(), null);
    return null; // its type is a type: a name in it is not a value (see visitMemberSelect)
  }

  @Override
  public Void visitTypeCast(com.sun.source.tree.TypeCastTree tree, Void unused) {
    return scan(tree.getExpression(), null);
  }

  @Override
  public Void visitInstanceOf(com.sun.source.tree.InstanceOfTree tree, Void unused) {
    return scan(tree.getExpression(), null);
  }

  @Override
  public Void visitNewArray(com.sun.source.tree.NewArrayTree tree, Void unused) {
    scan(tree.getDimensions(), null);
    return scan(tree.getInitializers(), null);
  }

  @Override
  public Void visitMemberReference(com.sun.source.tree.MemberReferenceTree tree, Void unused) {
    return null;
  }

  @Override
  public Void visitAssignment(AssignmentTree tree, Void unused) {
    variable(tree.getVariable());
    finalLocal(tree.getVariable());
    if (tree.getVariable() instanceof IdentifierTree id && scan.references.get(id) != null) {
      LocalVar var = scan.references.get(id);
      if (var.kind != LocalVar.Kind.SHADOW && var.typeTree != null) {
        assign(declared(var.typeTree), tree.getExpression());
      }
    }
    return super.visitAssignment(tree, unused);
  }

  @Override
  public Void visitCompoundAssignment(CompoundAssignmentTree tree, Void unused) {
    variable(tree.getVariable());
    finalLocal(tree.getVariable());
    return super.visitCompoundAssignment(tree, unused);
  }

  /** A value of a known type given to a local of a known type that cannot hold it. */
  private void assign(TypeMirror target, ExpressionTree value) {
    if (target == null) {
      return;
    }
    TypeMirror type = typeOf(value);
    if (type == null) {
      return;
    }
    if (narrowable(type) && (isNarrowTarget(target))) {
      return; // a constant that fits is allowed: not certain
    }
    boolean simple =
        target.getKind().isPrimitive()
            || isBoxed(target)
            || types.isSameType(target, string)
            || type.getKind().isPrimitive()
            || types.isSameType(type, string);
    if (simple && !types.isAssignable(type, target)) {
      error(value, "a value of type " + type + " for a variable of type " + target);
    }
  }

  /** A primitive number (not a box: its operations could also throw, which is not a type). */
  private static boolean numeric(TypeMirror type) {
    return type.getKind().isPrimitive() && type.getKind() != TypeKind.BOOLEAN;
  }

  /** The type of a numeric operation on {@code a} and {@code b} (binary numeric promotion). */
  private TypeMirror promoted(TypeMirror a, TypeMirror b) {
    for (TypeKind kind : new TypeKind[] {TypeKind.DOUBLE, TypeKind.FLOAT, TypeKind.LONG}) {
      if (a.getKind() == kind || b.getKind() == kind) {
        return types.getPrimitiveType(kind);
      }
    }
    return types.getPrimitiveType(TypeKind.INT);
  }

  private static boolean narrowable(TypeMirror type) {
    TypeKind kind = type.getKind();
    return kind == TypeKind.INT || kind == TypeKind.SHORT || kind == TypeKind.CHAR || kind == TypeKind.BYTE;
  }

  private boolean isNarrowTarget(TypeMirror target) {
    for (TypeKind kind : new TypeKind[] {TypeKind.BYTE, TypeKind.SHORT, TypeKind.CHAR}) {
      if (target.getKind() == kind || isBox(target, kind)) {
        return true;
      }
    }
    return false;
  }

  /** An assignment, {@code ++} or {@code --} of a final local or parameter that has its value. */
  private void finalLocal(ExpressionTree target) {
    while (target instanceof ParenthesizedTree parenthesized) {
      target = parenthesized.getExpression();
    }
    if (target instanceof IdentifierTree id && scan.references.get(id) != null) {
      LocalVar var = scan.references.get(id);
      boolean hasValue = var.kind == LocalVar.Kind.PARAMETER || var.tree.getInitializer() != null;
      if (var.kind != LocalVar.Kind.SHADOW
          && !var.binding
          && hasValue
          && var.tree.getModifiers().getFlags().contains(Modifier.FINAL)) {
        error(target, "a new value for final '" + var.name + "'");
      }
    }
  }

  // -- arguments --

  @Override
  public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
    primitiveReceiver(tree);
    localEnumMember(tree);
    TypeElement owner = fieldOwner(tree.getExpression());
    if (owner != null && !tree.getIdentifier().contentEquals("class")) {
      if (!fieldsOf(owner).contains(tree.getIdentifier().toString())) {
        error(tree, "no field '" + tree.getIdentifier() + "' in " + owner.getSimpleName());
      }
    }
    return super.visitMemberSelect(tree, unused);
  }

  /** {@code x.f} or {@code x.m()} where x is certainly a primitive value. */
  private void primitiveReceiver(MemberSelectTree select) {
    ExpressionTree receiver = select.getExpression();
    if (receiver instanceof IdentifierTree id
        && scan.references.get(id) == null
        && !info.isFieldName(id.getName().toString())) {
      return; // perhaps a type or a package
    }
    TypeMirror type = typeOf(receiver);
    if (type != null && type.getKind().isPrimitive()) {
      error(select, "a " + type + " dereferenced");
    }
  }

  /**
   * The class whose field {@code x.f} must name, when certain: {@code this}, or a local or field
   * of a plain class type (not a type name, not a package).
   */
  private TypeElement fieldOwner(ExpressionTree receiver) {
    if (inClassBody > 0) {
      return null;
    }
    if (receiver instanceof IdentifierTree id && id.getName().contentEquals("this")) {
      return info.element;
    }
    if (receiver instanceof IdentifierTree id && scan.references.get(id) != null) {
      TypeMirror type = identifier(id);
      if (type != null && type.getKind() == TypeKind.DECLARED) {
        return (TypeElement) ((DeclaredType) type).asElement();
      }
    }
    return null;
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
    if ((scan.names.isAwait(tree) || scan.names.isAwaitEach(tree) || scan.names.isEmit(tree))
        && tree.getArguments().size() != 1) {
      // each takes one argument (and the transform reads it)
      error(tree, tree.getArguments().size() + " arguments for " + tree.getMethodSelect());
    }
    if (scan.names.isAwait(tree) && tree.getArguments().size() == 1) {
      TypeMirror awaited = typeOf(tree.getArguments().get(0));
      if (awaited != null && (awaited.getKind().isPrimitive() || types.isSameType(awaited, string))) {
        error(tree, "an await of a " + awaited);
      }
    }
    List<ExecutableElement> candidates = candidates(tree);
    if (candidates != null && candidates.isEmpty()) {
      error(tree, "no method '" + tree.getMethodSelect() + "'");
    }
    if (candidates != null && !candidates.isEmpty()) {
      boolean anyFits = false;
      for (ExecutableElement candidate : candidates) {
        anyFits |= mayFit(candidate, receiverOf(tree), tree.getArguments());
      }
      if (!anyFits) {
        error(tree, "arguments no '" + candidates.get(0).getSimpleName() + "' takes");
      }
    }
    if (tree.getMethodSelect() instanceof MemberSelectTree select) {
      primitiveReceiver(select);
      // the method's name is not a field: only what it is called on is looked at
      scan(tree.getTypeArguments(), null);
      scan(select.getExpression(), null);
      scan(tree.getArguments(), null);
      return null;
    }
    return super.visitMethodInvocation(tree, unused);
  }

  /** Whether {@code method} may take {@code arguments}: false only when certainly not. */
  private boolean mayFit(
      ExecutableElement method, DeclaredType receiver, List<? extends ExpressionTree> arguments) {
    if (method.isVarArgs() || !method.getTypeParameters().isEmpty()) {
      return true;
    }
    if (method.getParameters().size() != arguments.size()) {
      return false;
    }
    List<? extends TypeMirror> parameters = asMember(receiver, method).getParameterTypes();
    for (int i = 0; i < arguments.size(); i++) {
      TypeMirror parameter = parameters.get(i);
      if (!plain(parameter)) {
        continue;
      }
      TypeMirror argument = typeOf(arguments.get(i));
      if (argument != null && !types.isAssignable(argument, parameter)) {
        return false;
      }
    }
    return true;
  }

  // -- arrays --

  @Override
  public Void visitArrayAccess(com.sun.source.tree.ArrayAccessTree tree, Void unused) {
    TypeMirror type = typeOf(tree.getExpression());
    if (type != null && type.getKind() != TypeKind.ARRAY) {
      error(tree, "an index into a " + type); // a known type here is never an array
    }
    return super.visitArrayAccess(tree, unused);
  }

  // -- throw --

  @Override
  public Void visitThrow(ThrowTree tree, Void unused) {
    TypeMirror type = typeOf(tree.getExpression());
    if (type != null && type.getKind() != TypeKind.NULL && !types.isAssignable(type, throwable)) {
      error(tree, "a throw of a " + type);
    }
    return super.visitThrow(tree, unused);
  }

  // -- labels --

  @Override
  public Void visitLabeledStatement(LabeledStatementTree tree, Void unused) {
    labels.push(tree.getLabel().toString());
    super.visitLabeledStatement(tree, unused);
    labels.pop();
    return null;
  }

  @Override
  public Void visitBreak(BreakTree tree, Void unused) {
    if (tree.getLabel() != null && !labels.contains(tree.getLabel().toString())) {
      error(tree, "a jump to no label");
    }
    return null;
  }

  @Override
  public Void visitContinue(ContinueTree tree, Void unused) {
    if (tree.getLabel() != null && !labels.contains(tree.getLabel().toString())) {
      error(tree, "a jump to no label");
    }
    return null;
  }

  // -- the types this check is sure of --

  /** The static type of {@code expression}, when it is certain; null otherwise. */
  private TypeMirror typeOf(ExpressionTree expression) {
    if (inClassBody > 0) {
      return null;
    }
    Optional<TypeMirror> known = typed.get(expression);
    if (known == null) {
      known = Optional.ofNullable(typeOfOnce(expression));
      typed.put(expression, known);
    }
    return known.orElse(null);
  }

  private TypeMirror typeOfOnce(ExpressionTree expression) {
    switch (expression.getKind()) {
      case PARENTHESIZED:
        return typeOf(((ParenthesizedTree) expression).getExpression());
      case INT_LITERAL:
        return types.getPrimitiveType(TypeKind.INT);
      case LONG_LITERAL:
        return types.getPrimitiveType(TypeKind.LONG);
      case FLOAT_LITERAL:
        return types.getPrimitiveType(TypeKind.FLOAT);
      case DOUBLE_LITERAL:
        return types.getPrimitiveType(TypeKind.DOUBLE);
      case BOOLEAN_LITERAL:
        return types.getPrimitiveType(TypeKind.BOOLEAN);
      case CHAR_LITERAL:
        return types.getPrimitiveType(TypeKind.CHAR);
      case STRING_LITERAL:
        return string;
      case NULL_LITERAL:
        return types.getNullType();
      case EQUAL_TO:
      case NOT_EQUAL_TO:
      case LESS_THAN:
      case LESS_THAN_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_EQUAL:
      case CONDITIONAL_AND:
      case CONDITIONAL_OR:
      case LOGICAL_COMPLEMENT:
      case INSTANCE_OF:
        return types.getPrimitiveType(TypeKind.BOOLEAN);
      case PLUS: {
        BinaryTree plus = (BinaryTree) expression;
        TypeMirror left = typeOf(plus.getLeftOperand());
        TypeMirror right = typeOf(plus.getRightOperand());
        boolean concatenation =
            left != null && types.isSameType(left, string) || right != null && types.isSameType(right, string);
        return concatenation ? string : null;
      }
      case PREFIX_INCREMENT:
      case PREFIX_DECREMENT:
      case POSTFIX_INCREMENT:
      case POSTFIX_DECREMENT: {
        TypeMirror operand = typeOf(((UnaryTree) expression).getExpression());
        return operand != null && numeric(operand) ? operand : null;
      }
      case UNARY_MINUS:
      case UNARY_PLUS:
      case BITWISE_COMPLEMENT: {
        TypeMirror operand = typeOf(((UnaryTree) expression).getExpression());
        return operand != null && numeric(operand) ? promoted(operand, operand) : null;
      }
      case MINUS:
      case MULTIPLY:
      case DIVIDE:
      case REMAINDER: {
        BinaryTree arithmetic = (BinaryTree) expression;
        TypeMirror left = typeOf(arithmetic.getLeftOperand());
        TypeMirror right = typeOf(arithmetic.getRightOperand());
        return left != null && right != null && numeric(left) && numeric(right) ? promoted(left, right) : null;
      }
      case IDENTIFIER:
        return identifier((IdentifierTree) expression);
      case NEW_CLASS: {
        NewClassTree create = (NewClassTree) expression;
        if (create.getClassBody() != null || create.getEnclosingExpression() != null) {
          return null;
        }
        TypeMirror created = declared(create.getIdentifier());
        return created != null && created.getKind() == TypeKind.DECLARED ? created : null;
      }
      case METHOD_INVOCATION:
        return call((MethodInvocationTree) expression);
      default:
        return null;
    }
  }

  private TypeMirror identifier(IdentifierTree id) {
    LocalVar var = scan.references.get(id);
    if (var != null) {
      if (var.kind == LocalVar.Kind.SHADOW || var.typeTree == null || var.unionCatch) {
        return null;
      }
      return var.typeTree instanceof com.sun.source.tree.ParameterizedTypeTree generic
          ? parameterized(generic)
          : declared(var.typeTree);
    }
    TypeMirror field = info.fieldTypes.get(id.getName().toString());
    return field != null && plain(field) ? field : null;
  }

  /** The type of a call whose every candidate returns the same plain type. */
  private TypeMirror call(MethodInvocationTree call) {
    List<ExecutableElement> candidates = candidates(call);
    if (candidates == null || candidates.isEmpty()) {
      return null;
    }
    DeclaredType receiver = receiverOf(call);
    TypeMirror found = null;
    for (ExecutableElement method : candidates) {
      TypeMirror result = asMember(receiver, method).getReturnType();
      if (!plain(result) || found != null && !types.isSameType(found, result)) {
        return null;
      }
      found = result;
    }
    return found;
  }

  /**
   * The methods a call may mean, when they are certainly all known: a call by simple name of a
   * method this class has, or a call on a local whose type is a plain class; null otherwise.
   */
  private List<ExecutableElement> candidates(MethodInvocationTree call) {
    if (inClassBody > 0) {
      return null;
    }
    if (!call.getTypeArguments().isEmpty()) {
      return null;
    }
    TypeElement owner;
    String name;
    if (call.getMethodSelect() instanceof IdentifierTree id) {
      if (scan.names.isAwait(call)) {
        return null;
      }
      owner = info.element;
      name = id.getName().toString();
    } else if (call.getMethodSelect() instanceof MemberSelectTree select) {
      DeclaredType type = receiverOf(call);
      if (type == null) {
        return null;
      }
      owner = (TypeElement) type.asElement();
      name = select.getIdentifier().toString();
    } else {
      return null;
    }
    List<ExecutableElement> found = methodsOf(owner).getOrDefault(name, List.of());
    if (found.isEmpty() && call.getMethodSelect() instanceof IdentifierTree) {
      return null; // perhaps a method of an enclosing class, or imported
    }
    return found; // empty: the receiver's class has no such method
  }

  /** The methods of {@code owner} by name, inherited ones too (an interface's: Object's too). */
  private Map<String, List<ExecutableElement>> methodsOf(TypeElement owner) {
    return known.methods.computeIfAbsent(
        owner,
        type -> {
          List<Element> members = new ArrayList<>(elements.getAllMembers(type));
          if (type.getKind().isInterface()) {
            members.addAll(elements.getAllMembers(elements.getTypeElement("java.lang.Object")));
          }
          Map<String, List<ExecutableElement>> byName = new HashMap<>();
          for (ExecutableElement method : ElementFilter.methodsIn(members)) {
            byName.computeIfAbsent(method.getSimpleName().toString(), n -> new ArrayList<>()).add(method);
          }
          return byName;
        });
  }

  /** The names of the fields of {@code owner}, inherited ones too. */
  private Set<String> fieldsOf(TypeElement owner) {
    return known.fields.computeIfAbsent(
        owner,
        type -> {
          Set<String> names = new HashSet<>();
          for (Element member : elements.getAllMembers(type)) {
            if (member.getKind().isField()) {
              names.add(member.getSimpleName().toString());
            }
          }
          return names;
        });
  }

  /** A type written in the body, when it names a plain type certainly. */
  private TypeMirror declared(Tree type) {
    if (type instanceof PrimitiveTypeTree primitive) {
      TypeKind kind = primitive.getPrimitiveTypeKind();
      return kind.isPrimitive() ? types.getPrimitiveType(kind) : null;
    }
    if (!(type instanceof IdentifierTree) && !(type instanceof MemberSelectTree)) {
      return null; // arrays, generic types, unions: not needed to be certain
    }
    String written = type.toString();
    String first = written.contains(".") ? written.substring(0, written.indexOf('.')) : written;
    if (typeVariables.contains(first) || scan.localClasses.containsKey(first)) {
      return null;
    }
    return known.declared.computeIfAbsent(written, w -> Optional.ofNullable(resolve(type))).orElse(null);
  }

  private TypeMirror resolve(Tree type) {
    TypeElement element;
    try {
      element = typeNames.resolve(type);
    } catch (RuntimeException unknown) {
      return null;
    }
    if (element == null || !element.getTypeParameters().isEmpty() || element.getKind() == ElementKind.ANNOTATION_TYPE) {
      return null;
    }
    return element.asType();
  }

  /**
   * A local's generic type whose type arguments are all plain types ({@code List<String>}), so
   * that its methods' parameters and results are known; null for wildcards and anything else.
   */
  private TypeMirror parameterized(com.sun.source.tree.ParameterizedTypeTree generic) {
    Tree raw = generic.getType();
    if (!(raw instanceof IdentifierTree) && !(raw instanceof MemberSelectTree)) {
      return null;
    }
    String written = raw.toString();
    String first = written.contains(".") ? written.substring(0, written.indexOf('.')) : written;
    if (typeVariables.contains(first) || scan.localClasses.containsKey(first)) {
      return null;
    }
    TypeElement element;
    try {
      element = typeNames.resolve(raw);
    } catch (RuntimeException unknown) {
      return null;
    }
    if (element == null || element.getTypeParameters().size() != generic.getTypeArguments().size()) {
      return null;
    }
    TypeMirror[] arguments = new TypeMirror[generic.getTypeArguments().size()];
    for (int i = 0; i < arguments.length; i++) {
      arguments[i] = declared(generic.getTypeArguments().get(i));
      if (arguments[i] == null || arguments[i].getKind() != TypeKind.DECLARED) {
        return null;
      }
    }
    return types.getDeclaredType(element, arguments);
  }

  /** What a method of the receiver's type takes and gives, its type arguments put in. */
  private javax.lang.model.type.ExecutableType asMember(DeclaredType receiver, ExecutableElement method) {
    return (javax.lang.model.type.ExecutableType)
        (receiver == null ? method.asType() : types.asMemberOf(receiver, method));
  }

  /** The type of what a call is made on ({@code x} of {@code x.m()}), when it is a known class. */
  private DeclaredType receiverOf(MethodInvocationTree call) {
    if (!(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return null;
    }
    ExpressionTree receiver = select.getExpression();
    TypeMirror type;
    if (receiver instanceof IdentifierTree id
        && scan.references.get(id) == null
        && !id.getName().contentEquals("this")
        && !id.getName().contentEquals("super")
        && !info.isFieldName(id.getName().toString())) {
      type = declared(id); // Type.m(..): a name neither a local nor a field is a type (or a package)
    } else {
      type = typeOf(receiver); // a value: a local, a literal, a concatenation, a call..
    }
    return type != null && type.getKind() == TypeKind.DECLARED ? (DeclaredType) type : null;
  }

  /** A primitive, or a class or interface without type arguments or type parameters. */
  private static boolean plain(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return true;
    }
    return type.getKind() == TypeKind.DECLARED
        && ((DeclaredType) type).getTypeArguments().isEmpty()
        && ((TypeElement) ((DeclaredType) type).asElement()).getTypeParameters().isEmpty();
  }

  private boolean isBoxed(TypeMirror type) {
    try {
      return type.getKind() == TypeKind.DECLARED && types.unboxedType(type) != null;
    } catch (IllegalArgumentException notABox) {
      return false;
    }
  }

  private boolean isBox(TypeMirror type, TypeKind kind) {
    return isBoxed(type) && types.unboxedType(type).getKind() == kind;
  }
}
