package io.jasyncio.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The rewrites that keep names meaning what they meant in X once the body runs in a state machine:
 * a static nested class of AsyncX, which extends Coro and holds X in {@code $self} (DESIGN §3.2).
 *
 * <ul>
 *   <li>{@code this} and {@code X.this} become {@code $self} (a bare {@code this} inside a nested
 *       class body keeps meaning that class's instance);
 *   <li>an instance member of X, named simply, is reached through {@code $self} ({@code $self.f},
 *       {@code $self.m(..)}, {@code $self.new Inner()}); a static field whose name could be taken
 *       by the machine's own fields is qualified by AsyncX;
 *   <li>a member of a class enclosing X is qualified by that class ({@code Outer.LIMIT}), and X's
 *       own simple name by its enclosing class: the generated file is top-level and imports
 *       nothing of them (an import from the unnamed package is not even legal);
 *   <li>{@code super.m(..)} of an {@code @Async} method runs that method's machine on {@code $self}
 *       ({@code AsyncBase.m$new($self, ..)}); of another method, goes through a bridge in AsyncX,
 *       refused if X declares {@code m}; {@code I.super.m(..)} likewise; {@code super.f} becomes a
 *       cast of {@code $self} to X's superclass;
 *   <li>{@code X.m(..)} of an {@code @Async} static method becomes {@code AsyncX.m(..)};
 *   <li>private members of X and of its enclosing classes are refused.
 * </ul>
 *
 * <p>A machine that needs AsyncX's own access (a bridge, or a protected member of a class in
 * another package) types {@code $self} as AsyncX and is not <em>portable</em>: AsyncSub cannot run
 * it on a Sub. The reasons are kept for the error a subclass then gets.
 */
final class BaseRewrites extends TreePathScanner<Void, Void> {
  final Map<Tree, String> rewrites = new IdentityHashMap<>();
  /** Text inserted before a tree ({@code $self.} before {@code new Inner()}). */
  final Map<Tree, String> prefixes = new IdentityHashMap<>();
  /**
   * {@code super.m(..)} calls of {@code @Async} methods: the factory of the superclass's machine,
   * called with {@code $self} before the arguments ({@code AsyncBase.m$new($self, ..)}).
   */
  final Map<MethodInvocationTree, String> superAsyncCalls = new IdentityHashMap<>();
  /** Why the machine cannot run on a subclass of X other than AsyncX; empty if it can. */
  final Set<String> unportable = new java.util.LinkedHashSet<>();
  /** {@code super.m} bridges AsyncX must declare: method name to the overloads to mirror. */
  final Map<String, List<ExecutableElement>> superBridges = new LinkedHashMap<>();
  /** {@code I.super.m} bridges: interface to method names. */
  final Map<TypeElement, Set<String>> interfaceBridges = new LinkedHashMap<>();

  private final BodyScan scan;
  private final ClassInfo info;
  private final boolean isStatic;
  private final List<BodyScan.Problem> problems;
  private final Trees trees;
  private final Elements elements;
  private final Types types;
  private final TypeElement async;
  private final TypeNames typeNames;
  private final Set<String> typeParameters = new HashSet<>();
  /** Nested class bodies we are in (innermost first), with their member names. */
  private final Deque<Members> nestedClasses = new ArrayDeque<>();
  private final Map<ClassTree, Members> membersCache = new IdentityHashMap<>();

  /**
   * The simple names a class body declares or inherits, by namespace; {@code complete} is false
   * when a supertype could not be resolved (then any name may be one of its members).
   */
  private record Members(
      Set<String> fields, Set<String> methods, Set<String> types, boolean[] complete) {}

  /**
   * Simple names the body uses that name nothing this class, its enclosing classes, its imports
   * or its package have: javac will say so on the user's line. Types may yet be generated by a
   * later round; anything else cannot.
   */
  final Set<String> unresolvedTypes = new java.util.LinkedHashSet<>();
  final Set<String> unresolvedNames = new java.util.LinkedHashSet<>();

  BaseRewrites(
      BodyScan scan,
      ClassInfo info,
      boolean isStatic,
      List<BodyScan.Problem> problems,
      Trees trees,
      Elements elements,
      Types types,
      TypeElement async,
      String self,
      CertainTypes.Known known) {
    this.self = self;
    this.known = known;
    this.scan = scan;
    this.info = info;
    this.isStatic = isStatic;
    this.problems = problems;
    this.trees = trees;
    this.elements = elements;
    this.types = types;
    this.async = async;
    this.typeNames = new TypeNames(elements, info);
    for (TypeParameterTree parameter : scan.method.getTypeParameters()) {
      typeParameters.add(parameter.getName().toString());
    }
    info.element.getTypeParameters().forEach(p -> typeParameters.add(p.getSimpleName().toString()));
  }

