package io.jasyncio.processor;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Whether an argument of a call is certainly converted to a primitive: javac unboxes a boxed
 * argument as soon as it is evaluated, so a null one throws before the arguments after it run
 * (an await among them included). Decided without attribution, through the element API: the
 * methods (or constructors) the call can mean, by name and number of arguments; when every one of
 * them has a primitive parameter at that position, whichever javac picks unboxes it. Anything it
 * cannot tell (an unknown receiver, a static import, a varargs position) is "not certainly".
 */
final class PrimitiveParameters {
  private final Elements elements;
  private final Types types;
  private final ClassInfo info;
  private final TypeNames typeNames;
  private final BodyScan scan;
  private final LocalTypes locals;

  PrimitiveParameters(
      Elements elements, Types types, ClassInfo info, TypeNames typeNames, BodyScan scan, LocalTypes locals) {
    this.elements = elements;
    this.types = types;
    this.info = info;
    this.typeNames = typeNames;
    this.scan = scan;
    this.locals = locals;
  }

  /**
   * Whether argument {@code index} of {@code call} (a method call or {@code new}) is unboxed:
   * every candidate that could take it has a primitive parameter there. When the argument's type
   * is known to be a box, a candidate whose reference parameter cannot take that box at all (a
   * {@code String} for an {@code Integer}) cannot be chosen and is left out, as javac's phases of
   * overload resolution would.
   */
  boolean unboxes(ExpressionTree call, int index) {
    try {
      List<ExecutableElement> candidates = candidates(call);
      if (candidates == null || candidates.isEmpty()) {
        return false;
      }
      List<? extends ExpressionTree> arguments = arguments(call);
      int arity = arguments.size();
      TypeMirror box = boxTypeOf(arguments.get(index));
      boolean any = false;
      for (ExecutableElement candidate : candidates) {
        int params = candidate.getParameters().size();
        boolean fits = candidate.isVarArgs() ? arity >= params - 1 : arity == params;
        if (!fits) {
          continue;
        }
        if (candidate.isVarArgs() && index >= params - 1) {
          return false;
        }
        TypeMirror parameter = candidate.getParameters().get(index).asType();
        if (parameter.getKind().isPrimitive()) {
          any = true;
        } else if (box == null || types.isAssignable(box, types.erasure(parameter))) {
          return false; // a reference parameter that may take the value as it is
        }
      }
      return any;
    } catch (RuntimeException cannotTell) { // LocalTypes.Unnamed among them
      return false;
    }
  }

  private static final java.util.Set<String> BOXES =
      java.util.Set.of(
          "java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Character",
          "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double");

  /** The box type of an argument when it is plainly one (a local, a cast), else null. */
  private TypeMirror boxTypeOf(ExpressionTree argument) {
    while (argument instanceof ParenthesizedTree parenthesized) {
      argument = parenthesized.getExpression();
    }
    TypeElement type = null;
    if (argument instanceof IdentifierTree id && scan.references.get(id) != null) {
      type = asElement(locals.mirror(scan.references.get(id)));
    } else if (argument instanceof com.sun.source.tree.TypeCastTree cast) {
      type = typeNames.resolve(cast.getType());
    }
    return type != null && BOXES.contains(type.getQualifiedName().toString()) ? type.asType() : null;
  }

  private static List<? extends ExpressionTree> arguments(ExpressionTree call) {
    return call instanceof MethodInvocationTree invocation
        ? invocation.getArguments()
        : ((NewClassTree) call).getArguments();
  }

  /** The methods or constructors the call may mean, or null when that cannot be told here. */
  private List<ExecutableElement> candidates(ExpressionTree call) {
    if (call instanceof NewClassTree create) {
      if (create.getEnclosingExpression() != null) {
        return null;
      }
      TypeElement type = typeNames.resolve(create.getIdentifier());
      return type == null ? null : new ArrayList<>(ElementFilter.constructorsIn(type.getEnclosedElements()));
    }
    MethodInvocationTree invocation = (MethodInvocationTree) call;
    ExpressionTree select = invocation.getMethodSelect();
    if (select instanceof IdentifierTree id) {
      return unqualified(id.getName().toString());
    }
    if (select instanceof MemberSelectTree member) {
      TypeElement owner = receiverType(member.getExpression());
      return owner == null ? null : methodsNamed(owner, member.getIdentifier().toString());
    }
    return null;
  }

  /** {@code m(..)}: X's methods and those of the classes around it; a static import: unknown. */
  private List<ExecutableElement> unqualified(String name) {
    for (Element type = info.element; type instanceof TypeElement t; type = type.getEnclosingElement()) {
      List<ExecutableElement> found = methodsNamed(t, name);
      if (!found.isEmpty()) {
        return found; // the innermost class with a method of that name decides (JLS 15.12.1)
      }
    }
    return null; // a static import, most likely: not told here
  }

  private TypeElement receiverType(ExpressionTree receiver) {
    while (receiver instanceof ParenthesizedTree parenthesized) {
      receiver = parenthesized.getExpression();
    }
    if (receiver instanceof IdentifierTree id) {
      String name = id.getName().toString();
      if (name.equals("this")) {
        return info.element;
      }
      if (name.equals("super")) {
        return asElement(info.element.getSuperclass());
      }
      LocalVar local = scan.references.get(id);
      if (local != null) {
        return asElement(locals.mirror(local));
      }
      for (Element type = info.element; type instanceof TypeElement t; type = type.getEnclosingElement()) {
        for (Element member : elements.getAllMembers(t)) {
          if (member.getKind() == ElementKind.FIELD && member.getSimpleName().contentEquals(name)) {
            return asElement(member.asType()); // a field of X or of a class around it
          }
        }
      }
      return typeNames.resolve(receiver); // Type.m(..): a static method
    }
    if (receiver.getKind() == Tree.Kind.MEMBER_SELECT) {
      MemberSelectTree select = (MemberSelectTree) receiver;
      if (select.getIdentifier().contentEquals("this")) {
        return typeNames.resolve(select.getExpression()); // Outer.this.m(..)
      }
      TypeElement type = elements.getTypeElement(select.toString());
      return type; // a qualified type name, else unknown
    }
    return null;
  }

  private TypeElement asElement(TypeMirror type) {
    if (type == null || type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    Element element = types.asElement(type);
    return element instanceof TypeElement t ? t : null;
  }

  private List<ExecutableElement> methodsNamed(TypeElement type, String name) {
    List<ExecutableElement> found = new ArrayList<>();
    for (Element member : elements.getAllMembers(type)) {
      if (member.getKind() == ElementKind.METHOD && member.getSimpleName().contentEquals(name)) {
        found.add((ExecutableElement) member);
      }
    }
    return found;
  }
}
