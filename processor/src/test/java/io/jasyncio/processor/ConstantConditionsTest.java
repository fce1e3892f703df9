package io.jasyncio.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Constant expressions drawn at random from the grammar of JLS 15.29 over every primitive type
 * (literals, casts, unary and binary operators, conditionals; divisions by zero included, which
 * are not constants): {@link ConstantConditions} finds the value javac finds for each (a constant
 * field's value), or finds none where javac finds none; for constants named by their class
 * ({@code Long.MIN_VALUE}), which it does not look up, it finds none or javac's. A wrong value
 * would make the lowering drop the arm that runs.
 */
class ConstantConditionsTest {
  private static final String[] NUMERIC = {"byte", "short", "char", "int", "long", "float", "double"};

  @Test
  void eachDrawnConstantExpressionHasJavacsValue() throws Exception {
    Random random = new Random(Long.getLong("jasyncio.constants.seed", 1));
    List<String> expressions = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      expressions.add(i % 3 == 0 ? number(random, pick(random, NUMERIC), 3) : condition(random, 3));
    }
    StringBuilder source = new StringBuilder("class K {\n");
    for (int i = 0; i < expressions.size(); i++) {
      String type = i % 3 == 0 ? NUMERIC[0] : "boolean";
      source.append("  static final ").append(i % 3 == 0 ? "double" : type).append(" k").append(i)
          .append(" = ").append(expressions.get(i)).append(";\n");
    }
    source.append("}\n");
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    SimpleJavaFileObject file =
        new SimpleJavaFileObject(URI.create("string:///K.java"), SimpleJavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    List<String> errors = new ArrayList<>();
    JavacTask task =
        (JavacTask)
            compiler.getTask(
                null,
                null,
                d -> {
                  if (d.getKind() == javax.tools.Diagnostic.Kind.ERROR) {
                    errors.add(d.getLineNumber() + ": " + d.getMessage(null));
                  }
                },
                List.of("-proc:none", "-Xlint:none"),
                null,
                List.of(file));
    CompilationUnitTree unit = task.parse().iterator().next();
    task.analyze();
    assertEquals(List.of(), errors, "the drawn expressions are Java");
    TypeElement type = task.getElements().getTypeElement("K");
    List<VariableElement> fields = ElementFilter.fieldsIn(type.getEnclosedElements());
    ClassTree tree = (ClassTree) unit.getTypeDecls().get(0);
    ConstantConditions constants = new ConstantConditions(null, null, null, null);
    int constant = 0;
    int i = 0;
    for (Tree member : tree.getMembers()) {
      if (!(member instanceof VariableTree variable)) {
        continue;
      }
      Object javac = fields.get(i).getConstantValue();
      Object ours = constants.constant(variable.getInitializer());
      if (ours != null && i % 3 == 0) {
        ours = PrimitiveValues.cast(ours, javax.lang.model.type.TypeKind.DOUBLE);
      }
      String text = "k" + i + " = " + expressions.get(i);
      if (expressions.get(i).matches("(?s).*\\b(Double|Float|Integer|Long)\\..*")) {
        // constants named by their class are not known: taken for none, which is safe (the
        // conditional is then lowered as one javac evaluates)
        assertTrue(ours == null || ours.equals(javac), text + ": " + ours + ", javac " + javac);
      } else {
        assertEquals(javac, ours, text);
      }
      constant += javac == null ? 0 : 1;
      i++;
    }
    assertEquals(expressions.size(), i);
    assertTrue(constant > expressions.size() * 8 / 10, constant + " constants only");
  }

  private static String condition(Random random, int depth) {
    int choice = depth == 0 ? random.nextInt(2) : random.nextInt(9);
    switch (choice) {
      case 0:
        return random.nextBoolean() ? "true" : "false";
      case 1:
        {
          String type = pick(random, NUMERIC);
          return "(" + number(random, type, depth == 0 ? 0 : depth - 1) + " " + pick(random, "<", ">", "<=", ">=", "==", "!=") + " "
              + number(random, pick(random, NUMERIC), depth == 0 ? 0 : depth - 1) + ")";
        }
      case 2:
        return "!(" + condition(random, depth - 1) + ")";
      case 3:
      case 4:
        return "(" + condition(random, depth - 1) + " " + pick(random, "&&", "||", "&", "|", "^", "==", "!=") + " "
            + condition(random, depth - 1) + ")";
      case 5:
        return "(" + condition(random, depth - 1) + " ? " + condition(random, depth - 1) + " : " + condition(random, depth - 1) + ")";
      case 6:
        return "(boolean) (" + condition(random, depth - 1) + ")";
      default:
        return "(" + condition(random, depth - 1) + ")";
    }
  }

  /** An expression of the numeric type {@code type} (or one that converts to it by a cast). */
  private static String number(Random random, String type, int depth) {
    int choice = depth == 0 ? 0 : random.nextInt(8);
    boolean integral = !type.equals("float") && !type.equals("double");
    switch (choice) {
      case 0:
        return "(" + type + ") " + literal(random);
      case 1:
        return "(" + type + ") (" + number(random, pick(random, NUMERIC), depth - 1) + ")";
      case 2:
        return "(" + pick(random, integral ? new String[] {"-", "+", "~"} : new String[] {"-", "+"}) + "(" + number(random, type, depth - 1) + "))";
      case 3:
      case 4:
        {
          String op = pick(random, integral ? new String[] {"+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>", ">>>"} : new String[] {"+", "-", "*", "/", "%"});
          String right = op.startsWith("<") || op.startsWith(">")
              ? number(random, pick(random, "int", "long", "char", "short"), depth - 1)
              : number(random, type, depth - 1);
          return "(" + number(random, type, depth - 1) + " " + op + " " + right + ")";
        }
      case 5:
        return "(" + condition(random, depth - 1) + " ? " + number(random, type, depth - 1) + " : " + number(random, type, depth - 1) + ")";
      default:
        return "(" + type + ") (" + number(random, type, depth - 1) + ")";
    }
  }

  private static String literal(Random random) {
    switch (random.nextInt(8)) {
      case 0: return Integer.toString(random.nextInt(5));
      case 1: return Integer.toString(random.nextInt());
      case 2: return random.nextLong() + "L";
      case 3: return "'" + (char) ('a' + random.nextInt(26)) + "'";
      case 4: return random.nextInt(100) / 8.0 + "";
      case 5: return random.nextInt(100) / 4.0 + "f";
      case 6: return pick(random, "0", "0L", "0.0", "-0.0", "0.0f", "2147483647", "-2147483648", "9223372036854775807L", "1e300", "3.4e38f", "65535");
      default: return pick(random, "Double.NaN", "Float.POSITIVE_INFINITY", "Integer.MAX_VALUE", "Long.MIN_VALUE");
    }
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... options) {
    return options[random.nextInt(options.length)];
  }
}
