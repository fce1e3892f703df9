package io.jasyncio.processor;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import java.util.ArrayList;
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
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The static types of an {@code @Async} body's expressions that are certain before javac
 * attributes the body (see {@link CertainErrors}): literals, locals declared with their type
 * (generic ones with plain type arguments too), fields of the class, {@code new C()} of a class
 * without type parameters, string concatenation, comparisons, arithmetic on primitives, and calls
 * whose every candidate returns the same plain type. Anything else is unknown (null), never
 * guessed.
 */
final class CertainTypes {
  /**
   * What the checks of one class's bodies look up again and again, kept for all of them: the
   * members of a type ({@code Elements.getAllMembers} builds them anew on each call) and the types
   * names written in the bodies resolve to.
   */
  static final class Known {
    private final Map<TypeElement, List<Element>> members = new HashMap<>();
    private final Map<TypeElement, Map<String, List<ExecutableElement>>> methods = new HashMap<>();
    private final Map<TypeElement, Set<String>> fields = new HashMap<>();
    private final Map<String, Optional<TypeMirror>> declared = new HashMap<>();

    /** The members of {@code type}, inherited ones too; an interface's include Object's. */
    List<Element> members(TypeElement type, Elements elements) {
      return members.computeIfAbsent(
          type,
          t -> {
            List<Element> all = new ArrayList<>(elements.getAllMembers(t));
            if (t.getKind().isInterface()) {
              all.addAll(elements.getAllMembers(elements.getTypeElement("java.lang.Object")));
            }
            return all;
          });
    }
  }

  private final BodyScan scan;
  private final ClassInfo info;
  private final TypeNames typeNames;
  private final Elements elements;
  private final Types types;
  private final Known known;
  /** Type variables of the method and of the classes around it: they hide types of that name. */
  private final Set<String> typeVariables = new HashSet<>();
  /** The type of each expression asked about (operands are asked again by their parents). */
  private final Map<ExpressionTree, Optional<TypeMirror>> typed = new IdentityHashMap<>();
  final TypeMirror string;

  CertainTypes(
      BodyScan scan,
      ClassInfo info,
      TypeNames typeNames,
      Elements elements,
      Types types,
      ExecutableElement method,
      Known known) {
    this.scan = scan;
    this.info = info;
    this.typeNames = typeNames;
    this.elements = elements;
    this.types = types;
    this.known = known;
    for (TypeParameterElement parameter : method.getTypeParameters()) {
      typeVariables.add(parameter.getSimpleName().toString());
    }
    for (Element type = info.element; type instanceof TypeElement t; type = type.getEnclosingElement()) {
      for (TypeParameterElement parameter : t.getTypeParameters()) {
        typeVariables.add(parameter.getSimpleName().toString());
      }
    }
    this.string = elements.getTypeElement("java.lang.String").asType();
  }

