package io.jasyncio.processor;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Whether javac takes a condition for a constant and drops the branch it does not choose: a
 * constant expression (JLS 15.29: literals, constant variables, casts to primitives and the
 * operators over them), and what javac's lowering reduces to one ({@code c ? a : b}, {@code c &&
 * b}, {@code c || b} and {@code !c} with a constant {@code c}). javac then writes no code for the
 * condition and marks no line for the chosen branch (a {@code DEBUG ? await(..) : x} whose {@code
 * x} throws is reported at the line javac marked before it): the lowering of a conditional that
 * awaits does the same (grammar seed 489, program 960: {@code (true ? false : fz) ? await(..) :
 * n}).
 *
 * <p>What this does not know (names qualified by a type, strings) is taken for not constant: the
 * conditional is then lowered as one that javac evaluates, and only its line marks may differ.
 */
final class ConstantConditions {
  private final BodyScan scan;
  private final LocalTypes types;
  private final ClassInfo info;
  private final Elements elements;

  ConstantConditions(BodyScan scan, LocalTypes types, ClassInfo info, Elements elements) {
    this.scan = scan;
    this.types = types;
    this.info = info;
    this.elements = elements;
  }

  /** TRUE or FALSE when javac takes {@code condition} for that constant; else null. */
  Boolean folded(ExpressionTree condition) {
    Object value = lowered(condition);
    return value instanceof Boolean b ? b : null;
  }

  /** The constant javac's lowering reduces {@code e} to, or null. */
  private Object lowered(ExpressionTree e) {
    Object value = constant(e);
    if (value != null) {
      return value;
    }
    switch (e.getKind()) {
      case PARENTHESIZED:
        return lowered(((ParenthesizedTree) e).getExpression());
      case CONDITIONAL_EXPRESSION:
        {
          ConditionalExpressionTree c = (ConditionalExpressionTree) e;
          Object chosen = lowered(c.getCondition());
          if (!(chosen instanceof Boolean b)) {
            return null;
          }
          Object arm = lowered(b ? c.getTrueExpression() : c.getFalseExpression());
          return arm instanceof Boolean ? arm : null;
        }
      case CONDITIONAL_AND:
      case CONDITIONAL_OR:
        {
          BinaryTree binary = (BinaryTree) e;
          boolean and = e.getKind() == ExpressionTree.Kind.CONDITIONAL_AND;
          Object left = lowered(binary.getLeftOperand());
          if (!(left instanceof Boolean b)) {
            return null;
          }
          // false && x is false, true || x is true; true && x and false || x are x
          return b != and ? b : lowered(binary.getRightOperand());
        }
      case LOGICAL_COMPLEMENT:
        {
          Object operand = lowered(((UnaryTree) e).getExpression());
          return operand instanceof Boolean b ? !b : null;
        }
      default:
        return null;
    }
  }

  /** The value of {@code e} when it is a constant expression of a primitive type, or null. */
  Object constant(ExpressionTree e) {
    switch (e.getKind()) {
      case BOOLEAN_LITERAL:
      case INT_LITERAL:
      case LONG_LITERAL:
      case FLOAT_LITERAL:
      case DOUBLE_LITERAL:
      case CHAR_LITERAL:
        return ((LiteralTree) e).getValue();
      case PARENTHESIZED:
        return constant(((ParenthesizedTree) e).getExpression());
      case IDENTIFIER:
        return variable((IdentifierTree) e);
      case TYPE_CAST:
        {
          TypeCastTree cast = (TypeCastTree) e;
          Object value = constant(cast.getExpression());
          return value != null && cast.getType() instanceof PrimitiveTypeTree type
              ? PrimitiveValues.cast(value, type.getPrimitiveTypeKind())
              : null;
        }
      case CONDITIONAL_EXPRESSION:
        {
          ConditionalExpressionTree c = (ConditionalExpressionTree) e;
          Object condition = constant(c.getCondition());
          Object yes = constant(c.getTrueExpression());
          Object no = constant(c.getFalseExpression());
          if (!(condition instanceof Boolean b) || yes == null || no == null) {
            return null;
          }
          if (yes instanceof Boolean || no instanceof Boolean) {
            return yes instanceof Boolean && no instanceof Boolean ? (b ? yes : no) : null;
          }
          return PrimitiveValues.promoted(b ? yes : no, b ? no : yes);
        }
      default:
        break;
    }
    if (e instanceof UnaryTree unary) {
      Object operand = constant(unary.getExpression());
      return operand == null ? null : PrimitiveValues.unary(e.getKind(), operand);
    }
    if (e instanceof BinaryTree binary) {
      Object left = constant(binary.getLeftOperand());
      Object right = left == null ? null : constant(binary.getRightOperand());
      return right == null ? null : PrimitiveValues.binary(e.getKind(), left, right);
    }
    return null;
  }

  /** A local or a field of X that is a constant variable of a primitive type, or null. */
  private Object variable(IdentifierTree id) {
    if (scan == null) {
      return null; // expressions alone (ConstantConditionsTest)
    }
    LocalVar local = scan.references.get(id);
    Object value;
    if (local != null) {
      value = types.constantValue(local);
    } else {
      VariableElement field = ClassInfo.field(info.element, elements, id.getName().toString());
      value = field == null ? null : field.getConstantValue();
    }
    return value instanceof String ? null : value;
  }
}
