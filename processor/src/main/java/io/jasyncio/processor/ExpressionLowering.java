package io.jasyncio.processor;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import io.jasyncio.processor.Machine.State;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Lowers an expression that contains await points. Java evaluates operands left to right and
 * short-circuits {@code &&}, {@code ||} and {@code ?:}; the lowering keeps both: it emits, in
 * evaluation order, the await points and the values that must survive them (an operand evaluated
 * before a later operand's await is "spilled" to a field), then returns the text of the original
 * expression with the awaited values and the spilled operands spliced in. The expression keeps its
 * shape, so javac types it as it typed the original: overloads, numeric promotion, boxing, string
 * conversion and conditional typing are unchanged.
 *
 * <p>Values read back from fields are typed by a witness, the original subexpression in a branch
 * that never runs, bare or in a lambda (see {@code Coro.$result} and {@code Coro.$spilled}).
 */
final class ExpressionLowering {
  private final Lowering lw;
  /** The outermost expression being lowered: where a local's assignments are looked for. */
  private ExpressionTree top;

  ExpressionLowering(Lowering lowering) {
    this.lw = lowering;
  }

  /** How a value may be used after later await points. */
  private enum Kind {
    /** Evaluating it again later gives the same value and has no effect. */
    STABLE,
    /** Must be evaluated now: spill it before any later await. */
    VOLATILE,
    /** The result of the await just made, in $in. */
    AWAIT_RESULT
  }

  private record Value(Supplier<Code> code, Kind kind, ExpressionTree awaited) {}

  /** Emits what {@code expression} needs before its value can be used; returns its text. */
  Code value(ExpressionTree expression) {
    if (!lw.scan.isLowered(expression)) {
      return lw.render(expression);
    }
    ExpressionTree saved = top;
    if (top == null) {
      top = expression;
    }
    lw.hoistBindingsIn(expression);
    try {
      return lower(expression).code.get();
    } finally {
      top = saved;
    }
  }

  /** Evaluates {@code expression} for its effects, as an expression statement. */
  void effect(ExpressionTree expression) {
    if (lw.scan.names.isAwait(expression)) {
      ExpressionTree saved = top;
      top = top == null ? expression : top;
      try {
        if (lw.scan.generator && lw.scan.names.isEmit(AsyncNames.awaited(expression))) {
          emit((MethodInvocationTree) expression, (MethodInvocationTree) AsyncNames.awaited(expression));
          return;
        }
        Code awaitable = lw.awaitedLines(expression, AsyncNames.awaited(expression), value(AsyncNames.awaited(expression)));
        lw.awaitPoint(awaitable, lw.source.line(expression));
      } finally {
        top = saved;
      }
      return;
    }
    if (expression instanceof CompoundAssignmentTree compound
        && lw.scan.isLowered(compound.getExpression())) {
      ExpressionTree saved = top;
      top = top == null ? expression : top;
      try {
        lw.hoistBindingsIn(expression);
        Code code = compound(compound).code.get();
        if (!isBareName(code.text())) { // else the general form has done it all already
          lw.emit(new Code(code.text() + ";", code.captures()), lw.source.lineAt(lw.source.end(expression)));
        }
      } finally {
        top = saved;
      }
      return;
    }
    Code code = value(expression);
    lw.emit(new Code(code.text() + ";", code.captures()), lw.source.lineAt(lw.source.end(expression)));
  }

  /**
   * {@code await(emit(v))} in a generator: evaluates v, hands it out and suspends there; the
   * await's value is what the next request sends in (typed as the emit's inferred type).
   */
  private Value emit(MethodInvocationTree call, MethodInvocationTree emit) {
    Code value = emit.getArguments().isEmpty() ? Code.of("null") : lower(emit.getArguments().get(0)).code.get();
    if (!emit.getArguments().isEmpty()) {
      value = lw.awaitedLines(call, emit.getArguments().get(0), value);
    }
    lw.emitPoint(value, lw.source.line(call));
    return new Value(
        () -> Code.of("$result(false ? " + lw.witness(emit) + " : null, " + lw.names.in + ")"),
        Kind.AWAIT_RESULT,
        emit);
  }

  /** Whether generated code is a bare variable name: as a statement it would do nothing. */
  private static boolean isBareName(String text) {
    return text.chars().allMatch(c -> Character.isJavaIdentifierPart(c)) && !text.isEmpty();
  }

  private Value lower(ExpressionTree e) {
    if (!lw.scan.isLowered(e)) {
      return new Value(() -> lw.render(e), stable(e) ? Kind.STABLE : Kind.VOLATILE, null);
    }
    switch (e.getKind()) {
      case METHOD_INVOCATION:
        {
          MethodInvocationTree call = (MethodInvocationTree) e;
          if (lw.scan.names.isAwait(call)) {
            return await(call);
          }
          return generic(e, invocationOperands(call));
        }
      case PARENTHESIZED:
        return generic(e, List.of(((ParenthesizedTree) e).getExpression()));
      case CONDITIONAL_AND:
        return shortCircuit((BinaryTree) e, true);
      case CONDITIONAL_OR:
        return shortCircuit((BinaryTree) e, false);
      case CONDITIONAL_EXPRESSION:
        return conditional((ConditionalExpressionTree) e);
      case SWITCH_EXPRESSION:
        return switchExpression((SwitchExpressionTree) e);
      case ASSIGNMENT:
        return assignment((AssignmentTree) e);
      case INSTANCE_OF:
        return instanceOf((InstanceOfTree) e);
      case TYPE_CAST:
        return generic(e, List.of(((TypeCastTree) e).getExpression()));
      case MEMBER_SELECT:
        return generic(e, List.of(((MemberSelectTree) e).getExpression()));
      case ARRAY_ACCESS:
        {
          ArrayAccessTree access = (ArrayAccessTree) e;
          return generic(e, List.of(access.getExpression(), access.getIndex()));
        }
      case NEW_CLASS:
        {
          NewClassTree create = (NewClassTree) e;
          List<ExpressionTree> operands = new ArrayList<>();
          if (create.getEnclosingExpression() != null) {
            operands.add(create.getEnclosingExpression());
          }
          operands.addAll(create.getArguments());
          return generic(e, operands);
        }
      case NEW_ARRAY:
        {
          NewArrayTree create = (NewArrayTree) e;
          List<ExpressionTree> operands = new ArrayList<>(create.getDimensions());
          if (create.getInitializers() != null) {
            operands.addAll(create.getInitializers());
          }
          return generic(e, operands);
        }
      case MEMBER_REFERENCE:
        return generic(e, List.of(((MemberReferenceTree) e).getQualifierExpression()));
      default:
        if (e instanceof CompoundAssignmentTree compound) {
          return compound(compound);
        }
        if (e instanceof BinaryTree binary) {
          return generic(e, List.of(binary.getLeftOperand(), binary.getRightOperand()));
        }
        if (e instanceof UnaryTree unary) {
          return generic(e, List.of(unary.getExpression()));
        }
        throw new Lowering.UnsupportedConstruct(
            e,
            "an await point inside a "
                + e.getKind().toString().toLowerCase().replace('_', ' ')
                + " is not supported; assign the awaited value to a local first");
    }
  }

  /** {@code await(x)}: evaluates x, suspends, and yields the value typed as x's result. */
  private Value await(MethodInvocationTree call) {
    ExpressionTree awaited = AsyncNames.awaited(call);
    if (lw.scan.generator && lw.scan.names.isEmit(awaited)) {
      return emit(call, (MethodInvocationTree) awaited);
    }
    Code awaitable = lower(awaited).code.get();
    String machine = directMachine(awaited);
    String now = machine == null ? null : nowCall(awaited, machine, awaitable.text());
    if (now != null) {
      lw.awaitNow(new Code(now, awaitable.captures()), lw.source.line(call));
    } else if (machine != null) {
      lw.awaitDirect(lw.awaitedLines(call, awaited, awaitable), machine, lw.source.line(call));
    } else {
      lw.awaitPoint(lw.awaitedLines(call, awaited, awaitable), lw.source.line(call));
    }
    return new Value(
        () -> Code.of("$result(false ? " + lw.witness(awaited) + " : null, " + lw.names.in + ")"),
        Kind.AWAIT_RESULT,
        awaited);
  }

  /**
   * An expression whose operands are evaluated left to right: operands before the last one with
   * an await point are evaluated and spilled first (unless re-evaluating them later is the same),
   * then the last one is lowered, and the rest stay in place.
   */
  private Value generic(ExpressionTree e, List<? extends ExpressionTree> operands) {
    int last = -1;
    for (int i = 0; i < operands.size(); i++) {
      if (operands.get(i) != null && lw.scan.isLowered(operands.get(i))) {
        last = i;
      }
    }
    Map<Tree, Supplier<Code>> parts = new IdentityHashMap<>();
    for (int i = 0; i < last; i++) {
      ExpressionTree operand = operands.get(i);
      if (operand == null) {
        continue;
      }
      Value value = lower(operand);
      boolean left = e instanceof BinaryTree binary && binary.getLeftOperand() == operand;
      boolean convertedLater =
          left
              ? (e.getKind() == Tree.Kind.PLUS
                  ? !conversionStable(operand)
                  : (unboxesItsLeftOperand(e)
                          || e.getKind() == Tree.Kind.EQUAL_TO
                          || e.getKind() == Tree.Kind.NOT_EQUAL_TO)
                      && !unboxingStable(operand))
              : unboxedWhenEvaluated(e, operand) && !unboxingStable(operand);
      if (value.kind != Kind.STABLE || convertedLater) {
        parts.put(operand, spill(value, operand, e, convertedLater));
      }
    }
    if (last >= 0) {
      parts.put(operands.get(last), lower(operands.get(last)).code);
    }
    return new Value(() -> lw.renderWith(e, parts), Kind.VOLATILE, null);
  }

  /**
   * {@code m$coro.$now(this, args)} for the call {@code m(args)} of a static method of {@link
   * ClassInfo#machinesRunNow}, written as such: one call creates the child's machine and runs it
   * (see {@code Coro.$runIn}); otherwise null.
   */
  private String nowCall(ExpressionTree awaited, String machine, String text) {
    while (awaited instanceof ParenthesizedTree parenthesized) {
      awaited = parenthesized.getExpression();
    }
    if (!(awaited instanceof MethodInvocationTree call)
        || !(call.getMethodSelect() instanceof IdentifierTree id)
        || !lw.info.machinesRunNow.contains(id.getName().toString())) {
      return null;
    }
    String head = id.getName() + "(";
    if (!text.startsWith(head) || !text.endsWith(")")) {
      return null;
    }
    String arguments = text.substring(head.length(), text.length() - 1);
    return machine + ".$now(this" + (call.getArguments().isEmpty() ? "" : ", " + arguments) + ")";
  }

  /**
   * The machine class of the @Async method {@code awaited} calls, when the call is {@code m(..)}
   * or {@code this.m(..)} of a method X itself declares under a name nothing else has; else null.
   */
  private String directMachine(ExpressionTree awaited) {
    while (awaited instanceof ParenthesizedTree parenthesized) {
      awaited = parenthesized.getExpression();
    }
    if (!(awaited instanceof MethodInvocationTree call) || !call.getTypeArguments().isEmpty()) {
      return null;
    }
    ExpressionTree select = call.getMethodSelect();
    String name;
    if (select instanceof IdentifierTree id) {
      name = id.getName().toString();
    } else if (select instanceof MemberSelectTree member
        && member.getExpression() instanceof IdentifierTree receiver
        && receiver.getName().contentEquals("this")) {
      name = member.getIdentifier().toString();
    } else {
      return null;
    }
    if (lw.scan.names.isAwait(call) || lw.scan.names.isDone(call)) {
      return null;
    }
    return lw.info.directMachines.get(name);
  }

  /** Keeps {@code value} in a field; returns the typed read of that field. */
  private Supplier<Code> spill(Value value, ExpressionTree operand, ExpressionTree parent) {
    return spill(value, operand, parent, false);
  }

  /**
   * Keeps {@code value} in a field (even a stable one when {@code convert}: the left operand of a
   * string concatenation must be converted before the await); returns the typed read.
   */
  private Supplier<Code> spill(
      Value value, ExpressionTree operand, ExpressionTree parent, boolean convert) {
    if (value.kind == Kind.STABLE && !convert) {
      return value.code;
    }
    String field = lw.m.field("java.lang.Object", "$s", "a value computed before an await");
    if (value.kind == Kind.AWAIT_RESULT && !convert) {
      lw.m.line(field + " = " + lw.names.in + ";");
      ExpressionTree awaited = value.awaited;
      return () -> Code.of("$result(false ? " + lw.witness(awaited) + " : null, " + field + ")");
    }
    Code code = value.code.get();
    lw.flushCaptures(code.captures());
    boolean leftOfPlus =
        parent.getKind() == Tree.Kind.PLUS && ((BinaryTree) parent).getLeftOperand() == operand;
    if (leftOfPlus) {
      // String concatenation converts each operand as it is evaluated (JLS 15.18.1), and numeric
      // addition promotes it: do either now, as the whole expression's type says.
      spillLine(field, "$plusLeft(", code, ", " + lw.exactWitness(parent) + ")", operand, parent);
      return () -> Code.of("$spilled(" + lw.exactWitness(parent) + ", " + field + ")");
    }
    if ((unboxesItsLeftOperand(parent) && ((BinaryTree) parent).getLeftOperand() == operand)
        || unboxedWhenEvaluated(parent, operand)) {
      // javac unboxes such an operand as soon as it is evaluated: a null one throws before the
      // right operand runs.
      Code chosenRead = readInChosenArm(operand);
      if (chosenRead != null) {
        spillLine(field, "", chosenRead, "", operand, parent);
      } else {
        spillLine(field, "$read(", code, ")", operand, parent);
      }
    } else if ((parent.getKind() == Tree.Kind.EQUAL_TO || parent.getKind() == Tree.Kind.NOT_EQUAL_TO)
        && ((BinaryTree) parent).getLeftOperand() == operand) {
      BinaryTree comparison = (BinaryTree) parent;
      String witness = lw.exactWitness(comparison.getRightOperand());
      spillLine(field, "$eqLeft(", code, ", " + witness + ")", operand, parent);
    } else {
      spillLine(field, "", code, "", operand, parent);
    }
    return () -> Code.of("$spilled(" + lw.exactWitness(operand) + ", " + field + ")");
  }

  /**
   * An operand without awaits that is a conditional whose condition javac takes for a constant,
   * with {@code $read} around the arm it keeps: javac unboxes that arm where it is, on its own
   * line, not the conditional (seed 511, program 905: {@code (false ? // c} (line break) {@code
   * Integer.valueOf(8) : cell.b)}); else null. The arm dropped is never run.
   */
  private Code readInChosenArm(ExpressionTree operand) {
    ExpressionTree bare = operand;
    while (bare instanceof ParenthesizedTree parenthesized) {
      bare = parenthesized.getExpression();
    }
    if (!(bare instanceof ConditionalExpressionTree conditional)
        || lw.scan.isLowered(operand)
        || lw.constants == null) {
      return null;
    }
    Boolean folded = lw.constants.folded(conditional.getCondition());
    if (folded == null) {
      return null;
    }
    ExpressionTree chosen = folded ? conditional.getTrueExpression() : conditional.getFalseExpression();
    Map<Tree, Supplier<Code>> parts = new IdentityHashMap<>();
    parts.put(chosen, () -> {
      Code arm = lw.render(chosen);
      return new Code("$read(" + arm.text() + ")", arm.captures());
    });
    Code code = lw.renderWith(operand, parts);
    lw.flushCaptures(code.captures());
    return code;
  }

  /**
   * {@code field = call(code)} ({@code call} empty or a runtime call around the operand's code; a
   * kept condition too):
   * laid out as the user wrote the operand, from its statement's marked line, when it is on a
   * later line or over several, so that javac marks its calls (and {@code call}) where it marks
   * them in the user's code (an element of an array initializer on the line after {@code new}:
   * grammar seed 483, program 485). {@code close} may hold a witness ({@code $plusLeft}, {@code
   * $eqLeft}), which restates the operand or more of the expression after it: its lines, never
   * run, come after the operand's and are marked as its last.
   */
  private void spillLine(
      String field, String call, Code code, String close, ExpressionTree operand, ExpressionTree parent) {
    int[] span = lw.userLines(parent, operand, code);
    if (span == null) {
      lw.m.line(field + " = " + call + code.text() + close + ";");
    } else {
      lw.m.lineThen(
          field + " = " + Lowering.lineBreaks(span[0], lw.source.line(operand)) + call + code.text(),
          close + ";",
          span[0],
          span[1]);
    }
  }

  /**
   * Whether {@code operand} of {@code parent} (not a binary operator's) is converted to a primitive
   * as soon as it is evaluated, before the operands after it: an array index or dimension, an
   * element of a primitive array's initializer, an argument for a primitive parameter of every
   * method or constructor the call can mean.
   */
  private boolean unboxedWhenEvaluated(ExpressionTree parent, ExpressionTree operand) {
    switch (parent.getKind()) {
      case ARRAY_ACCESS:
        return ((ArrayAccessTree) parent).getIndex() == operand;
      case ASSIGNMENT:
        return ((AssignmentTree) parent).getVariable() instanceof ArrayAccessTree target
            && target.getIndex() == operand;
      case NEW_ARRAY:
        {
          NewArrayTree create = (NewArrayTree) parent;
          if (create.getDimensions().contains(operand)) {
            return true;
          }
          return create.getInitializers() != null
              && create.getInitializers().contains(operand)
              && create.getType() != null
              && create.getType().getKind() == Tree.Kind.PRIMITIVE_TYPE;
        }
      case METHOD_INVOCATION:
        {
          int index = ((MethodInvocationTree) parent).getArguments().indexOf(operand);
          return index >= 0 && lw.primitiveParameters != null && lw.primitiveParameters.unboxes(parent, index);
        }
      case NEW_CLASS:
        {
          int index = ((NewClassTree) parent).getArguments().indexOf(operand);
          return index >= 0 && lw.primitiveParameters != null && lw.primitiveParameters.unboxes(parent, index);
        }
      default:
        return false;
    }
  }

  /**
   * The binary operators whose operands are always primitive or boxed, and so unboxed when they are
   * evaluated ({@code +} is handled apart; {@code ==} and {@code !=} may compare references).
   */
  private static boolean unboxesItsLeftOperand(ExpressionTree parent) {
    switch (parent.getKind()) {
      case MINUS:
      case MULTIPLY:
      case DIVIDE:
      case REMAINDER:
      case LEFT_SHIFT:
      case RIGHT_SHIFT:
      case UNSIGNED_RIGHT_SHIFT:
      case LESS_THAN:
      case GREATER_THAN:
      case LESS_THAN_EQUAL:
      case GREATER_THAN_EQUAL:
      case AND:
      case OR:
      case XOR:
        return true;
      default:
        return false;
    }
  }

  /** {@code a && b} / {@code a || b} with an await point in b: b runs only when it must. */
  private Value shortCircuit(BinaryTree e, boolean and) {
    if (!lw.scan.isLowered(e.getRightOperand())) {
      return generic(e, List.of(e.getLeftOperand(), e.getRightOperand()));
    }
    Code left = lower(e.getLeftOperand()).code.get();
    String z = lw.m.field("boolean", "$z", "a condition kept across an await");
    lw.flushCaptures(left.captures());
    spillLine(z, "", left, "", e.getLeftOperand(), e);
    State join = lw.m.newState(lw.source.lineAt(lw.source.end(e)));
    lw.m.jumpIf((and ? "!" : "") + z, join, -1);
    Code right = lower(e.getRightOperand()).code.get();
    lw.flushCaptures(right.captures());
    lw.m.line(z + " = " + right.text() + ";");
    lw.m.start(join);
    return new Value(() -> Code.of(z), Kind.STABLE, null);
  }

  /** {@code c ? a : b} with an await point in a or b: only the chosen branch runs. */
  private Value conditional(ConditionalExpressionTree e) {
    ExpressionTree yes = e.getTrueExpression();
    ExpressionTree no = e.getFalseExpression();
    if (!lw.scan.isLowered(yes) && !lw.scan.isLowered(no)) {
      return generic(e, List.of(e.getCondition()));
    }
    Boolean folded = lw.constants == null ? null : lw.constants.folded(e.getCondition());
    if (folded != null) {
      return constantCondition(e, folded);
    }
    Code condition = lower(e.getCondition()).code.get();
    String z = lw.m.field("boolean", "$z", "a condition kept across an await");
    lw.flushCaptures(condition.captures());
    spillLine(z, "", condition, "", e.getCondition(), e);
    State otherwise = lw.m.newState(lw.source.line(no));
    State join = lw.m.newState(lw.source.lineAt(lw.source.end(e)));
    lw.m.jumpIf("!" + z, otherwise, -1);
    Map<Tree, Supplier<Code>> parts = new IdentityHashMap<>();
    String read = inPlaceOf(e.getCondition(), z);
    parts.put(e.getCondition(), () -> Code.of(read));
    branch(yes, parts);
    // The branch's value is read at the join, after this jump: the jump carries the awaited value
    // (the resume loop clears it on other jumps). Read as written, the conditional keeps its
    // classification (numeric, boolean or reference) and so its type: an arm that is an await
    // alone is a generic call, as await(..) is, and makes it a reference conditional, as javac
    // takes the original (c ? await(longs) : 0 is not promoted to long).
    lw.m.jumpKeepingValue(join);
    lw.m.start(otherwise);
    branch(no, parts);
    lw.m.start(join);
    return new Value(() -> lw.renderWith(e, parts), Kind.VOLATILE, null);
  }

  /**
   * {@code c ? a : b} whose condition javac takes for a constant: only the chosen arm is code, as
   * javac writes it (no condition evaluated, no line marked for the arm), and the other arm, never
   * run, is a typed stand-in in the conditional written as the user wrote it, which javac reduces
   * the same way.
   */
  private Value constantCondition(ConditionalExpressionTree e, boolean folded) {
    ExpressionTree chosen = folded ? e.getTrueExpression() : e.getFalseExpression();
    ExpressionTree dropped = folded ? e.getFalseExpression() : e.getTrueExpression();
    Map<Tree, Supplier<Code>> parts = new IdentityHashMap<>();
    if (lw.scan.isLowered(dropped)) {
      // The arm as written, its awaits typed nulls (generic calls, as await(..) is): the
      // conditional is classified as the original. A witness that must be a lambda (it declares
      // locals out of scope here) is read through $spilled instead.
      parts.put(
          dropped,
          () -> {
            String witness = lw.witness(dropped);
            return Code.of(
                witness.startsWith("() ->")
                    ? "$spilled(" + lw.exactWitness(dropped) + ", null)"
                    : "(" + witness + ")");
          });
    }
    branch(chosen, parts);
    return new Value(() -> lw.renderWith(e, parts), Kind.VOLATILE, null);
  }

  /**
   * {@code text} standing in a statement for {@code tree}, which the lowering took out of it: with
   * the line breaks {@code tree} spanned, so that the code after it stays on its own line, where
   * javac reports what fails there (a call on the last line of a statement that starts with a
   * text block: grammar seed 413, program 298517 of the long run).
   */
  private String inPlaceOf(Tree tree, String text) {
    return text + Lowering.lineBreaks(lw.source.line(tree), lw.source.lineAt(lw.source.end(tree)));
  }

  private void branch(ExpressionTree branch, Map<Tree, Supplier<Code>> parts) {
    if (lw.scan.isLowered(branch)) {
      Code code = lower(branch).code.get();
      parts.put(branch, () -> code);
    }
  }

  /**
   * A switch expression with await points in its arms: the selector is kept, the lowered arms run
   * as states and store their value, and the switch is evaluated again over the kept selector, its
   * lowered arms now reading the stored value, so that its type is the original's.
   */
  private Value switchExpression(SwitchExpressionTree e) {
    List<? extends CaseTree> cases = e.getCases();
    boolean arrows = !cases.isEmpty() && cases.get(0).getCaseKind() == CaseTree.CaseKind.RULE;
    boolean armsLowered = false;
    for (CaseTree c : cases) {
      if (lw.scan.isLowered(c)) {
        armsLowered = true;
      }
    }
    boolean patterns = armsLowered && Patterns.isPatternSwitch(cases);
    if (!armsLowered) {
      return generic(e, List.of(e.getExpression()));
    }
    String selected = patterns ? null : lw.m.field("java.lang.Object", "$sel", "the selector of a switch expression");
    if (!patterns) {
      Code selector = lower(e.getExpression()).code.get();
      lw.flushCaptures(selector.captures());
      lw.m.line(selected + " = " + selector.text() + ";");
    }
    Supplier<Code> selectedRead =
        () -> Code.of("$spilled(" + lw.exactWitness(e.getExpression()) + ", " + selected + ")");
    String yielded = lw.m.field("java.lang.Object", "$y", "the value of a switch expression arm");
    String site = lw.m.field("int", "$yk", "which yield of a switch expression produced it");
    State after = lw.m.newState(lw.source.lineAt(lw.source.end(e)));
    List<State> states = new ArrayList<>();
    for (CaseTree c : cases) {
      // With patterns, every arm runs in a state: the switch is not evaluated a second time.
      boolean lowered = patterns || !arrows || lw.scan.isLowered(c);
      states.add(lowered ? lw.m.newState(lw.source.line(c)) : after);
    }
    Lowering.YieldSink sink =
        new Lowering.YieldSink(yielded, site, after, lw.depth(), new ArrayList<>());
    lw.yields.put(e, sink);
    if (patterns) {
      lw.patternDispatch(e.getExpression(), cases, states);
    } else {
      lw.dispatch(selectedRead.get().text(), cases, states, after);
    }
    for (int i = 0; i < cases.size(); i++) {
      if (states.get(i) == after) {
        continue;
      }
      CaseTree c = cases.get(i);
      lw.m.start(states.get(i));
      if (c.getCaseKind() == CaseTree.CaseKind.RULE) { // by its own kind: mixed kinds are javac's error
        Tree body = c.getBody();
        if (body instanceof ExpressionTree expression) {
          Code value = value(expression);
          lw.flushCaptures(value.captures());
          lw.m.line(lw.storeYield(sink, expression, value.text()));
          lw.m.jump(after);
        } else {
          lw.statement((StatementTree) body, true);
          if (!lw.m.isTerminated()) {
            lw.m.jump(after);
          }
        }
      } else {
        lw.statements(c.getStatements());
      }
    }
    lw.m.start(after);
    // From here on, the yields left in the switch (in arms it evaluates itself) are real yields.
    lw.yields.remove(e);
    if (patterns) {
      // Typed as the original: a switch over which yield ran, each arm the value it stored.
      StringBuilder text = new StringBuilder("switch (" + site + ") {");
      List<Tree> sites = sink.sites();
      for (int i = 0; i < sites.size(); i++) {
        text.append(" case ").append(i).append(" -> ").append(read((ExpressionTree) sites.get(i), yielded)).append(';');
      }
      text.append(" default -> throw new IllegalStateException(\"unreachable\"); }");
      return new Value(() -> Code.of("(" + text + ")"), Kind.VOLATILE, null);
    }
    Map<Tree, Supplier<Code>> parts = new IdentityHashMap<>();
    // javac's selector tree may include the parentheses of "switch (x)": keep them.
    boolean ownParentheses = lw.source.text(e.getExpression()).startsWith("(");
    parts.put(
        e.getExpression(),
        ownParentheses ? () -> Code.of("(" + selectedRead.get().text() + ")") : selectedRead);
    // Each lowered arm becomes a read of the value its yield stored, typed as that yield's own
    // expression: the switch then has the original arm types, and javac types it as before.
    for (int i = 0; i < cases.size(); i++) {
      if (states.get(i) == after) {
        continue;
      }
      CaseTree c = cases.get(i);
      Supplier<Code> reads = () -> Code.of(yieldReads(sink, yielded, site));
      if (arrows) {
        Tree body = c.getBody();
        if (body instanceof ExpressionTree expression) {
          parts.put(body, () -> Code.of(read(expression, yielded)));
        } else if (body instanceof BlockTree) {
          parts.put(body, () -> Code.of("{ " + reads.get().text() + " }"));
        } else if (body instanceof ThrowTree) {
          parts.put(body, () -> Code.of("throw new IllegalStateException(\"unreachable\");"));
        }
      } else {
        List<? extends StatementTree> statements = c.getStatements();
        for (int j = 0; j < statements.size(); j++) {
          parts.put(statements.get(j), j == 0 ? reads : () -> Code.of(""));
        }
      }
    }
    return new Value(() -> lw.renderWith(e, parts), Kind.VOLATILE, null);
  }

  private String read(ExpressionTree expression, String field) {
    return "$spilled(" + lw.exactWitness(expression) + ", " + field + ")";
  }

  /** {@code if ($yk == 0) yield <read 0>; ... yield <read n>;}: one yield per original yield. */
  private String yieldReads(Lowering.YieldSink sink, String field, String site) {
    StringBuilder out = new StringBuilder();
    List<Tree> sites = sink.sites();
    for (int i = 0; i < sites.size(); i++) {
      String yield = "yield " + read((ExpressionTree) sites.get(i), field) + ";";
      out.append(i < sites.size() - 1 ? "if (" + site + " == " + i + ") " + yield + " " : yield);
    }
    if (sites.isEmpty()) {
      out.append("throw new IllegalStateException(\"unreachable\");");
    }
    return out.toString();
  }

  /** {@code lhs = rhs}: an array, index or object on the left is evaluated before rhs. */
  private Value assignment(AssignmentTree e) {
    List<ExpressionTree> operands = new ArrayList<>(lvalueOperands(e.getVariable()));
    operands.add(e.getExpression());
    return generic(e, operands);
  }

  /**
   * {@code lhs op= rhs} whose right side awaits. Java evaluates the target's parts (array and
   * index, or object), reads the old value (a null array or object, or a bad index, throws here),
   * then evaluates rhs, and only then applies the operator (unboxing a null old value throws
   * here), narrows and stores. Across the await the old value is kept in a field; afterwards a
   * local of the target's exact type ({@code var}, typed by a witness) takes it, and the original
   * operator is applied to that local, so the conversions are Java's own.
   */
  private Value compound(CompoundAssignmentTree e) {
    ExpressionTree lhs = e.getVariable();
    ExpressionTree rhs = e.getExpression();
    if (!lw.scan.isLowered(rhs)) {
      return generic(e, lvalueOperands(lhs));
    }
    if (lhs instanceof IdentifierTree id
        && lw.scan.references.containsKey(id)
        && !assignedIn(rhs, lw.scan.references.get(id))
        && !isBoxed(lw.scan.references.get(id))) {
      // A local keeps its value across the await: read it afterwards, in place.
      return generic(e, List.of(rhs));
    }
    Map<Tree, Supplier<Code>> parts = new IdentityHashMap<>();
    for (ExpressionTree operand : lvalueOperands(lhs)) {
      Value value = lower(operand);
      if (value.kind != Kind.STABLE) {
        parts.put(operand, spill(value, operand, lhs));
      }
    }
    String old = lw.m.field("java.lang.Object", "$old", "the old value of a compound assignment");
    Code target = lw.renderWith(lhs, parts);
    lw.flushCaptures(target.captures());
    // javac unboxes a boxed target as it reads it: a null one throws here, before the right side.
    lw.m.line(old + " = $read(" + target.text() + ");");
    Code right = lower(rhs).code.get();
    String result = lw.m.localName("$o");
    lw.flushCaptures(right.captures());
    lw.m.line("var " + result + " = $spilled(" + lw.exactWitness(lhs) + ", " + old + ");");
    // The operator is applied on the line javac marked last: the right side's lines kept as written
    int first = lw.source.line(e);
    int last = lw.source.lineAt(lw.source.end(e));
    String breaks = Lowering.lineBreaks(first, lw.source.line(rhs));
    String applied = result + " " + operator(e) + "= " + breaks + right.text() + ";";
    if (first > 0 && last > first && applied.chars().filter(c -> c == '\n').count() == last - first) {
      lw.m.line(applied, first, last);
    } else {
      lw.m.line(result + " " + operator(e) + "= " + right.text() + ";");
    }
    Code store = lw.renderWith(lhs, parts);
    lw.flushCaptures(store.captures());
    lw.m.line(store.text() + " = " + result + ";");
    lw.m.line(old + " = null;");
    return new Value(() -> Code.of(result), Kind.VOLATILE, null);
  }

  private static final java.util.Set<String> BOXES =
      java.util.Set.of(
          "Boolean", "Byte", "Short", "Character", "Integer", "Long", "Float", "Double",
          "java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Character",
          "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double");

  /** Whether a local's type is a box (or cannot be told, which is treated as one). */
  private boolean isBoxed(LocalVar var) {
    if (var.kind == LocalVar.Kind.SHADOW) {
      return false;
    }
    try {
      return BOXES.contains(lw.types.text(var));
    } catch (LocalTypes.Unnamed unknown) {
      return true;
    }
  }

  private static String operator(CompoundAssignmentTree e) {
    switch (e.getKind()) {
      case PLUS_ASSIGNMENT:
        return "+";
      case MINUS_ASSIGNMENT:
        return "-";
      case MULTIPLY_ASSIGNMENT:
        return "*";
      case DIVIDE_ASSIGNMENT:
        return "/";
      case REMAINDER_ASSIGNMENT:
        return "%";
      case LEFT_SHIFT_ASSIGNMENT:
        return "<<";
      case RIGHT_SHIFT_ASSIGNMENT:
        return ">>";
      case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT:
        return ">>>";
      case AND_ASSIGNMENT:
        return "&";
      case OR_ASSIGNMENT:
        return "|";
      case XOR_ASSIGNMENT:
        return "^";
      default:
        throw new IllegalArgumentException(e.getKind().toString());
    }
  }

  /** The parts of an assignment target evaluated before the right side. */
  private List<ExpressionTree> lvalueOperands(ExpressionTree lhs) {
    if (lhs instanceof ArrayAccessTree access) {
      return List.of(access.getExpression(), access.getIndex());
    }
    if (lhs instanceof MemberSelectTree select && isExpression(select.getExpression())) {
      return List.of(select.getExpression());
    }
    if (lhs instanceof ParenthesizedTree parenthesized) {
      return lvalueOperands(parenthesized.getExpression());
    }
    return List.of();
  }

  private Value instanceOf(InstanceOfTree e) {
    if (e.getPattern() != null && lw.hasHoistedBinding(e.getPattern())) {
      Value expression = lower(e.getExpression());
      return new Value(() -> lw.instanceOf(e, expression.code.get()), Kind.VOLATILE, null);
    }
    return generic(e, List.of(e.getExpression()));
  }

  /** The receiver (when it is an expression) and the arguments of a call, in evaluation order. */
  private List<ExpressionTree> invocationOperands(MethodInvocationTree call) {
    List<ExpressionTree> operands = new ArrayList<>();
    if (call.getMethodSelect() instanceof MemberSelectTree select
        && isExpression(select.getExpression())) {
      operands.add(select.getExpression());
    }
    operands.addAll(call.getArguments());
    return operands;
  }

  /** Whether a qualifier is an expression (evaluated) rather than a type or package name. */
  private boolean isExpression(ExpressionTree qualifier) {
    if (qualifier instanceof IdentifierTree id) {
      String name = id.getName().toString();
      if (name.equals("super")) {
        return false;
      }
      return name.equals("this")
          || lw.scan.references.containsKey(id)
          || lw.info.isFieldName(name);
    }
    if (qualifier instanceof MemberSelectTree select) {
      String name = select.getIdentifier().toString();
      if (name.equals("this") || name.equals("class")) {
        return true;
      }
      return isExpression(select.getExpression());
    }
    return true;
  }

  /**
   * Whether converting {@code e} to a string later gives the same string: literals, and locals of
   * primitive, boxed or String type. Any other object's toString() may change meanwhile.
   */
  private boolean conversionStable(ExpressionTree e) {
    if (e instanceof ParenthesizedTree parenthesized) {
      return conversionStable(parenthesized.getExpression());
    }
    if (e.getKind().asInterface() == com.sun.source.tree.LiteralTree.class) {
      return true;
    }
    if (e instanceof IdentifierTree id && lw.scan.references.get(id) != null) {
      LocalVar var = lw.scan.references.get(id);
      String type = var.kind == LocalVar.Kind.SHADOW ? "" : lw.types.text(var);
      // Not a boxed one: a numeric + unboxes it at once, so a null one must throw before the
      // right operand runs.
      return java.util.Set.of(
              "boolean", "byte", "short", "char", "int", "long", "float", "double", "String",
              "java.lang.String")
          .contains(type);
    }
    return false;
  }

  /**
   * Whether {@code e}, the left operand of an operator that unboxes it, gives the same primitive
   * value and no exception when evaluated after the right operand: a literal, or a local of a
   * primitive type.
   */
  private boolean unboxingStable(ExpressionTree e) {
    if (e instanceof ParenthesizedTree parenthesized) {
      return unboxingStable(parenthesized.getExpression());
    }
    if (e.getKind().asInterface() == com.sun.source.tree.LiteralTree.class) {
      return e.getKind() != Tree.Kind.NULL_LITERAL;
    }
    if (e instanceof IdentifierTree id && lw.scan.references.get(id) != null) {
      LocalVar var = lw.scan.references.get(id);
      String type = var.kind == LocalVar.Kind.SHADOW ? "" : lw.types.text(var);
      return java.util.Set.of("boolean", "byte", "short", "char", "int", "long", "float", "double")
          .contains(type);
    }
    return false;
  }

  /** Whether evaluating {@code e} later gives the same value, with no effect. */
  private boolean stable(ExpressionTree e) {
    switch (e.getKind()) {
      case INT_LITERAL:
      case LONG_LITERAL:
      case FLOAT_LITERAL:
      case DOUBLE_LITERAL:
      case BOOLEAN_LITERAL:
      case CHAR_LITERAL:
      case STRING_LITERAL:
      case NULL_LITERAL:
        return true;
      case PARENTHESIZED:
        return stable(((ParenthesizedTree) e).getExpression());
      case IDENTIFIER:
        {
          IdentifierTree id = (IdentifierTree) e;
          LocalVar var = lw.scan.references.get(id);
          if (var != null) {
            return var.kind != LocalVar.Kind.SHADOW && (top == null || !assignedBefore(top, var, e));
          }
          return !lw.info.isFieldName(id.getName().toString());
        }
      case MEMBER_SELECT:
        {
          MemberSelectTree select = (MemberSelectTree) e;
          String name = select.getIdentifier().toString();
          // T.this and T.class are; a static field read through its class (T.count) is not: the
          // operands after it, awaits among them, may change it (or another task, meanwhile).
          return name.equals("this") || name.equals("class");
        }
      default:
        return false;
    }
  }

  /**
   * Whether {@code tree} assigns {@code var} other than by an assignment that encloses {@code
   * read} (such an assignment happens after the read and everything it is part of).
   */
  private boolean assignedBefore(Tree tree, LocalVar var, Tree read) {
    int start = lw.source.start(read);
    int end = lw.source.end(read);
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree node, Void unused) {
        if (node == null || found[0]) {
          return null;
        }
        boolean encloses = lw.source.start(node) <= start && lw.source.end(node) >= end;
        if (!encloses && assignedIn(node, var)) {
          found[0] = true;
          return null;
        }
        return super.scan(node, unused);
      }
    }.scan(tree, null);
    return found[0];
  }

  /** Whether {@code tree} assigns {@code var} (=, op=, ++, --). */
  private boolean assignedIn(Tree tree, LocalVar var) {
    return lw.scan.assignedIn(tree).contains(var);
  }
}
