package io.jasyncio.processor;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Turns one {@code @Async} method into the source of its state machine: scan the body, check it,
 * rewrite its names, and lower it until every local that crosses a state is hoisted.
 */
final class MethodTransformer {
  private final Trees trees;
  private final Types types;
  private final Elements elements;
  private final Diagnostics diagnostics;
  private final ClassInfo info;
  private final TypeElement async;

  MethodTransformer(
      Trees trees,
      Types types,
      Elements elements,
      Diagnostics diagnostics,
      ClassInfo info,
      TypeElement async) {
    this.trees = trees;
    this.types = types;
    this.elements = elements;
    this.diagnostics = diagnostics;
    this.info = info;
    this.async = async;
    this.typeNames = new TypeNames(elements, info);
  }

  /** What the checks for certain errors looked up in the class's bodies so far. */
  private final CertainTypes.Known known = new CertainTypes.Known();
  private final TypeNames typeNames;

  /** Set by the processor in its last round: an unknown type will not be generated any more. */
  boolean lastRound;

  /**
   * Thrown for a body that does not compile (it names something that does not exist, or has an
   * error {@link CertainErrors} is sure of): its method gets a stub, and javac says why on the
   * user's line.
   */
  static final class DoesNotCompile extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** What the processor found wrong, for the stub's message. */
    final String found;

