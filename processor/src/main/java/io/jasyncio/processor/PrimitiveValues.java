package io.jasyncio.processor;

import com.sun.source.tree.Tree;
import javax.lang.model.type.TypeKind;

/**
 * The arithmetic of constant expressions of primitive types (JLS 15.29), on boxed values: Boolean,
 * Character, Byte, Short, Integer, Long, Float, Double. Operands are promoted as javac promotes
 * them (unary and binary numeric promotion); an integral division by zero is not a constant (javac
 * does not fold it), and neither is anything this does not know: null.
 */
final class PrimitiveValues {
  private PrimitiveValues() {}

  /** {@code (kind) value}, or null. */
  static Object cast(Object value, TypeKind kind) {
    if (value instanceof Boolean) {
      return kind == TypeKind.BOOLEAN ? value : null;
    }
    if (!isNumeric(value)) {
      return null;
    }
    boolean floating = value instanceof Float || value instanceof Double;
    // a floating value narrows to byte, short or char through int (JLS 5.1.3)
    long integral = floating ? (int) asDouble(value) : asLong(value);
    switch (kind) {
      case BYTE:
        return (byte) integral;
      case SHORT:
        return (short) integral;
      case CHAR:
        return (char) integral;
      case INT:
        return value instanceof Float || value instanceof Double ? (int) asDouble(value) : (int) asLong(value);
      case LONG:
        return value instanceof Float || value instanceof Double ? (long) asDouble(value) : asLong(value);
      case FLOAT:
        return value instanceof Double ? (float) asDouble(value) : value instanceof Long ? (float) asLong(value) : (float) asDouble(value);
      case DOUBLE:
        return value instanceof Long ? (double) asLong(value) : asDouble(value);
      default:
        return null;
    }
  }

  /**
   * The value a conditional whose arms are these constants takes when it chooses {@code chosen}:
   * promoted to long, float or double as the other arm makes it (JLS 15.25); the narrower types
   * keep their value, which is all a condition over it can see.
   */
  static Object promoted(Object chosen, Object other) {
    if (!isNumeric(chosen) || !isNumeric(other)) {
      return null;
    }
    TypeKind wider = promotion(chosen, other);
    return wider == TypeKind.INT ? chosen : cast(chosen, wider);
  }

  static Object unary(Tree.Kind kind, Object operand) {
    if (kind == Tree.Kind.LOGICAL_COMPLEMENT) {
      return operand instanceof Boolean b ? !b : null;
    }
    if (!isNumeric(operand)) {
      return null;
    }
    TypeKind type = promotion(operand, 0);
    Object value = cast(operand, type);
    switch (kind) {
      case UNARY_PLUS:
        return value;
      case UNARY_MINUS:
        switch (type) {
          case INT: return -(Integer) value;
          case LONG: return -(Long) value;
          case FLOAT: return -(Float) value;
          default: return -(Double) value;
        }
      case BITWISE_COMPLEMENT:
        switch (type) {
          case INT: return ~(Integer) value;
          case LONG: return ~(Long) value;
          default: return null;
        }
      default:
        return null;
    }
  }

  static Object binary(Tree.Kind kind, Object left, Object right) {
    if (left instanceof Boolean a && right instanceof Boolean b) {
      switch (kind) {
        case EQUAL_TO: return a.booleanValue() == b.booleanValue();
        case NOT_EQUAL_TO: return a.booleanValue() != b.booleanValue();
        case AND: case CONDITIONAL_AND: return a && b;
        case OR: case CONDITIONAL_OR: return a || b;
        case XOR: return a ^ b;
        default: return null;
      }
    }
    if (!isNumeric(left) || !isNumeric(right)) {
      return null;
    }
    if (kind == Tree.Kind.LEFT_SHIFT || kind == Tree.Kind.RIGHT_SHIFT || kind == Tree.Kind.UNSIGNED_RIGHT_SHIFT) {
      return shift(kind, left, right);
    }
    TypeKind type = promotion(left, right);
    switch (type) {
      case INT:
        {
          // int arithmetic is long arithmetic narrowed (two's complement), division included
          Object value = integral(kind, asLong(left), asLong(right));
          return value instanceof Long result ? (Object) (int) (long) result : value;
        }
      case LONG:
        return integral(kind, asLong(left), asLong(right));
      case FLOAT:
        {
          // float + - * / % of floats, done in double and rounded once, are the float results
          Object value = floating(kind, (Float) cast(left, type), (Float) cast(right, type));
          return value instanceof Double result ? (Object) (float) (double) result : value;
        }
      default:
        return floating(kind, (Double) cast(left, type), (Double) cast(right, type));
    }
  }