  void run(TreePath body) {
    scan(body, null);
  }

  /** How the machine names X's instance ({@code $self} unless the user took that name). */
  private final String self;

  /** Members of types, looked up once for all the class's bodies. */
  private final CertainTypes.Known known;

  // ---------------------------------------------------------------------------------------------
  // Nested class bodies: their own members hide X's.

  @Override
  public Void visitSwitch(com.sun.source.tree.SwitchTree tree, Void unused) {
    checkLabels(tree.getCases());
    return super.visitSwitch(tree, unused);
  }

  @Override
  public Void visitSwitchExpression(com.sun.source.tree.SwitchExpressionTree tree, Void unused) {
    checkLabels(tree.getCases());
    return super.visitSwitchExpression(tree, unused);
  }

  /** The same label twice in one switch does not compile (javac says so on the user's line). */
  private void checkLabels(List<? extends com.sun.source.tree.CaseTree> cases) {
    Set<String> seen = new HashSet<>();
    for (com.sun.source.tree.CaseTree c : cases) {
      for (Patterns.Label label : Patterns.labels(c)) {
        String key =
            switch (label.kind()) {
              case DEFAULT -> "default";
              case NULL -> "null";
              case CONSTANT -> "case " + label.tree().toString();
              case PATTERN -> null; // dominance is javac's to judge
            };
        if (key != null && !seen.add(key)) {
          unresolvedNames.add(key + " (twice)");
        }
      }
    }
  }

  /** A generic method of a nested class: its type parameters are types in its body. */
  @Override
  public Void visitMethod(MethodTree tree, Void unused) {
    List<String> added = new java.util.ArrayList<>();
    for (TypeParameterTree parameter : tree.getTypeParameters()) {
      if (typeParameters.add(parameter.getName().toString())) {
        added.add(parameter.getName().toString());
      }
    }
    super.visitMethod(tree, unused);
    typeParameters.removeAll(added);
    return null;
  }

  @Override
  public Void visitClass(ClassTree tree, Void unused) {
    nestedClasses.push(membersOf(tree));
    super.visitClass(tree, unused);
    nestedClasses.pop();
    return null;
  }

  private Members membersOf(ClassTree tree) {
    Members cached = membersCache.get(tree);
    if (cached != null) {
      return cached;
    }
    Members members =
        new Members(new HashSet<>(), new HashSet<>(), new HashSet<>(), new boolean[] {true});
    for (TypeParameterTree parameter : tree.getTypeParameters()) {
      members.types.add(parameter.getName().toString());
    }
    for (Tree member : tree.getMembers()) {
      if (member instanceof VariableTree v) {
        members.fields.add(v.getName().toString());
      } else if (member instanceof MethodTree m) {
        members.methods.add(m.getName().toString());
      } else if (member instanceof ClassTree c) {
        members.types.add(c.getSimpleName().toString());
      }
    }
    // Inherited members: those of the supertypes it names (an anonymous class, its one type).
    List<Tree> supertypes = new java.util.ArrayList<>();
    Tree parent = getCurrentPath().getParentPath().getLeaf();
    if (parent instanceof NewClassTree create && create.getClassBody() == tree) {
      supertypes.add(create.getIdentifier());
    } else {
      if (tree.getExtendsClause() != null) {
        supertypes.add(tree.getExtendsClause());
      }
      supertypes.addAll(tree.getImplementsClause());
    }
    for (Tree supertype : supertypes) {
      TypeElement element = typeNames.resolve(supertype);
      if (element == null) {
        members.complete[0] = false; // a local class of the body, or unknown
        continue;
      }
      for (Element member : elements.getAllMembers(element)) {
        String name = member.getSimpleName().toString();
        switch (member.getKind()) {
          case FIELD, ENUM_CONSTANT -> members.fields.add(name);
          case METHOD -> members.methods.add(name);
          case CLASS, INTERFACE, ENUM, RECORD, ANNOTATION_TYPE -> members.types.add(name);
          default -> {}
        }
      }
    }
    for (String name : List.of("toString", "hashCode", "equals", "getClass", "notify", "notifyAll", "wait", "clone", "finalize")) {
      members.methods.add(name);
    }
    membersCache.put(tree, members);
    return members;
  }

  private void checkResolved(TypeMirror type) {
    if (type.getKind() == TypeKind.ERROR) {
      throw new LocalTypes.Deferred();
    }
  }

  /** Whether every nested class we are in knows all its members' names. */
  private boolean nestedMembersKnown() {
    for (Members members : nestedClasses) {
      if (!members.complete[0]) {
        return false;
      }
    }
    return true;
  }