    DoesNotCompile(String found) {
      super(null, null, false, false);
      this.found = found;
    }
  }

  /** The generated state machine of one method, ready to be written. */
  record MachineSource(
      ExecutableElement method,
      String className,
      String typeParameters,
      String typeArguments,
      String classTypeParameters,
      String classTypeArguments,
      String resultType,
      boolean isStatic,
      List<Machine.Field> fields,
      List<String> parameterNames,
      List<String> parameterTypes,
      String resumeBody,
      int[] lines,
      int methodLine,
      MachineNames names,
      java.util.Set<String> unportable,
      Map<String, List<ExecutableElement>> superBridges,
      Map<TypeElement, java.util.Set<String>> interfaceBridges,
      List<String> memberTypes,
      java.util.Map<Integer, String> stateMethods,
      boolean generator) {}

  MachineSource transform(ExecutableElement method, TreePath path, String className) {
    MethodTree tree = (MethodTree) path.getLeaf();
    if (tree.getBody() == null) {
      // "missing method body, or declare abstract": javac's error on the user's line.
      throw new DoesNotCompile("a method without a body");
    }
    SourceFile source = info.source;
    boolean isStatic = method.getModifiers().contains(javax.lang.model.element.Modifier.STATIC);
    AsyncNames names = new AsyncNames(source.unit, info.allMethodNames);
    BodyScan scan = new BodyScan(tree, source, names, Validation.isGenerator(method));
    scan.scan(path);
    List<BodyScan.Problem> problems = new ArrayList<>(scan.problems);
    MachineNames machineNames = new MachineNames(tree);
    BaseRewrites rewrites =
        new BaseRewrites(
            scan, info, isStatic, problems, trees, elements, types, async, machineNames.self, known);
    rewrites.run(new TreePath(path, tree.getBody()));
    if (!rewrites.unresolvedNames.isEmpty()
        || (!rewrites.unresolvedTypes.isEmpty() && lastRound)) {
      // The body does not compile: javac says why on the user's line; copying it would say it
      // again in generated code.
      java.util.Set<String> unknown = new java.util.LinkedHashSet<>(rewrites.unresolvedNames);
      unknown.addAll(rewrites.unresolvedTypes);
      throw new DoesNotCompile("unknown names: " + String.join(", ", unknown));
    }
    if (!rewrites.unresolvedTypes.isEmpty()) {
      throw new LocalTypes.Deferred(); // perhaps a type a later round generates
    }
    CertainErrors certainErrors =
        new CertainErrors(scan, info, typeNames, elements, types, method, known);
    String certain = certainErrors.in(tree.getBody());
    CertainTypes certainTypes = certainErrors.certainTypes(); // the lowering's too
    if (certain != null) {
      throw new DoesNotCompile(certain); // javac says it on the user's line
    }
    problems.addAll(
        new AwaitArguments(scan, info, typeNames, elements, types).check());
    if (!problems.isEmpty()) {
      for (BodyScan.Problem problem : problems) {
        diagnostics.errorContinue(problem.tree(), source.unit, problem.tag(), problem.message());
      }
      throw new Diagnostics.AbortElement();
    }
    Renderer renderer = new Renderer(source);
    LocalTypes localTypes =
        new LocalTypes(
            trees,
            types,
            source,
            scan.declarationPaths,
            typeTree -> {
              String whole = rewrites.rewrites.get(typeTree);
              if (whole == null) {
                whole = scan.renamedClass(typeTree);
              }
              return whole != null
                  ? whole
                  : renderer.render(
                      typeTree,
                      t -> {
                        String part = rewrites.rewrites.get(t);
                        return part != null ? part : scan.renamedClass(t);
                      });
            });
    localTypes.typeNames = typeNames;
    localTypes.scan = scan;
    Set<Tree> dynamicResources = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Tree> asyncResources = asyncResources(scan, localTypes, dynamicResources);
    assignUniqueNames(scan, machineNames, info);
    for (VariableTree binding : Patterns.recordBindingsInConditions(tree.getBody())) {
      LocalVar var = scan.declarations.get(binding);
      if (var != null) {
        var.hoisted = true; // see Patterns.recordBindingsInConditions
      }
    }

    Lowering lowering = null;
    Set<com.sun.source.tree.ClassTree> moved = Collections.newSetFromMap(new IdentityHashMap<>());
    int limit = scan.declarations.size() + scan.bodyClasses.size() + 2;
    java.util.Map<Integer, String> stateMethods = null;
    String resumeBody = null;
    boolean split = splitMode == Split.ALWAYS;
    if (split) {
      splitLargeBlocks(scan, path, source);
    }
    for (int pass = 0; pass < 2; pass++) {
    for (int round = 0; round <= limit; round++) {
      for (LocalVar var : scan.declarations.values()) {
        var.regionLevel = false;
      }
      lowering =
          new Lowering(
              scan,
              info,
              isStatic,
              rewrites,
              localTypes,
              asyncResources,
              dynamicResources,
              machineNames,
              moved);
      lowering.machineClassName = className;
      lowering.primitiveParameters =
          new PrimitiveParameters(elements, types, info, localTypes.typeNames, scan, localTypes);
      lowering.constants = new ConstantConditions(scan, localTypes, info, elements);
      lowering.chunk = split ? CHUNK : Integer.MAX_VALUE;
      lowering.certain = certainTypes;
      try {
        lowering.body(tree.getBody());
        // The moved classes are rendered in each round: what they capture must be hoisted too.
        lowering.renderMovedClasses();
      } catch (Lowering.UnsupportedConstruct e) {
        throw diagnostics.error(e.tree, source.unit, Tag.AsyncUnsupported, e.getMessage());
      } catch (LocalTypes.Unnamed e) {
        throw diagnostics.error(
            e.var.tree,
            source.unit,
            Tag.AsyncUnnamedType,
            "local '"
                + e.var.name
                + "' of type "
                + e.type
                + " is kept across an await, but a field of that type cannot be declared"
                + " (an anonymous, local, intersection or captured type); declare it with an"
                + " explicit type that can be named outside the method");
      }
      if (lowering.m.states.size() > Short.MAX_VALUE) {
        // $label is a short (Coro): it shares a word with the frame's inline depth.
        throw diagnostics.error(
            tree,
            source.unit,
            Tag.AsyncUnsupported,
            "method '"
                + tree.getName()
                + "' needs "
                + lowering.m.states.size()
                + " states, more than a state machine may have (32,767); split it into several"
                + " @Async methods");
      }
      boolean changed = !lowering.toHoist.isEmpty();
      for (LocalVar var : lowering.toHoist) {
        var.hoisted = true;
      }
      changed |= moved.addAll(lowering.toMove);
      changed |= moved.addAll(classesKeptAcrossAwaits(scan, localTypes, moved, lowering.standIns));
      if (!changed) {
        break;
      }
    }
    if (split) {
      stateMethods = new java.util.LinkedHashMap<>();
      resumeBody = lowering.m.resumeBody(source.fileName, stateMethods);
      break;
    }
    lowering.m.registers = registers(method, tree, scan, localTypes, lowering);
    resumeBody = lowering.m.resumeBody(source.fileName);
    if (splitMode == Split.NEVER || resumeBody.length() <= SPLIT_CHARACTERS) {
      break;
    }
    // Too large for one JVM method: lower again, a method per state, long runs of statements cut.
    split = true;
    splitLargeBlocks(scan, path, source);
    }
    List<String> memberTypes = lowering.movedClasses;

    List<Machine.Field> fields = new ArrayList<>();
    for (LocalVar var : hoistedInOrder(scan)) {
      try {
        Object constant = localTypes.constantValue(var);
        fields.add(
            new Machine.Field(
                localTypes.text(var),
                var.generatedName(),
                (constant == null ? "local '" : "constant '")
                    + var.name
                    + "' (line "
                    + source.line(var.tree)
                    + ")",
                constant == null ? null : LocalTypes.constantText(constant)));
      } catch (LocalTypes.Unnamed e) {
        throw diagnostics.error(
            var.tree,
            source.unit,
            Tag.AsyncUnnamedType,
            "local '"
                + var.name
                + "' of type "
                + e.type
                + " is kept across an await, but a field of that type cannot be declared; declare"
                + " it with an explicit type that can be named outside the method");
      }
    }
    fields.addAll(lowering.m.fields);

    List<String> parameterNames = new ArrayList<>();
    List<String> parameterTypes = new ArrayList<>();
    for (VariableTree parameter : tree.getParameters()) {
      parameterNames.add(scan.declarations.get(parameter).generatedName());
    }
    for (VariableElement parameter : method.getParameters()) {
      parameterTypes.add(typeText(parameter.asType(), parameter));
    }
    StringBuilder typeParameters = new StringBuilder();
    StringBuilder typeArguments = new StringBuilder();
    java.util.Set<String> methodTypeNames = new java.util.HashSet<>();
    for (TypeParameterTree parameter : tree.getTypeParameters()) {
      methodTypeNames.add(parameter.getName().toString());
    }
    // An instance method's machine is a static class: it declares X's type parameters itself,
    // renamed where a type parameter of the method hides one (the body only sees the method's).
    StringBuilder classTypeParameters = new StringBuilder();
    StringBuilder classTypeArguments = new StringBuilder();
    if (!isStatic) {
      Map<String, String> renamed = new java.util.LinkedHashMap<>();
      for (javax.lang.model.element.TypeParameterElement parameter :
          info.element.getTypeParameters()) {
        String name = parameter.getSimpleName().toString();
        renamed.put(name, methodTypeNames.contains(name) ? name + "$x" : name);
      }
      for (javax.lang.model.element.TypeParameterElement parameter :
          info.element.getTypeParameters()) {
        if (classTypeParameters.length() > 0) {
          classTypeParameters.append(", ");
          classTypeArguments.append(", ");
        }
        String name = renamed.get(parameter.getSimpleName().toString());
        StringBuilder bounds = new StringBuilder();
        for (TypeMirror bound : parameter.getBounds()) {
          if (!bound.toString().equals("java.lang.Object")) {
            bounds.append(bounds.length() == 0 ? " extends " : " & ").append(typeText(bound, null));
          }
        }
        String declaration = name + bounds;
        for (Map.Entry<String, String> rename : renamed.entrySet()) {
          if (!rename.getKey().equals(rename.getValue())) {
            declaration =
                declaration.replaceAll(
                    "\\b" + java.util.regex.Pattern.quote(rename.getKey()) + "\\b(?!\\$x)",
                    java.util.regex.Matcher.quoteReplacement(rename.getValue()));
          }
        }
        classTypeParameters.append(declaration);
        classTypeArguments.append(name);
      }
    }
    for (TypeParameterTree parameter : tree.getTypeParameters()) {
      if (typeParameters.length() > 0) {
        typeParameters.append(", ");
        typeArguments.append(", ");
      }
      typeParameters.append(lowering.render(parameter).text());
      typeArguments.append(parameter.getName());
    }
    return new MachineSource(
        method,
        className,
        typeParameters.toString(),
        typeArguments.toString(),
        classTypeParameters.toString(),
        classTypeArguments.toString(),
        resultType(method),
        isStatic,
        fields,
        parameterNames,
        parameterTypes,
        resumeBody,
        lowering.m.lines(),
        source.line(tree),
        machineNames,
        rewrites.unportable,
        rewrites.superBridges,
        rewrites.interfaceBridges,
        memberTypes,
        stateMethods,
        scan.generator);
  }

  /**
   * The parameters and kept locals {@code $resume} holds in locals of its own (see {@link
   * Machine#registers}): all but constants (final fields with a value) and what a local class
   * moved into the machine captures (read from the fields when an instance is made).
   */
  private List<Machine.Register> registers(
      ExecutableElement method,
      MethodTree tree,
      BodyScan scan,
      LocalTypes localTypes,
      Lowering lowering) {
    Set<LocalVar> captured = lowering.capturedByMovedClasses();
    Set<LocalVar> assigned = scan.assignedIn(tree.getBody());
    List<Machine.Register> registers = new ArrayList<>();
    List<? extends VariableElement> parameters = method.getParameters();
    for (int i = 0; i < parameters.size() && i < tree.getParameters().size(); i++) {
      LocalVar var = scan.declarations.get(tree.getParameters().get(i));
      if (var != null && !captured.contains(var)) {
        String type = typeText(parameters.get(i).asType(), parameters.get(i));
        // A parameter the body never assigns needs no store: its field already holds its value.
        registers.add(new Machine.Register(type, var.generatedName(), assigned.contains(var)));
      }
    }
    for (LocalVar var : hoistedInOrder(scan)) {
      try {
        if (!captured.contains(var) && localTypes.constantValue(var) == null) {
          registers.add(new Machine.Register(localTypes.text(var), var.generatedName(), true));
        }
      } catch (LocalTypes.Unnamed e) {
        return List.of(); // reported where the fields are declared
      }
    }
    return registers;
  }

  /** The locals kept in fields of the machine, in the order of their declarations. */
  private static List<LocalVar> hoistedInOrder(BodyScan scan) {
    List<LocalVar> hoisted = new ArrayList<>();
    for (LocalVar var : scan.declarations.values()) {
      if (var.hoisted) {
        hoisted.add(var);
      }
    }
    hoisted.sort((a, b) -> Integer.compare(scan.source.start(a.tree), scan.source.start(b.tree)));
    return hoisted;
  }

  /** When a machine is split into a method per state. */
  enum Split {
    /** When its resume method would be too large for the JVM (the default). */
    AUTO,
    ALWAYS,
    NEVER
  }

  /** Set from the processor option {@code jasyncio.split}. */
  Split splitMode = Split.AUTO;

  /**
   * A resume method longer than this (in characters of code) is split: well below the JVM's 64 KiB
   * of bytecode per method, since a field access costs several times a local's.
   */
  static final int SPLIT_CHARACTERS = 30_000;

  /** The characters of code a state of a split machine grows to before it is cut. */
  static final int CHUNK = 4_000;

  /**
   * Blocks too long for one state's method are lowered statement by statement (as if they held an
   * await), so that they can be cut; the bodies of lambdas and classes stay whole.
   */
  private static void splitLargeBlocks(BodyScan scan, TreePath methodPath, SourceFile source) {
    new com.sun.source.util.TreePathScanner<Void, Void>() {
      @Override
      public Void visitBlock(com.sun.source.tree.BlockTree block, Void unused) {
        if (!scan.isNested(block)
            && !(getCurrentPath().getParentPath().getLeaf() instanceof com.sun.source.tree.SynchronizedTree)
            && source.end(block) - source.start(block) > CHUNK) {
          scan.markLowered(getCurrentPath());
        }
        return super.visitBlock(block, unused);
      }

      @Override
      public Void visitSwitch(com.sun.source.tree.SwitchTree node, Void unused) {
        if (!scan.isNested(node) && source.end(node) - source.start(node) > CHUNK) {
          scan.markLowered(getCurrentPath());
        }
        return super.visitSwitch(node, unused);
      }

      @Override
      public Void visitLambdaExpression(com.sun.source.tree.LambdaExpressionTree node, Void u) {
        return null;
      }

      @Override
      public Void visitClass(com.sun.source.tree.ClassTree node, Void unused) {
        return null;
      }
    }.scan(new TreePath(methodPath, ((MethodTree) methodPath.getLeaf()).getBody()), null);
  }

  /**
   * Local classes of the body that must be members of the machine: the declared type of a kept
   * local names them, or a class already moved uses them (a member cannot see $resume's locals).
   */
  private static Set<com.sun.source.tree.ClassTree> classesKeptAcrossAwaits(
      BodyScan scan,
      LocalTypes localTypes,
      Set<com.sun.source.tree.ClassTree> moved,
      Set<LocalVar> standIns) {
    Set<com.sun.source.tree.ClassTree> found =
        Collections.newSetFromMap(new IdentityHashMap<>());
    for (LocalVar var : scan.declarations.values()) {
      // A stand-in's type is written where the local is out of scope, as a kept local's is.
      boolean written = var.hoisted || standIns.contains(var);
      if (written && var.typeTree == null) {
        try {
          localTypes.text(var); // a local class's name is noted as its type's
        } catch (LocalTypes.Unnamed | LocalTypes.Deferred reportedLater) {
          // reported when the field is declared
        }
        if (var.tree.getInitializer() instanceof com.sun.source.tree.NewClassTree create
            && create.getIdentifier() instanceof com.sun.source.tree.IdentifierTree id
            && scan.typeReferences.get(id) != null
            && scan.bodyClasses.contains(scan.typeReferences.get(id))) {
          found.add(scan.typeReferences.get(id)); // var x = new Local(..): typed by its name
        }
      }
      if (written && var.typeTree != null) {
        new com.sun.source.util.TreeScanner<Void, Void>() {
          @Override
          public Void visitIdentifier(com.sun.source.tree.IdentifierTree id, Void unused) {
            com.sun.source.tree.ClassTree type = scan.typeReferences.get(id);
            if (type != null && scan.bodyClasses.contains(type)) {
              found.add(type);
            }
            return null;
          }
        }.scan(var.typeTree, null);
      }
    }
    for (String name : localTypes.localClassesNamed()) {
      com.sun.source.tree.ClassTree type = scan.localClasses.get(name);
      if (type != null) {
        found.add(type);
      }
    }
    for (Map.Entry<com.sun.source.tree.IdentifierTree, com.sun.source.tree.ClassTree> reference :
        scan.typeReferences.entrySet()) {
      if (moved.contains(scan.nested.get(reference.getKey()))
          && scan.bodyClasses.contains(reference.getValue())) {
        found.add(reference.getValue());
      }
    }
    return found;
  }

  /** T of the method's {@code Coro<T>}: the machine extends {@code Coro<T>}. */
  private String resultType(ExecutableElement method) {
    TypeMirror returnType = method.getReturnType();
    if (returnType instanceof DeclaredType declared && !declared.getTypeArguments().isEmpty()) {
      TypeMirror argument = declared.getTypeArguments().get(0);
      if (argument instanceof WildcardType wildcard) {
        argument = wildcard.getExtendsBound() != null ? wildcard.getExtendsBound() : null;
      }
      if (argument != null && LocalTypes.nameable(argument)) {
        return TypeText.of(argument);
      }
    }
    return "java.lang.Object";
  }

  private String typeText(TypeMirror type, VariableElement parameter) {
    if (type.getKind() == TypeKind.ERROR) {
      throw new LocalTypes.Deferred();
    }
    return TypeText.of(type);
  }

  /**
   * Try-with-resources resources whose type is an io.jasyncio.AsyncContext. A resource whose type
   * cannot be known here (a field access such as {@code try (this.lock)}: the processor sees trees
   * before javac attributes them) goes into {@code dynamic}: its code tests the type at run time.
   */
  private Set<Tree> asyncResources(BodyScan scan, LocalTypes localTypes, Set<Tree> dynamic) {
    Set<Tree> async = Collections.newSetFromMap(new IdentityHashMap<>());
    TypeElement asyncContext = elements.getTypeElement("io.jasyncio.AsyncContext");
    if (asyncContext == null) {
      return async;
    }
    TypeMirror contextType = types.erasure(asyncContext.asType());
    for (TreePath tryPath : scan.resourceTries) {
      TryTree tryTree = (TryTree) tryPath.getLeaf();
      for (Tree resource : tryTree.getResources()) {
        TypeMirror type = null;
        LocalVar var =
            resource instanceof VariableTree variable
                ? scan.declarations.get(variable)
                : resource instanceof IdentifierTree id ? scan.references.get(id) : null;
        try {
          if (var != null) {
            // The declared type, resolved by name; javac's scope only for var and local classes.
            // (For "var r = new C(..)", and an unnamed "var _ = new C(..)" that no scope finds by
            // name: C.)
            Tree named = var.typeTree != null ? var.typeTree : createdClass(var.tree);
            TypeElement declared =
                named == null || scan.localClasses.containsKey(named.toString())
                    ? null
                    : localTypes.typeNames.resolve(named);
            type = declared != null ? declared.asType() : localTypes.mirror(var);
          }
        } catch (LocalTypes.Unnamed unknown) {
          type = null; // tested at run time instead
        }
        if (type != null && type.getKind() == TypeKind.ERROR) {
          throw new LocalTypes.Deferred();
        }
        if (type == null) {
          dynamic.add(resource);
          scan.markLowered(new TreePath(tryPath, resource));
        } else if (types.isAssignable(types.erasure(type), contextType)) {
          async.add(resource);
          scan.markLowered(new TreePath(tryPath, resource));
        }
      }
    }
    return async;
  }

  /** The class a variable's initializer creates ({@code new C(..)}, no class body), or null. */
  private static Tree createdClass(VariableTree variable) {
    Tree init = variable == null ? null : variable.getInitializer();
    while (init instanceof com.sun.source.tree.ParenthesizedTree parenthesized) {
      init = parenthesized.getExpression();
    }
    return init instanceof com.sun.source.tree.NewClassTree create
            && create.getClassBody() == null
            && !(create.getIdentifier() instanceof com.sun.source.tree.ParameterizedTypeTree)
        ? create.getIdentifier()
        : null;
  }

  /** Fields and constants of io.jasyncio.Coro that generated code uses by their simple names. */
  private static final java.util.Set<String> CORO_MEMBERS =
      java.util.Set.of(
          "$label", "$task", "$caller", "$SUSPEND", "$MAX_INLINE_DEPTH", "$LINES", "$SOURCE");

  /**
   * Gives every local of the body a name unique in the method, {@code x$1}, {@code x$2}, ..., that
   * no name the method mentions already is; a local named in case labels keeps its own where
   * {@link CaseLabelLocals} finds that safe.
   */
  private static void assignUniqueNames(BodyScan scan, MachineNames names, ClassInfo info) {
    List<LocalVar> locals = new ArrayList<>();
    for (LocalVar var : scan.declarations.values()) {
      if (var.kind == LocalVar.Kind.LOCAL) {
        locals.add(var);
      } else if (var.kind == LocalVar.Kind.PARAMETER && CORO_MEMBERS.contains(var.name)) {
        // A field named like a field of Coro would hide it from the machine's own code.
        String unique = var.name;
        for (int n = 1; names.isTaken(unique); n++) {
          unique = var.name + "$" + n;
        }
        names.reserve(unique);
        var.uniqueName = unique;
      }
    }
    locals.sort((a, b) -> Integer.compare(scan.source.start(a.tree), scan.source.start(b.tree)));
    Set<LocalVar> caseLabels = CaseLabelLocals.keepingTheirNames(scan, info);
    Map<String, Integer> counts = new HashMap<>();
    for (LocalVar var : locals) {
      if (caseLabels.contains(var)) {
        continue; // its name is taken already: the method mentions it
      }
      String unique;
      do {
        unique = var.name + "$" + counts.merge(var.name, 1, Integer::sum);
      } while (names.isTaken(unique));
      names.reserve(unique);
      var.uniqueName = unique;
    }
  }
}