  /** The static type of {@code expression}, when it is certain; null otherwise. */
  TypeMirror typeOf(ExpressionTree expression) {
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
        if (concatenation) {
          return string;
        }
        return left != null && right != null && numeric(left) && numeric(right) ? promoted(left, right) : null;
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
      case MEMBER_SELECT: {
        // this.f: a field of the class, as f is
        MemberSelectTree select = (MemberSelectTree) expression;
        if (select.getExpression() instanceof IdentifierTree receiver
            && receiver.getName().contentEquals("this")) {
          TypeMirror field = info.fieldTypes.get(select.getIdentifier().toString());
          return field != null && plain(field) ? field : null;
        }
        return null;
      }
      case TYPE_CAST:
        // (short) x is a short whatever x is (if x cannot be one, that is an error of its own)
        return declared(((com.sun.source.tree.TypeCastTree) expression).getType());
      case NEW_CLASS: {
        NewClassTree create = (NewClassTree) expression;
        if (create.getClassBody() != null || create.getEnclosingExpression() != null) {
          return null;
        }
        TypeMirror created = declared(create.getIdentifier());
        return created != null && created.getKind() == TypeKind.DECLARED ? created : null;
      }
      case METHOD_INVOCATION: {
        MethodInvocationTree invocation = (MethodInvocationTree) expression;
        return scan.names.isAwait(invocation) ? awaitedValue(invocation) : call(invocation);
      }
      default:
        return null;
    }
  }

  /**
   * The value of {@code await(m(..))} when {@code m} is certainly one method that returns a {@code
   * Coro<T>}, {@code Task<T>} or {@code Future<T>} of a plain {@code T}, or of its own type
   * parameter given explicitly ({@code this.<Integer>m(x)}): that T.
   */
  private TypeMirror awaitedValue(MethodInvocationTree await) {
    if (await.getArguments().size() != 1
        || !(await.getArguments().get(0) instanceof MethodInvocationTree call)
        || scan.names.isAwait(call)) {
      return null;
    }
    List<ExecutableElement> candidates = candidatesWithThis(call);
    if (candidates == null || candidates.size() != 1) {
      return null;
    }
    ExecutableElement method = candidates.get(0);
    TypeMirror result = asMember(receiverOf(call), method).getReturnType();
    if (!(result instanceof DeclaredType declared) || declared.getTypeArguments().size() != 1) {
      return null;
    }
    String awaitable = ((TypeElement) declared.asElement()).getQualifiedName().toString();
    if (!awaitable.equals("io.jasyncio.Coro")
        && !awaitable.equals("io.jasyncio.Task")
        && !awaitable.equals("io.jasyncio.Future")) {
      return null;
    }
    TypeMirror value = declared.getTypeArguments().get(0);
    if (value.getKind() == TypeKind.TYPEVAR) {
      // only the method's own parameter, and only when the call names it: inference is javac's
      int index = method.getTypeParameters().indexOf(types.asElement(value));
      if (index < 0 || call.getTypeArguments().size() != method.getTypeParameters().size()) {
        return null;
      }
      value = declared(call.getTypeArguments().get(index));
      if (value == null) {
        return null;
      }
    }
    return plain(value) && value.getKind() == TypeKind.DECLARED ? value : null;
  }

  /**
   * The methods a call may mean, whatever its type arguments: as {@link
   * #candidates(MethodInvocationTree, boolean)}, and for {@code this.m(..)} this class's (the
   * checks that ask are not run in the body of a class declared in the method, where {@code this}
   * would be another object).
   */
  private List<ExecutableElement> candidatesWithThis(MethodInvocationTree call) {
    if (call.getMethodSelect() instanceof MemberSelectTree select
        && select.getExpression() instanceof IdentifierTree receiver
        && receiver.getName().contentEquals("this")) {
      return methodsOf(info.element).getOrDefault(select.getIdentifier().toString(), List.of());
    }
    return candidates(call, true);
  }

  /**
   * What a call certainly gives when it is not awaited ({@code int x = m();} for {@code int x =
   * await(m());}): every method it may mean returns an awaitable of one kind (a {@code Coro},
   * {@code Task}, {@code AsyncGenerator}, jasyncio or java.util.concurrent {@code Future}, {@code
   * CompletableFuture}, {@code CompletionStage}), whatever its type arguments: that type; null
   * otherwise.
   */
  private static final Set<String> AWAITABLES =
      Set.of(
          "io.jasyncio.Coro",
          "io.jasyncio.Task",
          "io.jasyncio.AsyncGenerator",
          "io.jasyncio.Future",
          "java.util.concurrent.Future",
          "java.util.concurrent.CompletableFuture",
          "java.util.concurrent.CompletionStage");

  TypeMirror unawaited(ExpressionTree expression) {
    while (expression instanceof com.sun.source.tree.ParenthesizedTree parenthesized) {
      expression = parenthesized.getExpression();
    }
    if (expression instanceof com.sun.source.tree.ConditionalExpressionTree conditional) {
      // c ? m() : 1 is of a type above the awaitable's: no number, boolean or string either
      TypeMirror inTrue = unawaited(conditional.getTrueExpression());
      return inTrue != null ? inTrue : unawaited(conditional.getFalseExpression());
    }
    if (!(expression instanceof MethodInvocationTree call) || scan.names.isAwait(call)) {
      return null;
    }
    List<ExecutableElement> candidates =
        call.getMethodSelect() instanceof IdentifierTree id
            ? everyMethodNamed(id.getName().toString())
            : candidatesWithThis(call);
    if (candidates == null || candidates.isEmpty()) {
      return null;
    }
    TypeMirror found = null;
    for (ExecutableElement method : candidates) {
      TypeMirror result = method.getReturnType();
      if (!(result instanceof DeclaredType declared)) {
        return null;
      }
      String name = ((TypeElement) declared.asElement()).getQualifiedName().toString();
      if (!AWAITABLES.contains(name)
          || found != null && !types.isSameType(types.erasure(found), types.erasure(result))) {
        return null;
      }
      found = result;
    }
    return found;
  }

  /**
   * Every method a call by simple name could mean, wherever Java may find it: the class's own
   * and inherited methods, those of the classes around it, and the static imports (single and
   * on demand) of its file. Java picks among a subset of these; empty when none is found.
   */
  private List<ExecutableElement> everyMethodNamed(String name) {
    List<ExecutableElement> found = new ArrayList<>();
    for (Element type = info.element; type instanceof TypeElement t; type = type.getEnclosingElement()) {
      found.addAll(methodsOf(t).getOrDefault(name, List.of()));
    }
    for (com.sun.source.tree.ImportTree imp : info.source.unit.getImports()) {
      if (!imp.isStatic() || !(imp.getQualifiedIdentifier() instanceof MemberSelectTree imported)) {
        continue;
      }
      String member = imported.getIdentifier().toString();
      if (!member.equals("*") && !member.equals(name)) {
        continue;
      }
      TypeElement owner = elements.getTypeElement(imported.getExpression().toString());
      if (owner == null) {
        return List.of(); // an import not resolved: what it brings is not known
      }
      for (ExecutableElement method : methodsOf(owner).getOrDefault(name, List.of())) {
        if (method.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)) {
          found.add(method);
        }
      }
    }
    return found;
  }

  /**
   * The enum type whose constants an array certainly holds: {@code E.values()} of an enum E, a
   * local declared {@code E[]}, or a field of type {@code E[]}; null otherwise. Asked only about a
   * switch's selector {@code a[i]} (its labels are E's constants): {@link #typeOf} knows no arrays.
   */
  TypeMirror enumElementsOf(ExpressionTree array) {
    while (array instanceof ParenthesizedTree parenthesized) {
      array = parenthesized.getExpression();
    }
    TypeMirror element = null;
    if (array instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && call.getTypeArguments().isEmpty()
        && call.getMethodSelect() instanceof MemberSelectTree select
        && select.getIdentifier().contentEquals("values")
        && (!(select.getExpression() instanceof IdentifierTree owner) || namesATypeOrPackage(owner))) {
      element = declared(select.getExpression());
    } else if (array instanceof IdentifierTree id) {
      LocalVar var = scan.references.get(id);
      if (var != null) {
        element =
            var.kind != LocalVar.Kind.SHADOW && var.typeTree instanceof com.sun.source.tree.ArrayTypeTree arrayType
                ? declared(arrayType.getType())
                : null;
      } else if (info.fieldTypes.get(id.getName().toString()) instanceof javax.lang.model.type.ArrayType field) {
        element = field.getComponentType();
      }
    }
    return element instanceof DeclaredType declaredType
            && declaredType.asElement().getKind() == javax.lang.model.element.ElementKind.ENUM
        ? element
        : null;
  }

  /** The var locals whose initializers are being typed (one that reads itself is no loop). */
  private final java.util.Set<LocalVar> typing = new java.util.HashSet<>();

  TypeMirror identifier(IdentifierTree id) {
    LocalVar var = scan.references.get(id);
    if (var != null) {
      if (var.kind == LocalVar.Kind.SHADOW || var.unionCatch) {
        return null;
      }
      if (var.typeTree == null) {
        // var x = e: the type of e, when it is certain (a local's own type, never its null).
        ExpressionTree init = var.tree == null ? null : var.tree.getInitializer();
        if (init == null || var.binding || !typing.add(var)) {
          return null; // (var x = x + 1: javac's error, not a loop here)
        }
        try {
          TypeMirror type = typeOf(init);
          return type != null && type.getKind() == TypeKind.DECLARED ? type : null;
        } finally {
          typing.remove(var);
        }
      }
      return var.typeTree instanceof com.sun.source.tree.ParameterizedTypeTree generic
          ? parameterized(generic)
          : declared(var.typeTree);
    }
    TypeMirror field = info.fieldTypes.get(id.getName().toString());
    if (field == null) {
      field = info.outerFieldTypes.get(id.getName().toString()); // a static field of a class around
    }
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
  List<ExecutableElement> candidates(MethodInvocationTree call) {
    return candidates(call, false);
  }

  /**
   * As {@link #candidates(MethodInvocationTree)}; with {@code typeArguments}, also for a call
   * with explicit type arguments (for what holds whatever they are: the class of the result).
   */
  List<ExecutableElement> candidates(MethodInvocationTree call, boolean typeArguments) {
    if (!typeArguments && !call.getTypeArguments().isEmpty()) {
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
          Map<String, List<ExecutableElement>> byName = new HashMap<>();
          for (ExecutableElement method : ElementFilter.methodsIn(known.members(type, elements))) {
            byName.computeIfAbsent(method.getSimpleName().toString(), n -> new ArrayList<>()).add(method);
          }
          return byName;
        });
  }

  /** The names of the fields of {@code owner}, inherited ones too. */
  Set<String> fieldsOf(TypeElement owner) {
    return known.fields.computeIfAbsent(
        owner,
        type -> {
          Set<String> names = new HashSet<>();
          for (Element member : known.members(type, elements)) {
            if (member.getKind().isField()) {
              names.add(member.getSimpleName().toString());
            }
          }
          return names;
        });
  }

  /** A type written in the body, when it names a plain type certainly. */
  TypeMirror declared(Tree type) {
    if (type instanceof PrimitiveTypeTree primitive) {
      TypeKind kind = primitive.getPrimitiveTypeKind();
      return kind.isPrimitive() ? types.getPrimitiveType(kind) : null;
    }
    if (!(type instanceof IdentifierTree) && !(type instanceof MemberSelectTree)) {
      return null; // arrays, generic types, unions: not needed to be certain
    }
    if (!resolvable(type)) {
      return null;
    }
    return known.declared
        .computeIfAbsent(type.toString(), written -> Optional.ofNullable(plainType(element(type))))
        .orElse(null);
  }

  /**
   * Whether a type name written in the body can be resolved as the class resolves it: not when
   * its first name is a type variable or a local class of the body (they hide the class's names).
   */
  private boolean resolvable(Tree type) {
    String written = type.toString();
    String first = written.contains(".") ? written.substring(0, written.indexOf('.')) : written;
    return !typeVariables.contains(first) && !scan.localClasses.containsKey(first);
  }

  /**
   * Whether a value of {@code type} cannot be awaited, certainly: a primitive or void, or a class
   * type none of whose values is a Coro, Future, Awaitable or CompletionStage (the types the
   * machine's await takes).
   */
  boolean certainlyNotAwaitable(TypeMirror type) {
    if (type.getKind().isPrimitive() || type.getKind() == TypeKind.VOID) {
      return true;
    }
    if (type.getKind() != TypeKind.DECLARED && type.getKind() != TypeKind.ARRAY) {
      return false; // a type variable, null, an error type...
    }
    TypeMirror erased = types.erasure(type);
    for (String awaitable :
        new String[] {
          "io.jasyncio.Coro", "io.jasyncio.Future", "io.jasyncio.Awaitable",
          "java.util.concurrent.CompletionStage"
        }) {
      TypeElement element = elements.getTypeElement(awaitable);
      if (element == null || types.isAssignable(erased, types.erasure(element.asType()))) {
        return false;
      }
    }
    return true;
  }

  /** Whether a simple name names a type of the class's world (imported, member, package). */
  boolean namesATypeOutsideTheBody(IdentifierTree name) {
    try {
      return typeNames.resolve(name) != null;
    } catch (RuntimeException unknown) {
      return true;
    }
  }

  /** Whether a simple name may name a type here (one that resolves, or one not known). */
  boolean namesAType(IdentifierTree name) {
    return !resolvable(name) // a type variable or a local class
        || namesATypeOutsideTheBody(name);
  }

  private TypeElement element(Tree type) {
    try {
      return typeNames.resolve(type);
    } catch (RuntimeException unknown) {
      return null;
    }
  }

  private static TypeMirror plainType(TypeElement element) {
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
    if (!resolvable(raw)) {
      return null;
    }
    TypeElement element = element(raw);
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
  javax.lang.model.type.ExecutableType asMember(DeclaredType receiver, ExecutableElement method) {
    return (javax.lang.model.type.ExecutableType)
        (receiver == null ? method.asType() : types.asMemberOf(receiver, method));
  }

  /** The type of what a call is made on ({@code x} of {@code x.m()}), when it is a known class. */
  DeclaredType receiverOf(MethodInvocationTree call) {
    if (!(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return null;
    }
    ExpressionTree receiver = select.getExpression();
    TypeMirror type;
    if (receiver instanceof IdentifierTree id && namesATypeOrPackage(id)) {
      type = declared(id); // Type.m(..)
    } else {
      type = typeOf(receiver); // a value: a local, a literal, a concatenation, a call..
    }
    return type != null && type.getKind() == TypeKind.DECLARED ? (DeclaredType) type : null;
  }

  /** A name that is neither a local, a field, {@code this} nor {@code super}: a type or a package. */
  boolean namesATypeOrPackage(IdentifierTree id) {
    return scan.references.get(id) == null
        && !id.getName().contentEquals("this")
        && !id.getName().contentEquals("super")
        && !info.isFieldName(id.getName().toString());
  }

  /** A primitive, void, or a class or interface without type arguments or type parameters. */
  static boolean plain(TypeMirror type) {
    if (type.getKind().isPrimitive() || type.getKind() == TypeKind.VOID) {
      return true;
    }
    return type.getKind() == TypeKind.DECLARED
        && ((DeclaredType) type).getTypeArguments().isEmpty()
        && ((TypeElement) ((DeclaredType) type).asElement()).getTypeParameters().isEmpty();
  }

  boolean isBoxed(TypeMirror type) {
    try {
      return type.getKind() == TypeKind.DECLARED && types.unboxedType(type) != null;
    } catch (IllegalArgumentException notABox) {
      return false;
    }
  }

  boolean isBox(TypeMirror type, TypeKind kind) {
    return isBoxed(type) && types.unboxedType(type).getKind() == kind;
  }
  /** A primitive number (not a box: its operations could also throw, which is not a type). */
  static boolean numeric(TypeMirror type) {
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
}