  private static final Set<ElementKind> FIELD_KINDS = Set.of(ElementKind.FIELD, ElementKind.ENUM_CONSTANT);
  private static final Set<ElementKind> METHOD_KINDS = Set.of(ElementKind.METHOD);

  /** Notes a name that resolves to nothing (see {@link #unresolvedNames}). */
  private void unresolved(IdentifierTree tree, String name, Kind kind) {
    if (!nestedMembersKnown() || inAnnotationOrCaseLabel()) {
      return;
    }
    switch (kind) {
      case VARIABLE -> {
        if (!typeNames.importedStatic(name, FIELD_KINDS)) {
          unresolvedNames.add(name);
        }
      }
      case METHOD -> {
        if (!typeNames.importedStatic(name, METHOD_KINDS)) {
          unresolvedNames.add(name);
        }
      }
      case TYPE -> {
        if (!typeNames.resolvesType(name)) {
          unresolvedTypes.add(name);
        }
      }
      case AMBIGUOUS -> {} // perhaps a package
    }
  }

  /** Enum constants in case labels and names in annotations are not looked up by scope. */
  private boolean inAnnotationOrCaseLabel() {
    for (TreePath p = getCurrentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf.getKind() == Tree.Kind.ANNOTATION || leaf.getKind() == Tree.Kind.TYPE_ANNOTATION) {
        return true;
      }
      Tree parent = p.getParentPath() == null ? null : p.getParentPath().getLeaf();
      if (parent instanceof com.sun.source.tree.CaseTree c && c.getExpressions().contains(leaf)) {
        return true;
      }
      if (parent != null && parent.getKind().name().equals("CONSTANT_CASE_LABEL")) {
        return true;
      }
      if (leaf instanceof com.sun.source.tree.StatementTree || leaf == scan.method) {
        return false;
      }
    }
    return false;
  }

  private boolean hiddenByNested(String name, Kind kind) {
    for (Members members : nestedClasses) {
      Set<String> names =
          switch (kind) {
            case VARIABLE -> members.fields;
            case METHOD -> members.methods;
            case TYPE -> members.types;
            case AMBIGUOUS -> null;
          };
      if (names == null
          ? members.fields.contains(name) || members.types.contains(name)
          : names.contains(name)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Simple names.

  /** Where an identifier stands, which decides the namespace Java looks it up in. */
  private enum Kind {
    VARIABLE,
    METHOD,
    TYPE,
    /** A qualifier ({@code a.b}): a variable, else a type, else a package. */
    AMBIGUOUS
  }

  @Override
  public Void visitIdentifier(IdentifierTree tree, Void unused) {
    String name = tree.getName().toString();
    if (name.equals("this")) {
      if (!isStatic && nestedClasses.isEmpty()) {
        rewrites.put(tree, self);
      }
      return null;
    }
    if (name.equals("super") || scan.references.containsKey(tree)) {
      return null;
    }
    Kind kind = kindOf(tree);
    if (hiddenByNested(name, kind)) {
      return null;
    }
    switch (kind) {
      case METHOD -> method(tree, name);
      case VARIABLE -> variable(tree, name, false);
      case AMBIGUOUS -> {
        if (!variable(tree, name, true)) {
          type(tree, name);
          if (!isKnownType(tree, name) && !packagePrefix() && nestedMembersKnown()
              && !inAnnotationOrCaseLabel()) {
            unresolvedTypes.add(name); // a variable nobody declared, or a type still to come
          }
        }
      }
      case TYPE -> type(tree, name);
    }
    return null;
  }

  private void method(IdentifierTree tree, String name) {
    if (info.privateMethods.contains(name) && !info.visibleMethods.contains(name)) {
      problems.add(privateAccess(tree, "method", name));
      return;
    }
    if (info.allMethodNames.contains(name) && nestedMembersKnown() && !anyArityFits(info.element, name)) {
      unresolvedNames.add(name); // no method of that name takes that many arguments
    }
    if (info.instanceMethods.contains(name)) {
      if (!isStatic) {
        rewrites.put(tree, self + "." + name);
        privileged(name);
      }
    } else if (info.allMethodNames.contains(name) && info.element.getKind() == ElementKind.INTERFACE) {
      rewrites.put(tree, info.nestedName + "." + name); // AsyncI does not inherit I's static methods
    } else if (info.allMethodNames.contains(name) && ClassInfo.collidesWithMachineNames(name)) {
      rewrites.put(tree, info.generatedName + "." + name);
    } else if (!info.allMethodNames.contains(name) && info.enclosingInstanceMethods.contains(name)) {
      // (in a static method only a static overload can be meant: Outer.m(..) then)
      rewrites.put(tree, (isStatic ? info.enclosingQualifier : enclosing()) + "." + name);
    } else if (!info.allMethodNames.contains(name) && info.outerMethods.containsKey(name)) {
      rewrites.put(tree, info.outerMethods.get(name) + "." + name);
    } else if (!info.allMethodNames.contains(name) && info.enclosingPrivateNames.contains(name)) {
      problems.add(enclosingPrivate(tree, name));
    } else if (!info.allMethodNames.contains(name)) {
      unresolved(tree, name, Kind.METHOD);
    }
  }

  /** Rewrites a field name; returns whether the name is a variable. */
  private boolean variable(IdentifierTree tree, String name, boolean qualifier) {
    if (info.privateFields.contains(name)) {
      problems.add(privateAccess(tree, "field", name));
      return true;
    }
    if (info.instanceFields.contains(name)) {
      if (!isStatic) {
        rewrites.put(tree, self + "." + name);
        privileged(name);
      }
      return true;
    }
    if (info.fieldTypes.containsKey(name)) {
      if (ClassInfo.collidesWithMachineNames(name)) {
        rewrites.put(tree, info.generatedName + "." + name);
      }
      return true;
    }
    if (info.enclosingInstanceFields.contains(name)) {
      rewrites.put(tree, (isStatic ? info.enclosingQualifier : enclosing()) + "." + name);
      return true;
    }
    if (info.outerFields.containsKey(name)) {
      rewrites.put(tree, info.outerFields.get(name) + "." + name);
      return true;
    }
    if (!qualifier && info.enclosingPrivateNames.contains(name)) {
      problems.add(enclosingPrivate(tree, name));
      return true;
    }
    if (!qualifier) {
      unresolved(tree, name, Kind.VARIABLE);
    }
    return false;
  }

  private void type(IdentifierTree tree, String name) {
    if (typeParameters.contains(name)
        || scan.localClasses.containsKey(name)
        || scan.typeReferences.containsKey(tree)) {
      return;
    }
    if (info.privateTypes.contains(name)) {
      problems.add(privateAccess(tree, "class", name));
    } else if (!info.memberTypes.contains(name) && info.outerTypes.containsKey(name)) {
      rewrites.put(tree, info.outerTypes.get(name) + "." + name);
    } else if (!info.memberTypes.contains(name) && info.enclosingPrivateNames.contains(name)) {
      problems.add(enclosingPrivate(tree, name));
    } else if (!info.memberTypes.contains(name)
        && !info.outerTypes.containsKey(name)
        && kindOf((IdentifierTree) tree) == Kind.TYPE) {
      unresolved(tree, name, Kind.TYPE);
    }
  }

  /** Whether a simple name names a type here (a type parameter, local class, member or import). */
  private boolean isKnownType(IdentifierTree tree, String name) {
    return typeParameters.contains(name)
        || scan.localClasses.containsKey(name)
        || scan.typeReferences.containsKey(tree)
        || info.memberTypes.contains(name)
        || info.outerTypes.containsKey(name)
        || hiddenByNested(name, Kind.TYPE)
        || typeNames.resolvesType(name);
  }

  /**
   * Whether the qualified name this identifier starts ({@code java.util.List}) begins with a
   * package or a type: the identifier is then the first part of a package name.
   */
  private boolean packagePrefix() {
    StringBuilder name = new StringBuilder(((IdentifierTree) getCurrentPath().getLeaf()).getName());
    if (getCurrentPath().getParentPath().getLeaf() instanceof MemberSelectTree
        && elements.getPackageElement(name) != null) {
      return true; // a package of one segment: q.AsyncB, a class generated in this round perhaps
    }
    for (TreePath p = getCurrentPath().getParentPath();
        p != null && p.getLeaf() instanceof MemberSelectTree select;
        p = p.getParentPath()) {
      name.append('.').append(select.getIdentifier());
      String prefix = name.toString();
      if (elements.getPackageElement(prefix) != null || elements.getTypeElement(prefix) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code this.f} or {@code Type.f}: a member X (or that type) does not have is javac's error on
   * the user's line, so the body is not copied.
   */
  private void checkSelectedMember(MemberSelectTree tree, String name, boolean isCall) {
    if (!nestedClasses.isEmpty() || name.equals("class") || name.equals("this") || name.equals("super")) {
      return;
    }
    ExpressionTree qualifier = tree.getExpression();
    TypeElement owner = null;
    boolean staticOnly = false;
    if (qualifier instanceof IdentifierTree id && id.getName().contentEquals("this") && !isStatic) {
      owner = info.element;
    } else if (qualifier instanceof IdentifierTree id && scan.references.containsKey(id)) {
      LocalVar var = scan.references.get(id); // a variable whose declared type names its class
      if (var.kind != LocalVar.Kind.SHADOW
          && var.typeTree != null
          && !(var.typeTree instanceof com.sun.source.tree.PrimitiveTypeTree)
          && !(var.typeTree instanceof com.sun.source.tree.ArrayTypeTree)
          && !scan.localClasses.containsKey(var.typeTree.toString())
          && !typeParameters.contains(var.typeTree.toString())) {
        owner = typeNames.resolve(var.typeTree);
      }
    } else if (qualifier instanceof IdentifierTree id
        && !info.isFieldName(id.getName().toString())
        && !typeParameters.contains(id.getName().toString())
        && !scan.localClasses.containsKey(id.getName().toString())) {
      owner = typeNames.resolve(id);
      staticOnly = true;
    } else if (qualifier instanceof MemberSelectTree
        && elements.getPackageElement(qualifier.toString()) != null) {
      // pkg.Type: the type must exist in that package
      if (elements.getTypeElement(qualifier + "." + name) == null
          && elements.getPackageElement(qualifier + "." + name) == null) {
        unresolvedNames.add(qualifier + "." + name);
      }
      return;
    }
    if (owner == null) {
      return;
    }
    boolean found = false;
    for (Element member : known.members(owner, elements)) {
      if (!member.getSimpleName().contentEquals(name)) {
        continue;
      }
      if (isCall) {
        if (member instanceof javax.lang.model.element.ExecutableElement method
            && arityFits(method, getCurrentPath().getParentPath().getLeaf())) {
          found = true;
        }
      } else if (member.getKind() != ElementKind.METHOD && member.getKind() != ElementKind.CONSTRUCTOR) {
        found = true;
      }
    }
    if (!found && !(staticOnly && isCall && owner.getKind() == ElementKind.ANNOTATION_TYPE)) {
      unresolvedNames.add(name);
    }
  }

  /** Whether some method {@code name} of {@code owner} takes as many arguments as this call. */
  private boolean anyArityFits(TypeElement owner, String name) {
    Tree call = getCurrentPath().getParentPath().getLeaf();
    for (javax.lang.model.element.ExecutableElement method :
        ElementFilter.methodsIn(known.members(owner, elements))) {
      if (method.getSimpleName().contentEquals(name) && arityFits(method, call)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a call's argument count fits a method's parameters (varargs included). */
  private static boolean arityFits(javax.lang.model.element.ExecutableElement method, Tree call) {
    if (!(call instanceof MethodInvocationTree invocation)) {
      return true;
    }
    int arguments = invocation.getArguments().size();
    int parameters = method.getParameters().size();
    return method.isVarArgs() ? arguments >= parameters - 1 : arguments == parameters;
  }

  /** A protected member of a class in another package: only AsyncX may touch it. */
  private void privileged(String name) {
    if (info.privilegedNames.contains(name)) {
      unportable.add(
          "uses '" + name + "', a protected member inherited from a class of another package");
    }
  }

  private Kind kindOf(IdentifierTree tree) {
    TreePath parentPath = getCurrentPath().getParentPath();
    Tree parent = parentPath.getLeaf();
    if (parent instanceof MethodInvocationTree call && call.getMethodSelect() == tree) {
      return Kind.METHOD;
    }
    if (parent instanceof MemberSelectTree select && select.getExpression() == tree) {
      return Kind.AMBIGUOUS;
    }
    if (parent instanceof MemberReferenceTree reference && reference.getQualifierExpression() == tree) {
      return Kind.AMBIGUOUS;
    }
    if (parent instanceof NewClassTree create && create.getIdentifier() == tree) {
      return Kind.TYPE;
    }
    if (parent instanceof VariableTree variable && variable.getType() == tree) {
      return Kind.TYPE;
    }
    if (parent instanceof com.sun.source.tree.InstanceOfTree test) {
      return test.getExpression() == tree ? Kind.VARIABLE : Kind.TYPE;
    }
    if (parent instanceof com.sun.source.tree.TypeCastTree cast) {
      return cast.getType() == tree ? Kind.TYPE : Kind.VARIABLE;
    }
    if (parent instanceof com.sun.source.tree.NewArrayTree create && create.getType() == tree) {
      return Kind.TYPE;
    }
    if (parent instanceof MethodTree method
        && (method.getReturnType() == tree || method.getThrows().contains(tree))) {
      return Kind.TYPE;
    }
    if (parent instanceof ClassTree declared
        && (declared.getExtendsClause() == tree || declared.getImplementsClause().contains(tree))) {
      return Kind.TYPE;
    }
    if (parent instanceof MethodInvocationTree call && call.getTypeArguments().contains(tree)) {
      return Kind.TYPE;
    }
    return switch (parent.getKind()) {
      case PARAMETERIZED_TYPE, ANNOTATED_TYPE, ARRAY_TYPE, UNION_TYPE, INTERSECTION_TYPE,
          TYPE_PARAMETER, ANNOTATION, TYPE_ANNOTATION, EXTENDS_WILDCARD, SUPER_WILDCARD -> Kind.TYPE;
      default -> parent.getKind().name().equals("DECONSTRUCTION_PATTERN") ? Kind.TYPE : Kind.VARIABLE;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Qualified names, super, X.this.

  @Override
  public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
    String name = tree.getIdentifier().toString();
    ExpressionTree qualifier = tree.getExpression();
    if (name.equals("this") && namesX(qualifier)) {
      rewrites.put(tree, self);
      return null;
    }
    if (name.equals("this") && namesEnclosing(qualifier) && !isStatic) {
      rewrites.put(tree, enclosing()); // Outer.this of an inner X
      return null;
    }
    boolean isCall = isMethodName(tree);
    if (isSuper(qualifier) && nestedClasses.isEmpty()) {
      if (isCall) {
        superCall(tree, name);
      } else {
        superField(tree, name);
      }
      return null;
    }
    if (qualifier instanceof MemberSelectTree outer
        && outer.getIdentifier().contentEquals("super")
        && isCall
        && nestedClasses.isEmpty()) {
      interfaceSuperCall(tree, outer.getExpression(), name);
      return null;
    }
    if (isCall && namesX(qualifier) && info.asyncStaticMethods.contains(name)) {
      rewrites.put(tree, info.generatedName + "." + name);
      return null;
    }
    checkSelectedMember(tree, name, isCall);
    if (isSelf(qualifier)) {
      boolean privateMember =
          isCall
              ? info.privateMethods.contains(name) && !info.nonPrivateMethods.contains(name)
              : info.privateFields.contains(name);
      if (privateMember) {
        problems.add(privateAccess(tree, isCall ? "method" : "field", name));
      } else if (!namesX(qualifier)) {
        privileged(name);
      }
    }
    return super.visitMemberSelect(tree, unused);
  }

  private static boolean isSuper(ExpressionTree e) {
    return e instanceof IdentifierTree id && id.getName().contentEquals("super");
  }

  /** {@code super.m(..)}: the superclass's method run on {@code $self}. */
  private void superCall(MemberSelectTree tree, String name) {
    MethodInvocationTree call = (MethodInvocationTree) getCurrentPath().getParentPath().getLeaf();
    TypeMirror superclass = info.element.getSuperclass();
    TypeElement superElement = (TypeElement) types.asElement(superclass);
    ExecutableElement asyncMethod = null;
    java.util.List<ExecutableElement> overloads = new java.util.ArrayList<>();
    if (superElement != null) {
      for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(superElement))) {
        if (m.getSimpleName().contentEquals(name) && !m.getModifiers().contains(Modifier.PRIVATE)) {
          overloads.add(m);
          if (isAsync(m) && !m.getModifiers().contains(Modifier.STATIC)) {
            asyncMethod = m;
          }
        }
      }
    }
    if (asyncMethod != null) {
      // An @Async method: its machine, run on this object, is exactly the non-virtual call.
      superAsyncCalls.put(call, machineFactory(asyncMethod));
      return;
    }
    if (info.declaredMethods.contains(name)) {
      problems.add(
          new BodyScan.Problem(
              tree,
              Tag.AsyncSuperCall,
              "super."
                  + name
                  + "() in an @Async body, but "
                  + info.simpleName
                  + " declares "
                  + name
                  + " itself; from the generated class super."
                  + name
                  + "() would reach "
                  + info.simpleName
                  + "."
                  + name
                  + ", not its superclass's; call super."
                  + name
                  + "() from a non-@Async helper method of "
                  + info.simpleName));
      return;
    }
    superBridges.put(name, overloads);
    rewrites.put(tree, self + ".$super$" + name);
    unportable.add("calls super." + name + "(), which only AsyncX itself can do");
  }

  /** {@code AsyncOwner.m$new}: the factory of an inherited {@code @Async} method's machine. */
  private String machineFactory(ExecutableElement method) {
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    String generated =
        elements.getPackageOf(owner).equals(elements.getPackageOf(info.element))
            ? AsyncNames.generatedSimpleName(owner)
            : AsyncNames.generatedQualifiedName(owner, elements);
    return generated + "." + method.getSimpleName() + "$new";
  }

  /** {@code super.f}: X's superclass's field, through a cast that hides X's own. */
  private void superField(MemberSelectTree tree, String name) {
    TypeMirror superclass = info.element.getSuperclass();
    if (info.privilegedNames.contains(name)) {
      if (info.fieldTypes.containsKey(name) && declaresField(info.element, name)) {
        problems.add(
            new BodyScan.Problem(
                tree,
                Tag.AsyncSuperCall,
                "super."
                    + name
                    + " in an @Async body names a protected field of a class in another package"
                    + " that "
                    + info.simpleName
                    + " hides with its own; the generated class cannot reach it; read it in a"
                    + " non-@Async helper method of "
                    + info.simpleName));
        return;
      }
      rewrites.put(tree, self + "." + name);
      privileged(name);
      return;
    }
    rewrites.put(tree, "((" + types.erasure(superclass) + ") " + self + ")." + name);
  }

  private static boolean declaresField(TypeElement type, String name) {
    for (Element member : type.getEnclosedElements()) {
      if (member.getKind() == ElementKind.FIELD && member.getSimpleName().contentEquals(name)) {
        return true;
      }
    }
    return false;
  }

  /** {@code I.super.m(..)}: a default method of a direct superinterface, through a bridge. */
  private void interfaceSuperCall(MemberSelectTree tree, ExpressionTree interfaceName, String name) {
    if (namesEnclosing(interfaceName)) {
      // Outer.super.m() of an inner X: the superclass's m on Outer.this, which only Outer can call
      problems.add(
          new BodyScan.Problem(
              tree,
              Tag.AsyncSuperCall,
              interfaceName
                  + ".super."
                  + name
                  + "() in an @Async body calls the superclass's "
                  + name
                  + "() on the enclosing "
                  + interfaceName
                  + ", which only "
                  + interfaceName
                  + "'s own code can do; call it from a non-@Async helper method of "
                  + interfaceName));
      return;
    }
    String simple =
        interfaceName instanceof MemberSelectTree s
            ? s.getIdentifier().toString()
            : interfaceName.toString();
    TypeElement found = null;
    for (TypeMirror candidate : info.element.getInterfaces()) {
      TypeElement element = (TypeElement) types.asElement(candidate);
      if (element != null && element.getSimpleName().contentEquals(simple)) {
        found = element;
      }
    }
    if (found != null) {
      for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(found))) {
        if (m.getSimpleName().contentEquals(name)
            && isAsync(m)
            && !m.getModifiers().contains(Modifier.STATIC)
            && !m.getModifiers().contains(Modifier.ABSTRACT)) {
          // An @Async default method: its machine, run on this object, as super.m() of a class's.
          MethodInvocationTree call = (MethodInvocationTree) getCurrentPath().getParentPath().getLeaf();
          superAsyncCalls.put(call, machineFactory(m));
          return;
        }
      }
    }
    if (found == null || info.declaredMethods.contains(name)) {
      problems.add(
          new BodyScan.Problem(
              tree,
              Tag.AsyncSuperCall,
              simple
                  + ".super."
                  + name
                  + "() in an @Async body "
                  + (found == null
                      ? "names an interface " + info.simpleName + " does not implement directly"
                      : "but " + info.simpleName + " declares " + name + " itself")
                  + "; the generated class cannot make this call; call it from a non-@Async"
                  + " helper method of "
                  + info.simpleName));
      return;
    }
    interfaceBridges.computeIfAbsent(found, k -> new java.util.LinkedHashSet<>()).add(name);
    rewrites.put(tree, self + ".$super$" + simple + "$" + name);
    unportable.add("calls " + simple + ".super." + name + "(), which only AsyncX itself can do");
  }

  @Override
  public Void visitNewClass(NewClassTree tree, Void unused) {
    if (tree.getEnclosingExpression() == null && !isStatic) {
      Tree type = tree.getIdentifier();
      if (type instanceof ParameterizedTypeTree parameterized) {
        type = parameterized.getType();
      }
      if (type instanceof IdentifierTree id) {
        String name = id.getName().toString();
        if (info.innerMemberClasses.contains(name)
            && !hiddenByNested(name, Kind.TYPE)
            && !scan.localClasses.containsKey(name)) {
          prefixes.put(tree, self + ".");
        } else if (info.enclosingInnerClasses.contains(name)
            && !info.memberTypes.contains(name)
            && !hiddenByNested(name, Kind.TYPE)
            && !scan.localClasses.containsKey(name)) {
          prefixes.put(tree, enclosing() + "."); // an inner class of Outer, made on Outer.this
          super.visitNewClass(tree, unused);
          rewrites.remove(id); // outer.new Ticket(), never outer.new Server.Ticket()
          return null;
        }
      }
    }
    return super.visitNewClass(tree, unused);
  }

  @Override
  public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
    ExpressionTree qualifier = tree.getQualifierExpression();
    if (isSuper(qualifier) && nestedClasses.isEmpty()) {
      problems.add(
          new BodyScan.Problem(
              tree,
              Tag.AsyncSuperCall,
              "super::"
                  + tree.getName()
                  + " in an @Async body cannot be made from the generated class; write a lambda"
                  + " that calls super."
                  + tree.getName()
                  + "(..) instead"));
      return null;
    }
    if (tree.getName().contentEquals("new") && qualifier instanceof IdentifierTree id
        && (info.innerMemberClasses.contains(id.getName().toString())
            || info.enclosingInnerClasses.contains(id.getName().toString())
                && !info.memberTypes.contains(id.getName().toString()))
        && !hiddenByNested(id.getName().toString(), Kind.TYPE)
        && !isStatic) {
      problems.add(
          new BodyScan.Problem(
              tree,
              Tag.AsyncUnsupported,
              id.getName()
                  + "::new creates an inner class of "
                  + (info.innerMemberClasses.contains(id.getName().toString())
                      ? info.simpleName
                      : info.enclosingInstance.getSimpleName())
                  + ", which needs an enclosing instance the generated code names differently;"
                  + " write a lambda: (..) -> new "
                  + id.getName()
                  + "(..)"));
      return null;
    }
    return super.visitMemberReference(tree, unused);
  }

  private boolean isAsync(ExecutableElement method) {
    return async != null
        && method.getAnnotationMirrors().stream()
            .anyMatch(a -> a.getAnnotationType().asElement().equals(async));
  }

  private BodyScan.Problem privateAccess(Tree tree, String what, String name) {
    return new BodyScan.Problem(
        tree,
        Tag.AsyncPrivateAccess,
        "@Async body uses private "
            + what
            + " '"
            + name
            + "' of "
            + info.simpleName
            + "; generated code cannot reach it; "
            + (info.element.getKind() == ElementKind.INTERFACE
                ? "make it a default or static method"
                : "make it package-private"));
  }

  private BodyScan.Problem enclosingPrivate(Tree tree, String name) {
    // A record's component field is private and stays so: its accessor is the way in.
    boolean component =
        info.enclosingInstance != null
            && info.enclosingInstance.getKind() == ElementKind.RECORD
            && info.enclosingInstance.getRecordComponents().stream()
                .anyMatch(c -> c.getSimpleName().contentEquals(name));
    return new BodyScan.Problem(
        tree,
        Tag.AsyncPrivateAccess,
        "@Async body uses private member '"
            + name
            + "' of a class enclosing "
            + info.simpleName
            + "; generated code cannot reach it; "
            + (component
                ? "call its accessor " + name + "() instead"
                : "make it package-private"));
  }

  private boolean isMethodName(Tree tree) {
    Tree parent = getCurrentPath().getParentPath().getLeaf();
    return parent instanceof MethodInvocationTree call && call.getMethodSelect() == tree;
  }

  /**
   * {@code $self.$enclosing}: the enclosing instance of an inner X, which only AsyncX holds (its
   * machine then runs on AsyncX's instances only).
   */
  private String enclosing() {
    unportable.add(
        "uses the enclosing instance of "
            + info.enclosingInstance.getSimpleName()
            + ", which only AsyncX holds");
    return self + "." + ClassInfo.ENCLOSING;
  }

  /** Whether {@code e} names the class of an inner X's enclosing instance ({@code Outer}). */
  private boolean namesEnclosing(ExpressionTree e) {
    if (info.enclosingInstance == null) {
      return false;
    }
    String text = e.toString();
    return text.equals(info.enclosingInstance.getSimpleName().toString())
        || text.equals(info.enclosingQualifier)
        || text.equals(info.enclosingInstance.getQualifiedName().toString());
  }

  /** Whether {@code e} is {@code X} (simple, nested or qualified name). */
  private boolean namesX(ExpressionTree e) {
    String text = e.toString();
    return text.equals(info.simpleName)
        || text.equals(info.nestedName)
        || text.equals(info.qualifiedName());
  }

  /** Whether {@code e} is {@code this} or {@code X.this}, or names X (for static members). */
  private boolean isSelf(ExpressionTree e) {
    String text = e.toString();
    return (text.equals("this") && nestedClasses.isEmpty())
        || text.equals(info.simpleName + ".this")
        || namesX(e);
  }

  /** The type of X as declared ({@code X<T>}), for the machine's {@code $self}. */
  static String selfType(TypeElement element) {
    DeclaredType type = (DeclaredType) element.asType();
    return type.toString();
  }
}
