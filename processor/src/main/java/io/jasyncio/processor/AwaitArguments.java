package io.jasyncio.processor;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks what each {@code await(..)} is given, where its type can be told without attributing the
 * body (a variable, a field, {@code null}, a {@code new}, a call of one of X's methods): only a
 * {@code Coro}, a jasyncio {@code Future} or {@code Task}, another {@code Awaitable} or a {@code
 * CompletionStage} can be awaited. Anything else is one tagged error on the user's line that says
 * what to write instead, rather than javac's "no suitable method" there and again in generated code.
 */
final class AwaitArguments {
  private final BodyScan scan;
  private final ClassInfo info;
  private final TypeNames typeNames;
  private final Types types;
  private final TypeMirror awaitable;
  private final TypeMirror stage;
  private final TypeMirror asyncIterable;

  AwaitArguments(
      BodyScan scan, ClassInfo info, TypeNames typeNames, Elements elements, Types types) {
    this.scan = scan;
    this.info = info;
    this.typeNames = typeNames;
    this.types = types;
    TypeElement awaitableType = elements.getTypeElement("io.jasyncio.Awaitable");
    TypeElement stageType = elements.getTypeElement("java.util.concurrent.CompletionStage");
    this.awaitable = awaitableType == null ? null : types.erasure(awaitableType.asType());
    this.stage = stageType == null ? null : types.erasure(stageType.asType());
    TypeElement iterableType = elements.getTypeElement("io.jasyncio.AsyncIterable");
    this.asyncIterable = iterableType == null ? null : types.erasure(iterableType.asType());
  }

  /** The problems found, one per await that is given something that cannot be awaited. */
  List<BodyScan.Problem> check() {
    List<BodyScan.Problem> problems = new ArrayList<>();
    if (awaitable == null || stage == null) {
      return problems;
    }
    for (TreePath path : scan.awaitPaths) {
      ExpressionTree argument = AsyncNames.awaited(path.getLeaf());
      while (argument instanceof ParenthesizedTree parenthesized) {
        argument = parenthesized.getExpression();
      }
      if (scan.names.isEmit(argument)) {
        continue; // a generator's emit point
      }
      if (scan.names.isAwaitEach(path.getLeaf())) {
        TypeMirror type = typeOf(argument);
        if (asyncIterable != null
            && type != null
            && type.getKind() == TypeKind.DECLARED
            && !types.isAssignable(types.erasure(type), asyncIterable)) {
          problems.add(
              new BodyScan.Problem(
                  path.getLeaf(),
                  Tag.AsyncNotAwaitable,
                  "awaitEach() takes an io.jasyncio.AsyncIterable; '"
                      + argument
                      + "' is a "
                      + written(argument, types.erasure(type))
                      + "; iterate it with a plain for-each loop, or pass an async source (a"
                      + " generator, queue.items(), reader.lines(), Publishers.iterate(..))"));
        }
        continue;
      }
      if (argument.getKind() == Tree.Kind.NULL_LITERAL) {
        problems.add(
            new BodyScan.Problem(
                path.getLeaf(),
                Tag.AsyncNotAwaitable,
                "await(null): there is nothing to await; await a Coro, a Task or Future, or a"
                    + " CompletionStage"));
        continue;
      }
      ExpressionTree primitive = primitiveResult(argument);
      if (primitive != null && primitive != argument) {
        // switch (..) { case .. -> 1; .. } or c ? 1 : x: javac takes it as a primitive, or
        // checks each result against Awaitable or CompletionStage, which a primitive is not
        String kind = primitiveKind(primitive);
        problems.add(
            new BodyScan.Problem(
                path.getLeaf(),
                Tag.AsyncNotAwaitable,
                TAKES
                    + shortened(scan.source.text(argument).replaceAll("\\s+", " "))
                    + "' can produce "
                    + scan.source.text(primitive)
                    + (kind.matches("[aeiou].*") ? ", an " : ", a ")
                    + kind
                    + "; await what produces each value instead"));
        continue;
      }
      TypeMirror type = typeOf(argument);
      if (type == null
          || type.getKind() == TypeKind.ERROR
          || type.getKind() == TypeKind.TYPEVAR
          || type.getKind() == TypeKind.NULL
          || !(type.getKind() == TypeKind.DECLARED || type.getKind().isPrimitive() || type.getKind() == TypeKind.ARRAY)) {
        continue;
      }
      TypeMirror erased = types.erasure(type);
      if (types.isAssignable(erased, awaitable) || types.isAssignable(erased, stage)) {
        continue;
      }
      String what = argument.toString();
      boolean blockingFuture = type.toString().startsWith("java.util.concurrent.Future")
          || types.asElement(erased) != null
              && types.asElement(erased).toString().equals("java.util.concurrent.Future");
      problems.add(
          new BodyScan.Problem(
              path.getLeaf(),
              Tag.AsyncNotAwaitable,
              TAKES
                  + shortened(what)
                  + "' is a "
                  + written(argument, erased)
                  + (blockingFuture
                      ? "; a java.util.concurrent.Future can only be waited for by blocking a"
                          + " thread: await(toThread(" + what + "::get)), or make it a"
                          + " CompletableFuture"
                      : "; await what produces it instead, or wrap blocking work as"
                          + " await(toThread(() -> ...))")));
    }
    return problems;
  }

  /**
   * A result of {@code e} (itself, an arm of a conditional, a value of a switch expression) that is
   * certainly of a primitive type (a literal, or a simple expression this can type), or null.
   */
  private ExpressionTree primitiveResult(ExpressionTree e) {
    while (e instanceof ParenthesizedTree parenthesized) {
      e = parenthesized.getExpression();
    }
    switch (e.getKind()) {
      case INT_LITERAL:
      case LONG_LITERAL:
      case FLOAT_LITERAL:
      case DOUBLE_LITERAL:
      case CHAR_LITERAL:
      case BOOLEAN_LITERAL:
        return e;
      case CONDITIONAL_EXPRESSION:
        {
          ConditionalExpressionTree conditional = (ConditionalExpressionTree) e;
          ExpressionTree found = primitiveResult(conditional.getTrueExpression());
          return found != null ? found : primitiveResult(conditional.getFalseExpression());
        }
      case SWITCH_EXPRESSION:
        for (ExpressionTree result : results((SwitchExpressionTree) e)) {
          ExpressionTree found = primitiveResult(result);
          if (found != null) {
            return found;
          }
        }
        return null;
      default:
        {
          TypeMirror type = typeOf(e);
          return type != null && type.getKind().isPrimitive() ? e : null;
        }
    }
  }

  private String primitiveKind(ExpressionTree primitive) {
    switch (primitive.getKind()) {
      case INT_LITERAL: return "int";
      case LONG_LITERAL: return "long";
      case FLOAT_LITERAL: return "float";
      case DOUBLE_LITERAL: return "double";
      case CHAR_LITERAL: return "char";
      case BOOLEAN_LITERAL: return "boolean";
      default: return String.valueOf(typeOf(primitive));
    }
  }

  /** The values a switch expression can produce: its arms' expressions and its own yields. */
  private static List<ExpressionTree> results(SwitchExpressionTree selector) {
    List<ExpressionTree> results = new ArrayList<>();
    OwnCodeScanner yields =
        new OwnCodeScanner() {
          @Override
          public Void visitYield(YieldTree tree, Void unused) {
            results.add(tree.getValue());
            return null;
          }

          @Override
          public Void visitSwitchExpression(SwitchExpressionTree tree, Void unused) {
            return null; // its yields are its own
          }
        };
    for (CaseTree c : selector.getCases()) {
      if (c.getBody() instanceof ExpressionTree expression) {
        results.add(expression);
      } else if (c.getBody() != null) {
        yields.scan(c.getBody(), null);
      } else {
        yields.scan(c.getStatements(), null);
      }
    }
    return results;
  }

  private static final String TAKES =
      "await() takes a Coro, a Task or Future of jasyncio, or a CompletionStage; '";

  /** An argument's text as a message quotes it: its first 37 characters when it is long. */
  private static String shortened(String what) {
    return what.length() > 40 ? what.substring(0, 37) + "..." : what;
  }

  /** The type as the user wrote it where there is such a text, else its erasure. */
  private String written(ExpressionTree argument, TypeMirror erased) {
    if (argument instanceof IdentifierTree id
        && scan.references.get(id) != null
        && scan.references.get(id).typeTree != null) {
      return scan.references.get(id).typeTree.toString();
    }
    return erased.toString();
  }

  /** The static type of simple expressions, or null when it cannot be told here. */
  private TypeMirror typeOf(ExpressionTree expression) {
    try {
      if (expression instanceof IdentifierTree id) {
        LocalVar var = scan.references.get(id);
        if (var != null) {
          if (var.kind == LocalVar.Kind.SHADOW
              || var.typeTree == null
              || scan.localClasses.containsKey(var.typeTree.toString())) {
            return null;
          }
          TypeElement declared = typeNames.resolve(var.typeTree);
          return declared == null ? null : declared.asType();
        }
        return info.fieldTypes.get(id.getName().toString());
      }
      if (expression instanceof NewClassTree create && create.getClassBody() == null) {
        TypeElement created = typeNames.resolve(create.getIdentifier());
        return created == null ? null : created.asType();
      }
      if (expression instanceof MethodInvocationTree call
          && call.getMethodSelect() instanceof IdentifierTree name
          && !scan.names.isAwait(call)) {
        TypeMirror found = null;
        for (ExecutableElement method : ElementFilter.methodsIn(info.element.getEnclosedElements())) {
          if (method.getSimpleName().contentEquals(name.getName())) {
            if (found != null && !types.isSameType(types.erasure(found), types.erasure(method.getReturnType()))) {
              return null; // overloads with different results: javac would have to choose
            }
            found = method.getReturnType();
          }
        }
        return found;
      }
    } catch (RuntimeException unknown) {
      return null;
    }
    return null;
  }
}
