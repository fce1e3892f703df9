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
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
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
 * come from {@link CertainTypes}; names declared in a lambda are not typed, and the bodies of
 * classes inside are only looked at for what needs no type (their members may hide the class's);
 * a narrowing that a constant could make legal is not an error.
 */
final class CertainErrors extends TreeScanner<Void, Void> {
  private final BodyScan scan;
  private final ClassInfo info;
  private final Elements elements;
  private final Types types;
  private final ExecutableElement method;
  private final CertainTypes certain;
  private final Deque<String> labels = new ArrayDeque<>();
  private final TypeMirror string;
  private final TypeMirror throwable;
  /** The first error found, described, or null. */
  private String found;

  CertainErrors(
      BodyScan scan,
      ClassInfo info,
      TypeNames typeNames,
      Elements elements,
      Types types,
      ExecutableElement method,
      CertainTypes.Known known) {
    this.scan = scan;
    this.info = info;
    this.elements = elements;
    this.types = types;
    this.method = method;
    this.certain = new CertainTypes(scan, info, typeNames, elements, types, method, known);
    this.string = certain.string;
    this.throwable = elements.getTypeElement("java.lang.Throwable").asType();
  }

  /** What this check knows of the body's types (shared with the lowering). */
  CertainTypes certainTypes() {
    return certain;
  }

  /** The first certain error in {@code body}, described, or null when there is none. */
  String in(Tree body) {
    Set<String> parameters = new HashSet<>();
    for (javax.lang.model.element.VariableElement parameter : method.getParameters()) {
      parameters.add(parameter.getSimpleName().toString());
    }
    scopes.push(parameters);
    declaredAnywhere.addAll(parameters);
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        declaredAnywhere.add(tree.getName().toString());
        return super.visitVariable(tree, unused);
      }
    }.scan(body, null);
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
    inLambda++;
    try {
      apart(false, tree.getParameters(), tree.getBody());
    } finally {
      inLambda--;
    }
    return null;
  }

  /** Inside a lambda of the body: a return there is the lambda's. */
  private int inLambda;

  @Override
  public Void visitReturn(com.sun.source.tree.ReturnTree tree, Void unused) {
    if (leavesSwitchExpression(Set.of())) {
      error(tree, "a return out of a switch expression");
    }
    ExpressionTree value = tree.getExpression();
    if (value != null
        && inLambda == 0
        && inClassBody == 0
        && !scan.generator
        && !scan.names.isDone(value)) {
      // "return 5;" for "return done(5);": the body awaits what it returns (return other()),
      // and a value that is certainly no coroutine cannot be awaited (incompatible types).
      TypeMirror type = typeOf(value);
      if (type == null
          && inClassBody == 0
          && value instanceof IdentifierTree id
          && scan.references.get(id) == null) {
        type = info.fieldTypes.get(id.getName().toString()); // return list; (a field of any type)
      }
      if (type != null && certain.certainlyNotAwaitable(type)) {
        error(tree, "a return of a " + type + ", not of a coroutine");
      }
    }
    return super.visitReturn(tree, unused);
  }

  /**
   * Scans a lambda's or a method's parameters and body where no label around it can be reached;
   * with {@code ownScopes}, no local around it is in scope either (a class body's locals may hide
   * the body's).
   */
  private void apart(boolean ownScopes, List<? extends VariableTree> parameters, Tree body) {
    jumpTargets.push(BARRIER);
    try {
      apart0(ownScopes, parameters, body);
    } finally {
      jumpTargets.pop();
    }
  }

  // -- jumps out of a switch expression --

  /**
   * What a jump may leave, innermost first: loops, switch statements, switch expressions (which
   * no jump leaves but a yield), labels ({@code "label:L"}), and the barrier of a lambda or class
   * body (nothing jumps past it).
   */
  private final Deque<String> jumpTargets = new ArrayDeque<>();

  private static final String LOOP = "loop";
  private static final String SWITCH = "switch";
  private static final String SWITCH_EXPRESSION = "switch expression";
  private static final String BARRIER = "barrier";

  @Override
  public Void scan(Tree tree, Void unused) {
    String target =
        tree == null
            ? null
            : switch (tree.getKind()) {
              case WHILE_LOOP, DO_WHILE_LOOP, FOR_LOOP, ENHANCED_FOR_LOOP -> LOOP;
              case SWITCH -> SWITCH;
              case SWITCH_EXPRESSION -> SWITCH_EXPRESSION;
              case LABELED_STATEMENT -> "label:" + ((LabeledStatementTree) tree).getLabel();
              default -> null;
            };
    if (target == null) {
      return super.scan(tree, unused);
    }
    jumpTargets.push(target);
    try {
      return super.scan(tree, unused);
    } finally {
      jumpTargets.pop();
    }
  }

  /**
   * Whether a jump to the first of {@code targets} (a kind, or "label:L") would leave a switch
   * expression on its way: javac's "attempt to break/continue out of a switch expression".
   */
  private boolean leavesSwitchExpression(Set<String> targets) {
    for (String target : jumpTargets) {
      if (targets.contains(target) || target.equals(BARRIER)) {
        return false;
      }
      if (target.equals(SWITCH_EXPRESSION)) {
        return true;
      }
    }
    return false;
  }

  private void apart0(boolean ownScopes, List<? extends VariableTree> parameters, Tree body) {
    List<String> outerLabels = new ArrayList<>(labels);
    List<Set<String>> outerScopes = new ArrayList<>(scopes);
    labels.clear();
    if (ownScopes) {
      scopes.clear();
    }
    try {
      scoped(
          () -> {
            scan(parameters, null);
            scan(body, null);
          });
    } finally {
      labels.clear();
      labels.addAll(outerLabels);
      scopes.clear();
      scopes.addAll(outerScopes);
    }
  }

  @Override
  public Void visitClass(ClassTree tree, Void unused) {
    // A local class, record, enum or interface: its name, like a local's, cannot be declared again
    // where the first is in scope; its body is not looked into.
    declare(tree, "class " + tree.getSimpleName());
    classBody(tree.getMembers());
    return null;
  }

  @Override
  public Void visitNewClass(NewClassTree tree, Void unused) {
    localClassBeforeItsDeclaration(tree.getIdentifier(), tree);
    primitiveTypeArgument(tree.getIdentifier());
    tree.getTypeArguments().forEach(this::primitiveTypeArgument);
    unawaitedArguments(tree);
    scan(tree.getEnclosingExpression(), null);
    scan(tree.getArguments(), null);
    if (tree.getClassBody() != null) {
      classBody(tree.getClassBody().getMembers());
    }
    return null;
  }

  /**
   * {@code new Cell(m())} for {@code new Cell(await(m()))}: an awaitable not awaited, where every
   * constructor of the class that takes that many arguments wants a number, boolean, string or
   * array there.
   */
  private void unawaitedArguments(NewClassTree tree) {
    if (inClassBody > 0 || tree.getClassBody() != null || tree.getEnclosingExpression() != null) {
      return;
    }
    List<? extends ExpressionTree> arguments = tree.getArguments();
    int position = -1;
    for (int i = 0; i < arguments.size() && position < 0; i++) {
      if (certain.unawaited(arguments.get(i)) != null) {
        position = i;
      }
    }
    if (position < 0 || !(typeOf(tree) instanceof DeclaredType created)) {
      return;
    }
    boolean any = false;
    for (ExecutableElement constructor :
        javax.lang.model.util.ElementFilter.constructorsIn(created.asElement().getEnclosedElements())) {
      List<? extends javax.lang.model.element.VariableElement> parameters = constructor.getParameters();
      if (constructor.isVarArgs() ? arguments.size() < parameters.size() - 1 : parameters.size() != arguments.size()) {
        continue;
      }
      any = true;
      TypeMirror parameter =
          position < parameters.size() ? parameters.get(position).asType() : parameters.get(parameters.size() - 1).asType();
      if (constructor.isVarArgs() && position >= parameters.size() - 1) {
        return; // an array or one of its elements: not worth the cases
      }
      if (!parameter.getKind().isPrimitive()
          && !certain.isBoxed(parameter)
          && !(parameter.getKind() == TypeKind.DECLARED && types.isSameType(parameter, string))) {
        return;
      }
    }
    if (any) {
      error(arguments.get(position), "an awaitable not awaited, given to a constructor that wants a value");
    }
  }

  /** Each element of an array initializer, given to the element type (not itself an array). */
  private void elements(Tree elementType, com.sun.source.tree.NewArrayTree array) {
    if (inClassBody > 0 || array.getInitializers() == null || elementType.getKind() == Tree.Kind.ARRAY_TYPE) {
      return;
    }
    TypeMirror element = certain.declared(elementType);
    for (ExpressionTree value : array.getInitializers()) {
      assign(element, value);
    }
  }

  /** {@code List<int>}: a type argument that is a primitive type ("unexpected type"). */
  private void primitiveTypeArgument(Tree type) {
    if (type == null) {
      return;
    }
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitParameterizedType(com.sun.source.tree.ParameterizedTypeTree generic, Void unused) {
        for (Tree argument : generic.getTypeArguments()) {
          if (argument.getKind() == Tree.Kind.PRIMITIVE_TYPE) {
            error(argument, "a primitive type argument: " + argument);
          }
        }
        return super.visitParameterizedType(generic, unused);
      }
    }.scan(type, null);
  }

  /** Inside the body of a class of the body: names may mean its members, so nothing is typed. */
  private int inClassBody;

  private TypeMirror typeOf(ExpressionTree expression) {
    return inClassBody > 0 ? null : certain.typeOf(expression);
  }

  /**
   * The type of an operand, also when it is a coroutine made and not awaited ({@code m() + 1},
   * {@code if (ok())}, {@code int x = m();} for {@code await(m())}): a {@code Coro} is no number,
   * boolean, string or array, so each such use is certainly wrong.
   */
  private TypeMirror operandType(ExpressionTree expression) {
    TypeMirror type = typeOf(expression);
    if (type == null && inClassBody == 0 && expression != null) {
      type = certain.unawaited(expression);
    }
    return type;
  }

  private List<ExecutableElement> candidates(MethodInvocationTree call) {
    return inClassBody > 0 ? null : certain.candidates(call);
  }

  /**
   * The members of a local or anonymous class: what is wrong without knowing any type (a field,
   * or a method with the same parameter types as written, declared twice, a jump to no label, a
   * local declared twice); its locals may hide the body's, so each method starts with scopes of
   * its own.
   */
  private void classBody(List<? extends Tree> members) {
    Set<String> signatures = new HashSet<>();
    Set<String> fields = new HashSet<>();
    for (Tree member : members) {
      if (member instanceof VariableTree field && !fields.add(field.getName().toString())) {
        error(field, "a field declared twice: " + field.getName());
      }
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
      if (method.getBody() != null) {
        inClassBody++;
        try {
          apart(true, method.getParameters(), method.getBody());
        } finally {
          inClassBody--;
        }
      }
    }
  }

  // -- conditions --

  private void condition(ExpressionTree condition) {
    TypeMirror type = condition == null ? null : operandType(condition);
    if (type != null && type.getKind() != TypeKind.BOOLEAN && !certain.isBox(type, TypeKind.BOOLEAN)) {
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
      TypeMirror left = operandType(tree.getLeftOperand());
      TypeMirror right = operandType(tree.getRightOperand());
      boolean concatenation =
          kind == Tree.Kind.PLUS
              && (left == null || types.isSameType(left, string) || right == null || types.isSameType(right, string));
      if (left != null && right != null && !concatenation && !(number(left) && number(right))) {
        error(tree, "an operation on a " + left + " and a " + right);
      }
    }
    if ((kind == Tree.Kind.EQUAL_TO || kind == Tree.Kind.NOT_EQUAL_TO) && inClassBody == 0) {
      // m() == 0: an awaitable compared with a value of a final class or a primitive
      for (ExpressionTree[] pair :
          new ExpressionTree[][] {
            {tree.getLeftOperand(), tree.getRightOperand()}, {tree.getRightOperand(), tree.getLeftOperand()}
          }) {
        TypeMirror other = typeOf(pair[1]);
        if (certain.unawaited(pair[0]) != null
            && other != null
            && (other.getKind().isPrimitive() || certain.isBoxed(other) || types.isSameType(other, string))) {
          error(tree, "an awaitable not awaited compared with a " + other);
        }
      }
    }
    if (kind == Tree.Kind.LESS_THAN
        || kind == Tree.Kind.GREATER_THAN
        || kind == Tree.Kind.LESS_THAN_EQUAL
        || kind == Tree.Kind.GREATER_THAN_EQUAL) {
      TypeMirror left = operandType(tree.getLeftOperand());
      TypeMirror right = operandType(tree.getRightOperand());
      if (left != null && right != null && !(number(left) && number(right))) {
        error(tree, "a comparison of a " + left + " and a " + right);
      }
    }
    return super.visitBinary(tree, unused);
  }

  /** A number, or a box of one: what arithmetic takes. */
  private boolean number(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return type.getKind() != TypeKind.BOOLEAN;
    }
    return certain.isBoxed(type) && types.unboxedType(type).getKind() != TypeKind.BOOLEAN;
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
    if (tree.getKind() != Tree.Kind.LOGICAL_COMPLEMENT) {
      // -x, +x, ~x, x++ and the others take numbers (and boxes of them) only
      TypeMirror operand = operandType(tree.getExpression());
      if (operand != null && !number(operand)) {
        error(tree, "a numeric operator on a " + operand);
      }
    }
    return super.visitUnary(tree, unused);
  }

  // -- scopes: a local declared again where the first is in scope --

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
    if (inClassBody == 0 && certain.unawaited(tree.getExpression()) != null) {
      error(tree.getExpression(), "a for-each over a coroutine, not over what it returns");
    }
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
    TypeMirror type = typeOf(selector);
    ClassTree local = localEnumOf(selector);
    String enumName;
    if (type instanceof DeclaredType declared && declared.asElement().getKind() == ElementKind.ENUM) {
      enumName = type.toString();
      for (Element member : declared.asElement().getEnclosedElements()) {
        if (member.getKind() == ElementKind.ENUM_CONSTANT) {
          constants.add(member.getSimpleName().toString());
        }
      }
    } else if (local != null) {
      enumName = "local enum " + local.getSimpleName();
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
          error(label, "a case that is no constant of " + enumName);
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
        || !certain.namesATypeOrPackage(id)
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
    return switchOf(tree.getExpression(), tree.getCases());
  }

  @Override
  public Void visitSwitchExpression(com.sun.source.tree.SwitchExpressionTree tree, Void unused) {
    return switchOf(tree.getExpression(), tree.getCases());
  }

  private Void switchOf(ExpressionTree selector, List<? extends com.sun.source.tree.CaseTree> cases) {
    enumLabels(selector, cases);
    if (inClassBody == 0 && certain.unawaited(selector) != null) {
      for (com.sun.source.tree.CaseTree c : cases) {
        for (ExpressionTree label : c.getExpressions()) {
          if (label.getKind() != Tree.Kind.NULL_LITERAL) {
            // a constant label needs a number, string or enum to compare with; never an awaitable
            error(selector, "a switch with constant labels over an awaitable not awaited");
          }
        }
      }
    }
    scan(selector, null);
    return scoped(() -> scan(cases, null)); // the cases of a switch share one block
  }

  @Override
  public Void visitBindingPattern(com.sun.source.tree.BindingPatternTree tree, Void unused) {
    return null; // a binding's scope follows the flow of its condition: not tracked
  }

  /** A name declared where the same name is in scope (locals, and local classes as "class X"). */
  private void declare(Tree where, String name) {
    if (name.isEmpty() || name.equals("_") || scopes.isEmpty()) { // unnamed (javac 22+: "")
      return;
    }
    for (Set<String> scope : scopes) {
      if (scope.contains(name)) {
        error(where, "'" + name + "' declared again");
      }
    }
    scopes.peek().add(name);
  }

  /**
   * A local class named where it is not in scope ({@code Loc l = new Loc(); class Loc {..}}, or
   * declared in another block): javac cannot find it there, and a kept local of its type would
   * name it in a field too, where javac says so first.
   */
  private void localClassBeforeItsDeclaration(Tree type, Tree where) {
    if (!(type instanceof IdentifierTree name) || inClassBody > 0) {
      return;
    }
    String simple = name.getName().toString();
    if (scan.localClasses.containsKey(simple)
        && scan.typeReferences.get(name) == null // no local class of the name in scope here
        && !info.memberTypes.contains(simple)
        && !certain.namesATypeOutsideTheBody(name)) {
      error(where, "local class " + name + " named where it is not in scope");
    }
  }

  @Override
  public Void visitVariable(VariableTree tree, Void unused) {
    localClassBeforeItsDeclaration(tree.getType(), tree);
    primitiveTypeArgument(tree.getType());
    declare(tree, tree.getName().toString());
    if (tree.getInitializer() != null && tree.getType() != null) {
      if (tree.getType().getKind() == Tree.Kind.ARRAY_TYPE
          && inClassBody == 0
          && certain.unawaited(tree.getInitializer()) != null) {
        error(tree.getInitializer(), "an awaitable not awaited, for an array variable");
      }
      assign(certain.declared(tree.getType()), tree.getInitializer());
      if (tree.getType() instanceof com.sun.source.tree.ArrayTypeTree array
          && tree.getInitializer() instanceof com.sun.source.tree.NewArrayTree values
          && values.getType() == null) {
        elements(array.getType(), values); // int[] a = {1, "x"}
      }
    }
    scan(tree.getInitializer(), null);
    return null; // its type is a type: a name in it is not a value (see visitMemberSelect)
  }

  @Override
  public Void visitTypeCast(com.sun.source.tree.TypeCastTree tree, Void unused) {
    primitiveTypeArgument(tree.getType());
    TypeMirror awaitable = inClassBody == 0 ? certain.unawaited(tree.getExpression()) : null;
    if (awaitable != null) {
      // A cast between classes needs one to extend the other (an interface may be implemented
      // by a subclass, so it is left alone).
      TypeMirror to = tree.getType().getKind() == Tree.Kind.PRIMITIVE_TYPE ? null : certain.declared(tree.getType());
      boolean fromClass = ((DeclaredType) awaitable).asElement().getKind() == ElementKind.CLASS;
      if (tree.getType().getKind() == Tree.Kind.PRIMITIVE_TYPE
          || to instanceof DeclaredType declared
              && declared.asElement().getKind() == ElementKind.CLASS
              && (fromClass || declared.asElement().getModifiers().contains(javax.lang.model.element.Modifier.FINAL))
              && !types.isSubtype(types.erasure(to), types.erasure(awaitable))
              && !types.isSubtype(types.erasure(awaitable), types.erasure(to))) {
        error(tree, "a cast of an awaitable not awaited to " + tree.getType());
      }
    }
    return scan(tree.getExpression(), null);
  }

  @Override
  public Void visitInstanceOf(com.sun.source.tree.InstanceOfTree tree, Void unused) {
    TypeMirror awaitable = inClassBody == 0 ? certain.unawaited(tree.getExpression()) : null;
    Tree tested = tree.getType();
    if (awaitable != null
        && tested != null
        && certain.declared(tested) instanceof DeclaredType declared
        && declared.asElement().getKind() == ElementKind.CLASS
        && (((DeclaredType) awaitable).asElement().getKind() == ElementKind.CLASS
            || declared.asElement().getModifiers().contains(javax.lang.model.element.Modifier.FINAL))
        && !types.isSubtype(types.erasure(declared), types.erasure(awaitable))
        && !types.isSubtype(types.erasure(awaitable), types.erasure(declared))) {
      // m() instanceof String: no awaitable is a String, javac says so
      error(tree, "an awaitable not awaited, tested for an unrelated class " + tested);
    }
    return scan(tree.getExpression(), null);
  }

  @Override
  public Void visitNewArray(com.sun.source.tree.NewArrayTree tree, Void unused) {
    if (tree.getType() != null && tree.getDimensions().isEmpty()) {
      elements(tree.getType(), tree); // new int[] {1, "x"}
    }
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
        assign(certain.declared(var.typeTree), tree.getExpression());
      }
    } else if (inClassBody == 0 && certain.unawaited(tree.getExpression()) != null) {
      assign(typeOf(tree.getVariable()), tree.getExpression()); // a field, an element
    }
    return super.visitAssignment(tree, unused);
  }

  @Override
  public Void visitCompoundAssignment(CompoundAssignmentTree tree, Void unused) {
    if (inClassBody == 0 && certain.unawaited(tree.getExpression()) != null) {
      // Only a String's += takes an object (it concatenates); every other compound operator wants
      // a number or a boolean on its right, whatever its target.
      TypeMirror target = typeOf(tree.getVariable());
      if (tree.getKind() != Tree.Kind.PLUS_ASSIGNMENT
          || target != null && !types.isSameType(target, string)) {
        error(tree, "an awaitable not awaited, given to " + tree.getKind() + " on a " + target);
      }
    }
    variable(tree.getVariable());
    finalLocal(tree.getVariable());
    return super.visitCompoundAssignment(tree, unused);
  }

  /** A value of a known type given to a local of a known type that cannot hold it. */
  private void assign(TypeMirror target, ExpressionTree value) {
    if (target == null) {
      return;
    }
    TypeMirror awaitable = inClassBody == 0 ? certain.unawaited(value) : null;
    if (awaitable != null) {
      // Generic methods infer their type arguments from the target: only the classes must fit.
      if (target.getKind().isPrimitive()
          || target.getKind() == TypeKind.ARRAY
          || target.getKind() == TypeKind.DECLARED
              && !types.isAssignable(types.erasure(awaitable), types.erasure(target))) {
        error(value, "a " + awaitable + " not awaited, for a variable of type " + target);
      }
      return;
    }
    ExpressionTree bare = value;
    while (bare instanceof ParenthesizedTree parenthesized) {
      bare = parenthesized.getExpression();
    }
    if (bare instanceof com.sun.source.tree.ConditionalExpressionTree conditional && inClassBody == 0) {
      // A reference conditional (one operand certainly of a class that is no box) in an
      // assignment context gives each operand the target; a numeric or boolean one has a type of
      // its own, from both, which is not looked into here.
      for (ExpressionTree operand : List.of(conditional.getTrueExpression(), conditional.getFalseExpression())) {
        TypeMirror known = typeOf(operand);
        if (known != null && known.getKind() == TypeKind.DECLARED && !certain.isBoxed(known)) {
          assign(target, conditional.getTrueExpression());
          assign(target, conditional.getFalseExpression());
          return;
        }
      }
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
            || certain.isBoxed(target)
            || types.isSameType(target, string)
            || type.getKind().isPrimitive()
            || types.isSameType(type, string);
    if (simple && !types.isAssignable(type, target)) {
      error(value, "a value of type " + type + " for a variable of type " + target);
    }
  }

  private static boolean narrowable(TypeMirror type) {
    TypeKind kind = type.getKind();
    return kind == TypeKind.INT || kind == TypeKind.SHORT || kind == TypeKind.CHAR || kind == TypeKind.BYTE;
  }

  private boolean isNarrowTarget(TypeMirror target) {
    for (TypeKind kind : new TypeKind[] {TypeKind.BYTE, TypeKind.SHORT, TypeKind.CHAR}) {
      if (target.getKind() == kind || certain.isBox(target, kind)) {
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

  // -- members and arguments --

  @Override
  public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
    primitiveReceiver(tree);
    awaitableMember(tree);
    localEnumMember(tree);
    TypeElement owner = fieldOwner(tree.getExpression());
    if (owner != null && !tree.getIdentifier().contentEquals("class")) {
      if (!certain.fieldsOf(owner).contains(tree.getIdentifier().toString())) {
        error(tree, "no field '" + tree.getIdentifier() + "' in " + owner.getSimpleName());
      }
    }
    return super.visitMemberSelect(tree, unused);
  }

  /**
   * {@code m().v} or {@code m().size()} for {@code await(m()).v}: a member the awaitable's class
   * does not have (javac looks for it there, not in the awaited value's).
   */
  private void awaitableMember(MemberSelectTree select) {
    TypeMirror awaitable = inClassBody == 0 ? certain.unawaited(select.getExpression()) : null;
    if (awaitable == null || select.getIdentifier().contentEquals("class")) {
      return;
    }
    for (Element member : elements.getAllMembers((TypeElement) ((DeclaredType) awaitable).asElement())) {
      if (member.getSimpleName().contentEquals(select.getIdentifier())) {
        return;
      }
    }
    error(select, "no member '" + select.getIdentifier() + "' in " + awaitable + ", an awaitable not awaited");
  }

  /** {@code x.f} or {@code x.m()} where x is certainly a primitive value. */
  private void primitiveReceiver(MemberSelectTree select) {
    ExpressionTree receiver = select.getExpression();
    if (receiver instanceof IdentifierTree id && certain.namesATypeOrPackage(id)) {
      return;
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
    if (receiver instanceof IdentifierTree id
        && (scan.references.get(id) != null || info.fieldTypes.containsKey(id.getName().toString()))) {
      // a local, or a field of the class (cell.v: a name that is no local is the field)
      TypeMirror type = certain.identifier(id);
      if (type != null && type.getKind() == TypeKind.DECLARED) {
        return (TypeElement) ((DeclaredType) type).asElement();
      }
    }
    return null;
  }

  // -- names --

  /**
   * Every variable the method declares, wherever (parameters, locals, bindings, lambda parameters,
   * members of its classes): a name among them may mean that variable where it is read.
   */
  private final Set<String> declaredAnywhere = new HashSet<>();

  @Override
  public Void visitIdentifier(IdentifierTree tree, Void unused) {
    String name = tree.getName().toString();
    if (method.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)
        && inClassBody == 0
        && scan.references.get(tree) == null
        && !declaredAnywhere.contains(name)
        && (info.fieldTypes.containsKey(name) && !info.staticFields.contains(name)
            || info.enclosingInstanceFields.contains(name)) // an inner X's Outer's, as X's own
        && !namesAType(tree)) {
      // non-static variable cannot be referenced from a static context
      error(tree, "an instance field read by its simple name in a static method");
    }
    return null;
  }

  private boolean namesAType(IdentifierTree name) {
    return certain.namesAType(name);
  }

  @Override
  public Void visitAnnotation(com.sun.source.tree.AnnotationTree tree, Void unused) {
    return null; // its names are the annotation's elements and constants
  }

  @Override
  public Void visitCase(com.sun.source.tree.CaseTree tree, Void unused) {
    // A case's constant may be an enum constant named by its simple name: not looked at.
    scan(Patterns.guard(tree), null);
    if (tree.getCaseKind() == com.sun.source.tree.CaseTree.CaseKind.STATEMENT
        && tree.getStatements() != null) {
      for (com.sun.source.tree.StatementTree statement : tree.getStatements()) {
        if (statement instanceof ClassTree local) {
          // In scope for the rest of its statement group only, not the switch block as a local
          // variable is: another group may declare the name again. Its name is not tracked.
          classBody(local.getMembers());
        } else {
          scan(statement, null);
        }
      }
    }
    scan(tree.getBody(), null);
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
      if (awaited != null
          && (awaited.getKind().isPrimitive()
              || awaited.getKind() == TypeKind.VOID
              || types.isSameType(awaited, string)
              || certain.isBoxed(awaited))) { // final classes: never awaitable
        error(tree, "an await of a " + awaited);
      }
    }
    for (ExpressionTree argument : tree.getArguments()) {
      TypeMirror type = typeOf(argument);
      if (type != null && type.getKind() == TypeKind.VOID) {
        error(argument, "a void method's result as an argument"); // 'void' type not allowed here
      }
    }
    List<ExecutableElement> candidates = candidates(tree);
    if (candidates != null && candidates.isEmpty()) {
      error(tree, "no method '" + tree.getMethodSelect() + "'");
    }
    localClassLacks(tree);
    if (candidates != null
        && !candidates.isEmpty()
        && tree.getMethodSelect() instanceof IdentifierTree
        && method.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)
        && candidates.stream()
            .noneMatch(m -> m.getModifiers().contains(javax.lang.model.element.Modifier.STATIC))) {
      // non-static method cannot be referenced from a static context
      error(tree, "an instance method called by its simple name in a static method");
    }
    if (tree.getMethodSelect() instanceof IdentifierTree name
        && inClassBody == 0
        && method.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)
        && !info.allMethodNames.contains(name.getName().toString())
        && info.enclosingInstanceMethods.contains(name.getName().toString())
        && ElementFilter.methodsIn(elements.getAllMembers(info.enclosingInstance)).stream()
            .filter(m -> m.getSimpleName().contentEquals(name.getName()))
            .noneMatch(m -> m.getModifiers().contains(javax.lang.model.element.Modifier.STATIC))) {
      // the same, for an instance method of an inner X's enclosing class
      error(tree, "an instance method of the enclosing class called in a static method");
    }
    if (candidates != null && !candidates.isEmpty()) {
      boolean anyFits = false;
      for (ExecutableElement candidate : candidates) {
        anyFits |= mayFit(candidate, certain.receiverOf(tree), tree.getArguments());
      }
      if (!anyFits) {
        error(tree, "arguments no '" + candidates.get(0).getSimpleName() + "' takes");
      }
    }
    if (tree.getMethodSelect() instanceof MemberSelectTree select) {
      primitiveReceiver(select);
      awaitableMember(select);
      // the method's name is not a field: only what it is called on is looked at
      scan(tree.getTypeArguments(), null);
      scan(select.getExpression(), null);
      scan(tree.getArguments(), null);
      return null;
    }
    // m(..): its name is a method's, not a field's
    scan(tree.getTypeArguments(), null);
    scan(tree.getArguments(), null);
    return null;
  }

  /** The methods every class has from Object. */
  private static final Set<String> OBJECT_METHODS =
      Set.of("equals", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait", "clone", "finalize");

  /**
   * {@code l.m(..)} where {@code l} is a local of a local class of the body that extends and
   * implements nothing (a plain class: its methods are its own and Object's) and declares no
   * method {@code m}.
   */
  private void localClassLacks(MethodInvocationTree call) {
    if (inClassBody > 0
        || !(call.getMethodSelect() instanceof MemberSelectTree select)
        || !(select.getExpression() instanceof IdentifierTree receiver)) {
      return;
    }
    LocalVar var = scan.references.get(receiver);
    if (var == null
        || var.kind == LocalVar.Kind.SHADOW
        || !(var.typeTree instanceof IdentifierTree typeName)) {
      return;
    }
    ClassTree local = scan.typeReferences.get(typeName);
    if (local == null
        || local.getKind() != Tree.Kind.CLASS
        || local.getExtendsClause() != null
        || !local.getImplementsClause().isEmpty()) {
      return;
    }
    String name = select.getIdentifier().toString();
    if (OBJECT_METHODS.contains(name)) {
      return;
    }
    for (Tree member : local.getMembers()) {
      if (member instanceof com.sun.source.tree.MethodTree method
          && method.getName().contentEquals(name)) {
        return;
      }
    }
    error(call, "no method '" + name + "' in local class " + local.getSimpleName());
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
    List<? extends TypeMirror> parameters = certain.asMember(receiver, method).getParameterTypes();
    for (int i = 0; i < arguments.size(); i++) {
      TypeMirror parameter = parameters.get(i);
      if (!CertainTypes.plain(parameter)) {
        continue;
      }
      TypeMirror argument = operandType(arguments.get(i));
      if (argument != null && !types.isAssignable(argument, parameter)) {
        return false;
      }
    }
    return true;
  }

  // -- arrays --

  @Override
  public Void visitArrayAccess(com.sun.source.tree.ArrayAccessTree tree, Void unused) {
    TypeMirror type = operandType(tree.getExpression());
    if (type != null && type.getKind() != TypeKind.ARRAY) {
      error(tree, "an index into a " + type); // a known type here is never an array
    }
    if (inClassBody == 0 && certain.unawaited(tree.getIndex()) != null) {
      error(tree, "an index that is an awaitable not awaited");
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
    if (leavesSwitchExpression(tree.getLabel() == null ? Set.of(LOOP, SWITCH) : Set.of("label:" + tree.getLabel()))) {
      error(tree, "a break out of a switch expression");
    }
    return null;
  }

  @Override
  public Void visitContinue(ContinueTree tree, Void unused) {
    if (tree.getLabel() != null && !labels.contains(tree.getLabel().toString())) {
      error(tree, "a jump to no label");
    }
    if (leavesSwitchExpression(tree.getLabel() == null ? Set.of(LOOP) : Set.of("label:" + tree.getLabel()))) {
      error(tree, "a continue out of a switch expression");
    }
    return null;
  }

}
