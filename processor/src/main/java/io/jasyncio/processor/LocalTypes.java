package io.jasyncio.processor;

import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.UnionType;
import javax.lang.model.util.Types;

/**
 * The declared types of locals, as source text the generated code can use: the text the user
 * wrote when there is one, else (for {@code var}, C-style arrays, multi-catch) the type javac
 * computed, taken from {@code Trees.getScope} once per declaration. Types no source can name are
 * refused; error types (from a processor that has not run yet) defer the class.
 */
final class LocalTypes {
  /** Thrown when a type is an error type: the class is retried in the next round. */
  static final class Deferred extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Deferred() {
      super(null, null, false, false);
    }
  }

  /** Types of var locals read from their initializers, for when javac cannot tell them. */
  private final Map<LocalVar, String> written = new IdentityHashMap<>();

  /** The type a var's initializer states: {@code new T(..)}, {@code (T) e}, a literal; or null. */
  private String writtenType(LocalVar var) {
    Tree init = var.typeTree == null ? var.tree.getInitializer() : null;
    while (init instanceof com.sun.source.tree.ParenthesizedTree parenthesized) {
      init = parenthesized.getExpression();
    }
    if (init instanceof com.sun.source.tree.NewClassTree create
        && create.getClassBody() == null
        && !(create.getIdentifier() instanceof com.sun.source.tree.ParameterizedTypeTree p
            && p.getTypeArguments().isEmpty())) {
      return typeText.apply(create.getIdentifier());
    }
    if (init instanceof com.sun.source.tree.TypeCastTree cast) {
      return typeText.apply(cast.getType());
    }
    if (init instanceof com.sun.source.tree.LiteralTree literal) {
      return switch (literal.getKind()) {
        case INT_LITERAL -> "int";
        case LONG_LITERAL -> "long";
        case FLOAT_LITERAL -> "float";
        case DOUBLE_LITERAL -> "double";
        case BOOLEAN_LITERAL -> "boolean";
        case CHAR_LITERAL -> "char";
        case STRING_LITERAL -> "String";
        default -> null;
      };
    }
    return null;
  }

  /** Thrown when a local's type cannot be written in source. */
  static final class Unnamed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final LocalVar var;
    final String type;

    Unnamed(LocalVar var, String type) {
      super(null, null, false, false);
      this.var = var;
      this.type = type;
    }
  }

  private final Trees trees;
  private final Types types;
  private final SourceFile source;
  private final Map<Tree, TreePath> paths;
  private final Map<LocalVar, String> cache = new IdentityHashMap<>();
  /** The text of a type as the user wrote it, with the names the generated file must qualify. */
  private final java.util.function.Function<Tree, String> typeText;
  /** Resolves type names as written, for what needs no attribution (a multi-catch's types). */
  TypeNames typeNames;

  LocalTypes(
      Trees trees,
      Types types,
      SourceFile source,
      Map<Tree, TreePath> paths,
      java.util.function.Function<Tree, String> typeText) {
    this.trees = trees;
    this.types = types;
    this.source = source;
    this.paths = paths;
    this.typeText = typeText;
  }

  /** The type of {@code var} as source text. */
  String text(LocalVar var) {
    String cached = cache.get(var);
    if (cached != null) {
      return cached;
    }
    String text;
    Tree typeTree = var.typeTree;
    if (typeTree != null
        && !var.unionCatch
        && source.start(typeTree) >= 0
        && source.end(typeTree) > source.start(typeTree)
        && !containsName(source.text(typeTree), var.name)) {
      // Without its type annotations, as every type the processor writes: an annotation type that
      // does not exist would otherwise be an error in the generated field, found before the
      // user's own (javac enters fields before it attributes bodies) and instead of it.
      text = TypeText.withoutAnnotations(typeText.apply(typeTree));
    } else if (var.unionCatch && unionLub(var) != null) {
      text = unionLub(var).toString();
    } else {
      try {
        text = fromMirror(var, mirror(var));
      } catch (Unnamed unknown) {
        text = written.get(var);
        if (text == null) {
          throw unknown;
        }
      }
    }
    cache.put(var, text);
    return text;
  }

  /**
   * The value of {@code var} if it is a constant variable ({@code final int K = 5;}), else null.
   * A constant kept in a field must stay a constant ({@code case K:} needs one), so its field is
   * declared final with the value.
   */
  Object constantValue(LocalVar var) {
    if (var.kind != LocalVar.Kind.LOCAL
        || !var.tree.getModifiers().getFlags().contains(javax.lang.model.element.Modifier.FINAL)
        || var.tree.getInitializer() == null) {
      return null;
    }
    try {
      mirror(var);
      return var.constant;
    } catch (Unnamed javacFailed) {
      return literalValue(var.tree.getInitializer()); // what can be read without javac
    }
  }

  /** The value of a literal initializer ({@code 5}, {@code -5}, {@code "s"}), else null. */
  private static Object literalValue(Tree tree) {
    if (tree instanceof com.sun.source.tree.LiteralTree literal) {
      return literal.getValue();
    }
    if (tree instanceof com.sun.source.tree.ParenthesizedTree parenthesized) {
      return literalValue(parenthesized.getExpression());
    }
    return null;
  }

  /** The constant value as Java source: a literal, or a constant expression for NaN and such. */
  static String constantText(Object value) {
    if (value instanceof String s) {
      StringBuilder out = new StringBuilder("\"");
      for (char c : s.toCharArray()) {
        out.append(charText(c, '"'));
      }
      return out.append('"').toString();
    }
    if (value instanceof Character c) {
      return "'" + charText(c, '\'') + "'";
    }
    if (value instanceof Long l) {
      return l + "L";
    }
    if (value instanceof Float f) {
      if (f.isNaN()) {
        return "(0.0f / 0.0f)";
      }
      if (f.isInfinite()) {
        return f > 0 ? "(1.0f / 0.0f)" : "(-1.0f / 0.0f)";
      }
      return Float.toString(f) + "f";
    }
    if (value instanceof Double d) {
      if (d.isNaN()) {
        return "(0.0d / 0.0d)";
      }
      if (d.isInfinite()) {
        return d > 0 ? "(1.0d / 0.0d)" : "(-1.0d / 0.0d)";
      }
      return Double.toString(d) + "d";
    }
    if (value instanceof Byte b) {
      return "(byte) " + b;
    }
    if (value instanceof Short s) {
      return "(short) " + s;
    }
    if (value instanceof Integer i && i == Integer.MIN_VALUE) {
      return "(-2147483647 - 1)";
    }
    return String.valueOf(value); // int, boolean
  }

  private static String charText(char c, char quote) {
    if (c == quote || c == '\\') {
      return "\\" + c;
    }
    if (c < 0x20 || c > 0x7e) {
      return String.format("\\u%04x", (int) c);
    }
    return String.valueOf(c);
  }

  /**
   * Scopes javac gave, by the tree they were asked at: each {@code getScope} attributes the method
   * up to that tree, so a body with many var locals would otherwise be attributed once per local.
   */
  private final Map<Tree, com.sun.source.tree.Scope> scopes = new IdentityHashMap<>();
  /** Locals javac could not type, with the answer given (asked again, it would attribute again). */
  private final Map<LocalVar, Unnamed> unnamed = new IdentityHashMap<>();

  private com.sun.source.tree.Scope scope(TreePath path) {
    com.sun.source.tree.Scope found = scopes.get(path.getLeaf());
    if (found == null) {
      found = trees.getScope(path);
      scopes.put(path.getLeaf(), found);
      noteInBlock(path, found);
    }
    return found;
  }

  /** javac's type of {@code var}, from the scope at its declaration. */
  TypeMirror mirror(LocalVar var) {
    if (var.mirror != null) {
      return var.mirror;
    }
    Unnamed failed = unnamed.get(var);
    if (failed != null) {
      throw failed;
    }
    try {
      return mirror0(var);
    } catch (Unnamed unknown) {
      unnamed.put(var, unknown);
      throw unknown;
    }
  }

  /** The scope taken furthest down each block so far, with the index of its statement. */
  private final Map<Tree, Map.Entry<Integer, com.sun.source.tree.Scope>> furthest = new IdentityHashMap<>();

  /**
   * A local declared by a statement of a block is in scope at every later statement of the block:
   * a scope already taken further down the block types it with no new attribution (javac
   * attributes the method up to the tree asked about, so asking at the last statement at once
   * would cost a short method more than it saves). Null when the local is declared elsewhere, no
   * such scope was taken yet, or it does not have the local.
   */
  private Element fromLaterInBlock(LocalVar var, TreePath path) {
    if (path == null
        || !(path.getParentPath().getLeaf() instanceof com.sun.source.tree.BlockTree block)) {
      return null;
    }
    int index = indexOf(block.getStatements(), var.tree);
    Map.Entry<Integer, com.sun.source.tree.Scope> later = furthest.get(block);
    if (index < 0 || later == null || later.getKey() < index) {
      return null;
    }
    for (Element element : later.getValue().getLocalElements()) {
      if (element.getSimpleName().contentEquals(var.name)
          && element.getKind() == ElementKind.LOCAL_VARIABLE) {
        return element;
      }
    }
    return null;
  }

  /** Notes a scope taken at {@code path}, a statement of a block, as that block's furthest. */
  private void noteInBlock(TreePath path, com.sun.source.tree.Scope scope) {
    if (path.getParentPath() != null
        && path.getParentPath().getLeaf() instanceof com.sun.source.tree.BlockTree block) {
      int index = indexOf(block.getStatements(), path.getLeaf());
      Map.Entry<Integer, com.sun.source.tree.Scope> later = furthest.get(block);
      if (index >= 0 && (later == null || later.getKey() < index)) {
        furthest.put(block, Map.entry(index, scope));
      }
    }
  }

  private static int indexOf(List<? extends Tree> statements, Tree statement) {
    for (int i = 0; i < statements.size(); i++) {
      if (statements.get(i) == statement) {
        return i;
      }
    }
    return -1;
  }

  private TypeMirror mirror0(LocalVar var) {
    TreePath path = paths.get(var.tree);
    Element later = fromLaterInBlock(var, path);
    if (later != null) {
      var.mirror = later.asType();
      var.constant = ((javax.lang.model.element.VariableElement) later).getConstantValue();
      return var.mirror;
    }
    if (var.binding && path != null) {
      // Where the binding is in force first: javac's scope at the pattern itself lacks it.
      TypeMirror binding = bindingSeenLater(var, path);
      if (binding != null) {
        var.mirror = binding;
        return binding;
      }
    }
    com.sun.source.tree.Scope found;
    try {
      found = path == null ? null : scope(path);
    } catch (RuntimeException | AssertionError javacFailed) {
      // javac attributes the method up to here to answer, and fails on some shapes. A var whose
      // initializer names its type (new T(..), a cast, a literal) can be typed without it.
      written.put(var, writtenType(var));
      throw new Unnamed(
          var,
          "<unknown: javac "
              + Runtime.version().feature()
              + " fails to attribute the code before it (an I.super.m() call does that on javac"
              + " 17)>");
    }
    if (path != null) {
      for (com.sun.source.tree.Scope scope = found;
          scope != null;
          scope = scope.getEnclosingScope()) {
        for (Element element : scope.getLocalElements()) {
          if (element.getSimpleName().contentEquals(var.name)
              && (element.getKind() == ElementKind.LOCAL_VARIABLE
                  || element.getKind() == ElementKind.PARAMETER
                  || element.getKind() == ElementKind.EXCEPTION_PARAMETER
                  || element.getKind() == ElementKind.RESOURCE_VARIABLE
                  || element.getKind() == ElementKind.BINDING_VARIABLE)) {
            var.mirror = element.asType();
            if (element instanceof javax.lang.model.element.VariableElement variable
                && element.getKind() == ElementKind.LOCAL_VARIABLE) {
              var.constant = variable.getConstantValue();
            }
            return var.mirror;
          }
        }
        if (scope.getEnclosingMethod() == null) {
          break;
        }
      }
    }
    written.put(var, var.name.isEmpty() || var.name.equals("_") ? unnamedType(var) : componentType(var));
    throw new Unnamed(var, "<unknown>");
  }

  /**
   * A pattern's binding as javac types it, from a scope where it is in force: javac's scope at the
   * binding itself does not have it, and a record pattern without type arguments ({@code case
   * Pair(var l, var r)} over a {@code Shape<String>}) gets them by inference from the matched
   * value, which only javac can do. Tried: the arm of a case, the branches of an if or a
   * conditional, the body of a loop, the right side of {@code &&} and {@code ||}.
   */
  private TypeMirror bindingSeenLater(LocalVar var, TreePath path) {
    for (TreePath at = path.getParentPath(); at != null; at = at.getParentPath()) {
      Tree leaf = at.getLeaf();
      if (leaf instanceof com.sun.source.tree.MethodTree
          || leaf instanceof com.sun.source.tree.ClassTree
          || leaf instanceof com.sun.source.tree.LambdaExpressionTree) {
        return null;
      }
      List<Tree> later = new java.util.ArrayList<>();
      if (leaf instanceof com.sun.source.tree.CaseTree c) {
        later.add(Patterns.guard(c));
        later.addAll(c.getStatements() == null ? List.of() : c.getStatements());
        later.add(c.getBody());
      } else if (leaf instanceof com.sun.source.tree.IfTree i) {
        later.add(i.getThenStatement());
        later.add(i.getElseStatement());
      } else if (leaf instanceof com.sun.source.tree.WhileLoopTree w) {
        later.add(w.getStatement());
      } else if (leaf instanceof com.sun.source.tree.ForLoopTree f) {
        later.add(f.getStatement());
      } else if (leaf instanceof com.sun.source.tree.ConditionalExpressionTree c) {
        later.add(c.getTrueExpression());
        later.add(c.getFalseExpression());
      } else if (leaf instanceof com.sun.source.tree.BinaryTree b
          && (b.getKind() == Tree.Kind.CONDITIONAL_AND || b.getKind() == Tree.Kind.CONDITIONAL_OR)) {
        later.add(b.getRightOperand());
      }
      for (Tree tree : later) {
        if (tree == null) {
          continue;
        }
        com.sun.source.tree.Scope scope;
        try {
          scope = scope(new TreePath(at, tree));
        } catch (RuntimeException | AssertionError javacFailed) {
          continue;
        }
        for (; scope != null; scope = scope.getEnclosingScope()) {
          for (Element element : scope.getLocalElements()) {
            if (element.getSimpleName().contentEquals(var.name)
                && element.getKind() == ElementKind.BINDING_VARIABLE) {
              return element.asType();
            }
          }
          if (scope.getEnclosingMethod() == null) {
            break;
          }
        }
      }
    }
    return null;
  }

  /**
   * The type to keep an unnamed variable ({@code _}, Java 22+) in: no scope lookup can find it by
   * name. Its written type, or its initializer's; a resource's is at least AutoCloseable, all the
   * machine needs of it (it only closes it).
   */
  private String unnamedType(LocalVar var) {
    String type = componentType(var);
    if (type == null) {
      type = writtenType(var);
    }
    TreePath path = paths.get(var.tree);
    if (type == null
        && path != null
        && path.getParentPath() != null
        && path.getParentPath().getLeaf() instanceof com.sun.source.tree.TryTree) {
      type = "java.lang.AutoCloseable";
    }
    return type;
  }

  /**
   * The type of {@code var x} inside a record pattern ({@code Pt(int a, var x)}): the type of that
   * record component, when it mentions no type variable of the record; else null.
   */
  private String componentType(LocalVar var) {
    TreePath path = paths.get(var.tree);
    if (path == null || typeNames == null) {
      return null;
    }
    TreePath bindingPath = path.getLeaf() == var.tree ? path.getParentPath() : path;
    if (bindingPath == null || bindingPath.getParentPath() == null) {
      return null;
    }
    Tree binding = bindingPath.getLeaf();
    Tree record = bindingPath.getParentPath().getLeaf();
    Tree deconstructor = Patterns.deconstructor(record);
    if (deconstructor == null) {
      return null;
    }
    int index = Patterns.nested(record).indexOf(binding);
    TypeElement type = typeNames.resolve(deconstructor);
    if (type == null || index < 0 || index >= type.getRecordComponents().size()) {
      return null;
    }
    TypeMirror component = type.getRecordComponents().get(index).asType();
    if (component.toString().contains("capture#")) {
      return null;
    }
    if (!mentionsTypeVariable(component)) {
      return component.toString();
    }
    Map<String, Argument> arguments = writtenArguments(deconstructor, type);
    return arguments == null ? null : substituted(component, arguments);
  }

  /**
   * A written type argument of a record pattern: a class, or a wildcard (captured: a {@code var}
   * gets the upward projection of its type, {@code text} being the captured variable's bound).
   */
  private record Argument(String text, boolean captured) {}

  /**
   * What each type variable of a generic record stands for in a pattern that writes its type
   * arguments ({@code Box<String>(var s)}, {@code Box<?>(var o)}): a written class, or for a
   * wildcard the type a {@code var} there gets (Java's upward projection of the captured type
   * argument: the wildcard's {@code extends} bound, else the variable's own bound). Null when a
   * type argument is not one of those plain forms, or when the pattern writes none (javac infers
   * them from the matched value's type, which is not known here).
   */
  private Map<String, Argument> writtenArguments(Tree deconstructor, TypeElement record) {
    if (!(deconstructor instanceof com.sun.source.tree.ParameterizedTypeTree parameterized)) {
      return null;
    }
    List<? extends Tree> written = parameterized.getTypeArguments();
    List<? extends javax.lang.model.element.TypeParameterElement> parameters =
        record.getTypeParameters();
    if (written.size() != parameters.size()) {
      return null;
    }
    Map<String, Argument> arguments = new java.util.HashMap<>();
    for (int i = 0; i < written.size(); i++) {
      Tree argument = written.get(i);
      String text;
      if (argument.getKind() == Tree.Kind.UNBOUNDED_WILDCARD
          || argument.getKind() == Tree.Kind.SUPER_WILDCARD) {
        List<? extends TypeMirror> bounds = parameters.get(i).getBounds();
        TypeMirror bound = bounds.size() == 1 ? bounds.get(0) : null;
        text = bound == null || mentionsTypeVariable(bound) ? null : bound.toString();
      } else {
        Tree named =
            argument.getKind() == Tree.Kind.EXTENDS_WILDCARD
                ? ((com.sun.source.tree.WildcardTree) argument).getBound()
                : argument;
        boolean meetOfBounds =
            argument.getKind() == Tree.Kind.EXTENDS_WILDCARD && !boundedByObject(parameters.get(i));
        TypeElement element =
            named instanceof com.sun.source.tree.ParameterizedTypeTree || meetOfBounds
                ? null // a generic class, or a projection that is the meet of two bounds
                : typeNames.resolve(named);
        text =
            element == null || !element.getTypeParameters().isEmpty()
                ? null
                : element.getQualifiedName().toString();
      }
      if (text == null) {
        return null;
      }
      boolean captured = argument.getKind() != Tree.Kind.PARAMETERIZED_TYPE
          && argument instanceof com.sun.source.tree.WildcardTree;
      arguments.put(parameters.get(i).getSimpleName().toString(), new Argument(text, captured));
    }
    return arguments;
  }

  private static boolean boundedByObject(javax.lang.model.element.TypeParameterElement parameter) {
    List<? extends TypeMirror> bounds = parameter.getBounds();
    return bounds.isEmpty()
        || bounds.size() == 1 && bounds.get(0).toString().equals("java.lang.Object");
  }

  /**
   * {@code type} with its type variables replaced, or null for a form this does not write. Where
   * a captured one occurs, Java's upward projection (JLS 4.10.5): itself becomes its bound, and a
   * type argument that mentions it becomes a wildcard ({@code Optional<Word<CAP>>} is {@code
   * Optional<? extends Word<? extends CharSequence>>} when CAP's bound is CharSequence).
   */
  private static String substituted(TypeMirror type, Map<String, Argument> arguments) {
    switch (type.getKind()) {
      case TYPEVAR:
        Argument argument = arguments.get(type.toString());
        return argument == null ? null : argument.text();
      case ARRAY:
        String component =
            substituted(((javax.lang.model.type.ArrayType) type).getComponentType(), arguments);
        return component == null ? null : component + "[]";
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        if (declared.getEnclosingType().getKind() == TypeKind.DECLARED
            && !((DeclaredType) declared.getEnclosingType()).getTypeArguments().isEmpty()) {
          return null; // an inner class of a generic class: not written here
        }
        String name =
            ((TypeElement) declared.asElement()).getQualifiedName().toString();
        if (declared.getTypeArguments().isEmpty()) {
          return name;
        }
        StringBuilder text = new StringBuilder(name).append('<');
        List<? extends javax.lang.model.element.TypeParameterElement> formals =
            ((TypeElement) declared.asElement()).getTypeParameters();
        for (int i = 0; i < declared.getTypeArguments().size(); i++) {
          TypeMirror typeArgument = declared.getTypeArguments().get(i);
          String one =
              mentionsCaptured(typeArgument, arguments)
                  ? projectedArgument(typeArgument, formals.get(i), arguments)
                  : substituted(typeArgument, arguments);
          if (one == null) {
            return null;
          }
          text.append(text.charAt(text.length() - 1) == '<' ? "" : ", ").append(one);
        }
        return text.append('>').toString();
      case WILDCARD:
        javax.lang.model.type.WildcardType wildcard = (javax.lang.model.type.WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          String bound = substituted(wildcard.getExtendsBound(), arguments);
          return bound == null ? null : "? extends " + bound;
        }
        if (wildcard.getSuperBound() != null) {
          String bound = substituted(wildcard.getSuperBound(), arguments);
          return bound == null ? null : "? super " + bound;
        }
        return "?";
      default:
        return type.getKind().isPrimitive() ? type.toString() : null;
    }
  }

  /**
   * A type argument that mentions a captured variable, projected upward: a wildcard, {@code ?
   * extends U} (U its projection) unless the parameter's own bound already says as much, as javac
   * writes it ({@code Word<CAP>} is {@code Word<?>} when Word's parameter is bounded by CAP's bound).
   */
  private static String projectedArgument(
      TypeMirror typeArgument,
      javax.lang.model.element.TypeParameterElement formal,
      Map<String, Argument> arguments) {
    if (typeArgument instanceof javax.lang.model.type.WildcardType wildcard) {
      if (wildcard.getExtendsBound() == null) {
        return "?"; // ? super CAP: no lower bound can be kept
      }
      typeArgument = wildcard.getExtendsBound();
    }
    String upper = substituted(typeArgument, arguments);
    if (upper == null) {
      return null;
    }
    List<? extends TypeMirror> bounds = formal.getBounds();
    boolean boundSaysIt =
        bounds.size() == 1 && !mentionsTypeVariable(bounds.get(0)) && bounds.get(0).toString().equals(upper);
    return upper.equals("java.lang.Object") || boundSaysIt ? "?" : "? extends " + upper;
  }

  private static boolean mentionsCaptured(TypeMirror type, Map<String, Argument> arguments) {
    switch (type.getKind()) {
      case TYPEVAR:
        Argument argument = arguments.get(type.toString());
        return argument != null && argument.captured();
      case ARRAY:
        return mentionsCaptured(((javax.lang.model.type.ArrayType) type).getComponentType(), arguments);
      case DECLARED:
        for (TypeMirror typeArgument : ((DeclaredType) type).getTypeArguments()) {
          if (mentionsCaptured(typeArgument, arguments)) {
            return true;
          }
        }
        return false;
      case WILDCARD:
        javax.lang.model.type.WildcardType wildcard = (javax.lang.model.type.WildcardType) type;
        return wildcard.getExtendsBound() != null && mentionsCaptured(wildcard.getExtendsBound(), arguments)
            || wildcard.getSuperBound() != null && mentionsCaptured(wildcard.getSuperBound(), arguments);
      default:
        return false;
    }
  }

  private static boolean mentionsTypeVariable(TypeMirror type) {
    if (type.getKind() == TypeKind.TYPEVAR) {
      return true;
    }
    if (type instanceof DeclaredType declared) {
      for (TypeMirror argument : declared.getTypeArguments()) {
        if (mentionsTypeVariable(argument)) {
          return true;
        }
      }
    }
    if (type instanceof javax.lang.model.type.ArrayType array) {
      return mentionsTypeVariable(array.getComponentType());
    }
    return false;
  }

  /** Simple names of local classes that kept locals declared with {@code var} have as types. */
  private final java.util.Set<String> localClassesNamed = new java.util.LinkedHashSet<>();

  java.util.Set<String> localClassesNamed() {
    return localClassesNamed;
  }

  /** The scan of the body: the local classes it renames in generated code. */
  BodyScan scan;

  private String fromMirror(LocalVar var, TypeMirror mirror) {
    if (mirror.getKind() == TypeKind.ERROR) {
      throw new Deferred();
    }
    if (mirror instanceof DeclaredType declared
        && declared.getTypeArguments().isEmpty()
        && ((TypeElement) declared.asElement()).getNestingKind() == NestingKind.LOCAL
        && !declared.asElement().getSimpleName().isEmpty()) {
      // A local class of the body: it moves into the machine, where its simple name is its name
      // (made unique if another class of the body has it: BodyScan.classNames).
      String name = declared.asElement().getSimpleName().toString();
      localClassesNamed.add(name);
      String unique = scan == null ? null : scan.renamedClassAt(name, var.tree);
      return unique != null ? unique : name;
    }
    if (mirror instanceof UnionType union) {
      mirror = lub(union.getAlternatives());
    }
    if (!nameable(mirror)) {
      throw new Unnamed(var, mirror.toString());
    }
    return TypeText.of(mirror);
  }

  /**
   * The type of a multi-catch parameter (the most specific common superclass of its alternatives),
   * from the alternatives' names; null if one cannot be resolved that way.
   */
  private TypeMirror unionLub(LocalVar var) {
    if (typeNames == null || !(var.typeTree instanceof com.sun.source.tree.UnionTypeTree union)) {
      return null;
    }
    List<TypeMirror> alternatives = new java.util.ArrayList<>();
    for (Tree alternative : union.getTypeAlternatives()) {
      TypeElement element = typeNames.resolve(alternative);
      if (element == null) {
        return null;
      }
      alternatives.add(types.erasure(element.asType()));
    }
    return lub(alternatives);
  }

  /** The most specific common superclass of the alternatives of a multi-catch. */
  private TypeMirror lub(List<? extends TypeMirror> alternatives) {
    TypeMirror candidate = alternatives.get(0);
    while (true) {
      boolean all = true;
      for (TypeMirror alternative : alternatives) {
        if (!types.isSubtype(alternative, candidate)) {
          all = false;
          break;
        }
      }
      if (all) {
        return candidate;
      }
      List<? extends TypeMirror> supers = types.directSupertypes(candidate);
      if (supers.isEmpty()) {
        return candidate;
      }
      candidate = supers.get(0);
    }
  }

  /** Whether a type can be written in source outside the method that declared it. */
  static boolean nameable(TypeMirror mirror) {
    switch (mirror.getKind()) {
      case INTERSECTION:
      case UNION:
      case ERROR:
      case NONE:
      case NULL:
        return false;
      case ARRAY:
        return nameable(((javax.lang.model.type.ArrayType) mirror).getComponentType());
      case DECLARED:
        {
          DeclaredType declared = (DeclaredType) mirror;
          TypeElement element = (TypeElement) declared.asElement();
          if (element.getNestingKind() == NestingKind.ANONYMOUS
              || element.getNestingKind() == NestingKind.LOCAL) {
            return false;
          }
          for (TypeMirror argument : declared.getTypeArguments()) {
            if (!nameable(argument)) {
              return false;
            }
          }
          return !mirror.toString().contains("capture#");
        }
      case WILDCARD:
        return !mirror.toString().contains("capture#");
      case TYPEVAR:
        return !mirror.toString().contains("capture#");
      default:
        return true;
    }
  }

  private static boolean containsName(String typeText, String name) {
    if (name.isEmpty() || name.equals("_")) {
      return false; // an unnamed variable (Java 22+) has no name to find
    }
    int i = typeText.indexOf(name);
    while (i >= 0) {
      boolean before = i == 0 || !Character.isJavaIdentifierPart(typeText.charAt(i - 1));
      int end = i + name.length();
      boolean after = end == typeText.length() || !Character.isJavaIdentifierPart(typeText.charAt(end));
      if (before && after) {
        return true;
      }
      i = typeText.indexOf(name, i + 1);
    }
    return false;
  }

  /** A default value of a type, for a dummy declaration that is never run. */
  static String defaultValue(String typeText) {
    switch (typeText) {
      case "boolean":
        return "false";
      case "char":
        return "'\\0'";
      case "byte":
      case "short":
      case "int":
      case "long":
      case "float":
      case "double":
        return "(" + typeText + ") 0";
      default:
        return "null";
    }
  }
}