  private static Object shift(Tree.Kind kind, Object left, Object right) {
    TypeKind type = promotion(left, 0);
    if (type != TypeKind.INT && type != TypeKind.LONG || promotion(right, 0) == TypeKind.FLOAT
        || promotion(right, 0) == TypeKind.DOUBLE) {
      return null;
    }
    if (type == TypeKind.LONG && kind == Tree.Kind.UNSIGNED_RIGHT_SHIFT && promotion(right, 0) == TypeKind.LONG) {
      return null; // javac 17 to 25 does not fold long >>> long (checked): not a constant there
    }
    long distance = asLong(right);
    if (type == TypeKind.INT) {
      int value = (Integer) cast(left, type);
      int by = (int) distance;
      return kind == Tree.Kind.LEFT_SHIFT ? value << by : kind == Tree.Kind.RIGHT_SHIFT ? value >> by : value >>> by;
    }
    long value = asLong(left);
    int by = (int) distance;
    return kind == Tree.Kind.LEFT_SHIFT ? value << by : kind == Tree.Kind.RIGHT_SHIFT ? value >> by : value >>> by;
  }

  private static Object integral(Tree.Kind kind, long a, long b) {
    switch (kind) {
      case MULTIPLY: return a * b;
      case DIVIDE: return b == 0 ? null : a / b;
      case REMAINDER: return b == 0 ? null : a % b;
      case PLUS: return a + b;
      case MINUS: return a - b;
      case AND: return a & b;
      case OR: return a | b;
      case XOR: return a ^ b;
      default: return compare(kind, Long.compare(a, b), false);
    }
  }

  private static Object floating(Tree.Kind kind, double a, double b) {
    switch (kind) {
      case MULTIPLY: return a * b;
      case DIVIDE: return a / b;
      case REMAINDER: return a % b;
      case PLUS: return a + b;
      case MINUS: return a - b;
      default: return compare(kind, a < b ? -1 : a > b ? 1 : 0, Double.isNaN(a) || Double.isNaN(b));
    }
  }

  /** A comparison by its sign ({@code unordered}: a NaN, which only != holds for); else null. */
  private static Object compare(Tree.Kind kind, int sign, boolean unordered) {
    switch (kind) {
      case LESS_THAN: return !unordered && sign < 0;
      case GREATER_THAN: return !unordered && sign > 0;
      case LESS_THAN_EQUAL: return !unordered && sign <= 0;
      case GREATER_THAN_EQUAL: return !unordered && sign >= 0;
      case EQUAL_TO: return !unordered && sign == 0;
      case NOT_EQUAL_TO: return unordered || sign != 0;
      default: return null;
    }
  }

  private static boolean isNumeric(Object value) {
    return value instanceof Number || value instanceof Character;
  }

  /** Binary numeric promotion of the two (unary of one: pass 0 as the other). */
  private static TypeKind promotion(Object a, Object b) {
    if (a instanceof Double || b instanceof Double) {
      return TypeKind.DOUBLE;
    }
    if (a instanceof Float || b instanceof Float) {
      return TypeKind.FLOAT;
    }
    if (a instanceof Long || b instanceof Long) {
      return TypeKind.LONG;
    }
    return TypeKind.INT;
  }

  private static long asLong(Object value) {
    if (value instanceof Character c) {
      return c;
    }
    Number n = (Number) value;
    return n instanceof Float || n instanceof Double ? (long) n.doubleValue() : n.longValue();
  }

  private static double asDouble(Object value) {
    return value instanceof Character c ? c : ((Number) value).doubleValue();
  }
}
