package io.jasyncio.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreeScanner;
import io.jasyncio.processor.Machine.Finalizer;
import io.jasyncio.processor.Machine.Region;
import io.jasyncio.processor.Machine.State;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Lowers the statements of an {@code @Async} body into the states of a {@link Machine}. A
 * statement without an await point is copied as it is (with its names rewritten); one with an
 * await point is taken apart: loops and branches become jumps between states, a try becomes a
 * region of the try-table, {@code finally} and resource exits become finalizers entered with a
 * pending completion. Expressions are left to {@link ExpressionLowering}.
 *
 * <p>Locals declared directly in lowered code get fresh names; one that is used in a state other
 * than the one that declares it is reported in {@link #toHoist}, and the caller lowers again with
 * it kept in a field, until nothing new needs hoisting.
 */
final class Lowering {
  final BodyScan scan;
  final SourceFile source;
  final Renderer renderer;
  final ClassInfo info;
  final boolean isStatic;
  final Map<Tree, String> fixed;
  /** Text that goes before a tree wherever it is rendered ({@code $self.} before a new). */
  final Map<Tree, String> prefixes;
  /** {@code super.m(..)} of an {@code @Async} method: the factory to call with $self. */
  final Map<com.sun.source.tree.MethodInvocationTree, String> superAsyncCalls;
  final LocalTypes types;
  final Set<Tree> asyncResources;
  /** Resources of a type unknown here: AsyncContext or plain, decided when the code runs. */
  final Set<Tree> dynamicResources;
  final MachineNames names;
  final Machine m;
  final ExpressionLowering expressions;
  /** Which call arguments javac unboxes as it evaluates them; set by the transformer. */
  PrimitiveParameters primitiveParameters;
  /** Which conditions javac takes for constants (a conditional's arm it drops). */
  ConstantConditions constants;

  /** Locals found used outside the state that declares them: hoist them and lower again. */
  final Set<LocalVar> toHoist = new LinkedHashSet<>();
  /**
   * Locals a witness declared as stand-ins (out of scope where it is): their types are written
   * there, so a local class one names must be a member of the machine, as for a kept local.
   */
  final Set<LocalVar> standIns = new LinkedHashSet<>();

  private final Map<LocalVar, State> declaredIn = new IdentityHashMap<>();
  private final Map<Tree, Target> targets = new IdentityHashMap<>();
  private final List<Finalizer> finalizers = new ArrayList<>();
  final Map<Tree, YieldSink> yields = new IdentityHashMap<>();
  private int witnessDepth;
  /** The code a witness restates: locals declared inside it keep their own names there. */
  private final java.util.ArrayDeque<Tree> witnessRoots = new java.util.ArrayDeque<>();
  /** Dummies declared by the witnesses being rendered: nested witnesses see them already. */
  private final Set<LocalVar> dummiesInScope = new LinkedHashSet<>();
  /** How many of the witnesses being rendered are lambdas. */
  private int lambdaWitnesses;
  /** Where break and continue go for a lowered loop, switch or labeled statement. */
  record Target(State breakTo, State continueTo, int depth, int continueDepth) {
    Target(State breakTo, State continueTo, int depth) {
      this(breakTo, continueTo, depth, depth);
    }
  }

  /**
   * Where a yield of a lowered switch expression stores its value (and which yield it was) and
   * goes; {@code sites} lists the yielding expressions in the order they were met.
   */
  record YieldSink(String field, String siteField, State after, int depth, List<Tree> sites) {}

  Lowering(
      BodyScan scan,
      ClassInfo info,
      boolean isStatic,
      BaseRewrites rewrites,
      LocalTypes types,
      Set<Tree> asyncResources,
      Set<Tree> dynamicResources,
      MachineNames names,
      Set<com.sun.source.tree.ClassTree> moved) {
    this.moved = moved;
    this.names = names;
    this.m = new Machine(names);
    this.scan = scan;
    this.source = scan.source;
    this.renderer = new Renderer(scan.source);
    this.info = info;
    this.isStatic = isStatic;
    this.fixed = rewrites.rewrites;
    this.prefixes = rewrites.prefixes;
    this.superAsyncCalls = rewrites.superAsyncCalls;
    this.types = types;
    this.asyncResources = asyncResources;
    this.dynamicResources = dynamicResources;
    this.expressions = new ExpressionLowering(this);
  }

  /** Lowers the whole body. */
  void body(BlockTree body) {
    collectGuardNames(body);
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitTry(com.sun.source.tree.TryTree tree, Void unused) {
        for (Tree resource : tree.getResources()) {
          if (resource instanceof IdentifierTree) {
            namedResources.add(resource);
          }
        }
        return super.visitTry(tree, unused);
      }
    }.scan(body, null);
    m.setFileName(source.fileName);
    State entry = m.newState(source.line(body));
    m.start(entry);
    statements(body.getStatements());
    if (!m.isTerminated()) {
      // The body cannot fall off its end (javac demands a return), so this is never reached.
      m.end("return null;");
    }
  }

  // -----------------------------------------------------------------------------------------------
  // Rendering: every range of user code goes through here.

  /** The text of {@code tree} with every rewrite applied. */
  Code render(Tree tree) {
    return renderWith(tree, Map.of());
  }

  /** The text of {@code tree} with {@code parts} replacing some of its subtrees. */
  Code renderWith(Tree tree, Map<Tree, Supplier<Code>> parts) {
    Supplier<Code> self = parts.get(tree);
    if (self != null) {
      return self.get();
    }
    Map<LocalVar, String> captures = new LinkedHashMap<>();
    if (tree instanceof MethodInvocationTree call && superAsyncCalls.containsKey(call)) {
      return superAsyncCall(call, parts);
    }
    String prefix = prefixes.getOrDefault(tree, "");
    String own = base(tree, captures);
    if (own != null) {
      return new Code(prefix + own, captures);
    }
    String text =
        renderer.render(
            tree,
            t -> {
              Supplier<Code> part = parts.get(t);
              if (part == null && (prefixes.containsKey(t) || superAsyncCalls.containsKey(t))) {
                part = () -> renderWith(t, parts);
              }
              if (part != null) {
                Code code = part.get();
                captures.putAll(code.captures());
                return code.text();
              }
              return base(t, captures);
            });
    return new Code(prefix + text, captures);
  }

  /** {@code super.m(a, b)} of an {@code @Async} m: {@code AsyncBase.m$new($self, a, b)}. */
  private Code superAsyncCall(MethodInvocationTree call, Map<Tree, Supplier<Code>> parts) {
    StringBuilder text = new StringBuilder(superAsyncCalls.get(call)).append("(").append(names.self);
    Map<LocalVar, String> captures = new LinkedHashMap<>();
    for (ExpressionTree argument : call.getArguments()) {
      Code code = renderWith(argument, parts);
      captures.putAll(code.captures());
      text.append(", ").append(code.text());
    }
    return new Code(text.append(')').toString(), captures);
  }

  /**
   * The witness for {@code $result}, {@code $next} and {@code $element}: the bare expression when it
   * names no local that is out of scope here (javac then attributes it in place, with no lambda to
   * infer and no method to write for it: a fifth of the build's time for await-heavy classes),
   * else a never-run lambda that declares those locals first. Either way the same expression, typed
   * the same, with the awaits inside it as typed nulls.
   */
  String witness(ExpressionTree tree) {
    return witness(tree, false);
  }

  /**
   * A witness for an exact typed read ({@code $spilled}): the expression goes through {@code
   * $same}, so a constant keeps its own type (see {@code Coro.$same}).
   */
  String exactWitness(ExpressionTree tree) {
    return witness(tree, true);
  }

  private String witness(ExpressionTree tree, boolean exact) {
    witnessDepth++;
    witnessRoots.push(tree);
    try {
      Set<LocalVar> dummies = new LinkedHashSet<>();
      Set<LocalVar> captured = new LinkedHashSet<>();
      Map<Tree, Supplier<Code>> parts = witnessParts(tree, dummies, captured);
      dummies.removeAll(dummiesInScope);
      standIns.addAll(dummies);
      boolean bare = !exact && dummies.isEmpty();
      if (!bare || lambdaWitnesses > 0) {
        // Inside a witness that is a lambda, a bare one is part of the lambda too: what it names
        // must be capturable there.
        toHoist.addAll(captured);
      }
      if (!bare) {
        lambdaWitnesses++;
      }
      Set<LocalVar> added = new LinkedHashSet<>(dummies);
      dummiesInScope.addAll(added);
      Code code;
      try {
        code = renderWith(tree, parts);
      } finally {
        dummiesInScope.removeAll(added);
        if (!bare) {
          lambdaWitnesses--;
        }
      }
      if (exact && isSwitchExpression(tree)) {
        // $same(switch ...) would make the switch a poly expression, and both $same(T) and
        // $same(int) apply: give it a standalone type first, as in a switch's selector.
        String standalone = m.localName("$w");
        return lambda(
            "$same(" + standalone + ")", dummies, "var " + standalone + " = " + code.text() + "; ");
      }
      if (bare) {
        return code.text();
      }
      return lambda(exact ? "$same(" + code.text() + ")" : code.text(), dummies, "");
    } finally {
      witnessRoots.pop();
      witnessDepth--;
    }
  }

  /**
   * The awaits inside a witness (typed nulls there), and the locals it names: out of scope here
   * ({@code dummies}), or in scope but not capturable by a lambda ({@code captured}).
   */
  private Map<Tree, Supplier<Code>> witnessParts(
      ExpressionTree root, Set<LocalVar> dummies, Set<LocalVar> captured) {
    Map<Tree, Supplier<Code>> parts = new IdentityHashMap<>();
    int start = source.start(root);
    int end = source.end(root);
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (scan.names.isAwait(call)) {
          ExpressionTree awaited = AsyncNames.awaited(call);
          parts.put(
              call, () -> Code.of("$result(false ? " + witness(awaited) + " : null, null)"));
          return null;
        }
        return super.visitMethodInvocation(call, unused);
      }

      @Override
      public Void visitIdentifier(IdentifierTree id, Void unused) {
        LocalVar var = scan.references.get(id);
        if (var != null
            && var.kind == LocalVar.Kind.LOCAL
            && !var.isField()
            && !(source.start(var.tree) >= start && source.end(var.tree) <= end)) {
          if (declaredIn.get(var) != m.current()) {
            dummies.add(var); // out of scope here: a never-read stand-in
          } else if (var.regionLevel) {
            // In scope, so neither capturable by a lambda (it may not be effectively final) nor
            // redeclarable in it: kept in a field instead, if the witness is a lambda.
            captured.add(var);
          }
        }
        return null;
      }
    }.scan(root, null);
    return parts;
  }

  private static boolean isSwitchExpression(ExpressionTree tree) {
    while (tree instanceof com.sun.source.tree.ParenthesizedTree parenthesized) {
      tree = parenthesized.getExpression();
    }
    return tree.getKind() == Tree.Kind.SWITCH_EXPRESSION;
  }

  private String lambda(String expression, Set<LocalVar> dummies, String statements) {
    if (dummies.isEmpty() && statements.isEmpty()) {
      return "() -> " + expression;
    }
    StringBuilder body = new StringBuilder("() -> { ");
    for (LocalVar var : dummies) {
      String type = types.text(var);
      body.append(type)
          .append(' ')
          .append(var.generatedName())
          .append(" = ")
          .append(LocalTypes.defaultValue(type))
          .append("; ");
    }
    return body.append(statements).append("return ").append(expression).append("; }").toString();
  }

  /**
   * Whether a jump leaves a try copied as it is, with a finally block or resources: Java runs that
   * finally (or closes them) as the jump leaves, and what it throws must still be handled where the
   * jump started. Such a jump is deferred ({@code $goto}): the state changes once the try is left.
   */
  private boolean leavesCopiedTry(Tree jump) {
    for (TryTree t : scan.leftTries.getOrDefault(jump, List.of())) {
      if (!scan.isLowered(t)) {
        return true;
      }
    }
    return false;
  }

  /** {@code ...; $label = N; continue $machine;} made to go to N only once the try is left. */
  private String deferred(String code) {
    int at = code.lastIndexOf(names.label + " = ");
    if (at < 0) {
      return code;
    }
    return code.substring(0, at) + m.gotoField() + " = " + code.substring(at + (names.label + " = ").length());
  }

  /** The rewrite of one tree outside any lowering: names, this, super, jumps, returns. */
  private String base(Tree tree, Map<LocalVar, String> captures) {
    String code = baseUnlined(tree, captures);
    if (code != null
        && (tree instanceof BreakTree
            || tree instanceof ContinueTree
            || tree instanceof ReturnTree
            || tree instanceof YieldTree)) {
      // A jump's code stands for a statement the user may have written over several lines
      // (return (a line break) stopIteration();): it keeps as many, so that the copied code around
      // it keeps each line its own (grammar seed 485, program 1097, once statements were broken).
      int missing =
          source.lineAt(source.end(tree)) - source.line(tree) - (int) code.chars().filter(c -> c == '\n').count();
      if (missing > 0) {
        code = code + "\n".repeat(missing);
      }
    }
    return code;
  }

  private String baseUnlined(Tree tree, Map<LocalVar, String> captures) {
    if (tree instanceof BlockTree block && witnessDepth == 0 && scan.finallyBlocks.contains(block)) {
      return copiedFinally(block, captures);
    }
    String code = baseRewrite(tree, captures);
    if (code != null && witnessDepth == 0 && leavesCopiedTry(tree)) {
      deferredJumps = true;
      String jump = deferred(code);
      java.util.regex.Matcher assigned = ASSIGNED_FIELD.matcher(jump);
      while (assigned.find()) {
        if (!m.isMadeUpField(assigned.group(1))) {
          continue; // a user's own name that looks like one ($self.$in = ..)
        }
        for (Set<String> fields : pendingSaves) {
          fields.add(assigned.group(1));
        }
      }
      return jump;
    }
    if (code != null
        && witnessDepth == 0
        && !pendingSaves.isEmpty()
        && (tree instanceof BreakTree || tree instanceof ContinueTree || tree instanceof ReturnTree)
        && code.contains(names.label + " = ")
        && code.contains("continue " + names.machine + ";")) {
      // A jump made in the finally block of a copied try replaces the jump that may be pending
      // through that block (Java: the last jump wins), so it takes the pending one back.
      String pending = m.gotoField();
      for (Set<String> fields : pendingSaves) {
        fields.add(pending);
      }
      int at = code.indexOf(names.label + " = ");
      return code.substring(0, at) + pending + " = 0; " + code.substring(at);
    }
    return code;
  }

  /** A field a jump's code assigns ({@code $goto1 = 3}, {@code $ret1 = v}, {@code $fin1 = 5}). */
  private static final java.util.regex.Pattern ASSIGNED_FIELD =
      java.util.regex.Pattern.compile("(?<![\\w$.])(\\$[A-Za-z]+\\d*) = ");

  /** For each copied finally block being rendered: the fields its deferred jumps assign. */
  private final java.util.ArrayDeque<Set<String>> pendingSaves = new java.util.ArrayDeque<>();

  /**
   * The finally block of a copied try. A jump started in it (a return, break or continue out of
   * it) and then abandoned there by an exception it also catches must leave the jump that was
   * pending through the finally block as it was: Java resumes that jump when the finally block
   * completes normally. The block keeps what its own jumps would overwrite ({@code $goto}, the
   * pending exit and value of a finally it passes) and puts it back when it completes normally.
   */
  private String copiedFinally(BlockTree block, Map<LocalVar, String> captures) {
    Set<String> saved = new LinkedHashSet<>();
    pendingSaves.push(saved);
    String inner;
    try {
      inner =
          renderer.render(
              block,
              t -> {
                if (prefixes.containsKey(t) || superAsyncCalls.containsKey(t)) {
                  Code code = renderWith(t, Map.of());
                  captures.putAll(code.captures());
                  return code.text();
                }
                return base(t, captures);
              });
    } finally {
      pendingSaves.pop();
    }
    if (saved.isEmpty()) {
      return inner;
    }
    StringBuilder keep = new StringBuilder("{ ");
    StringBuilder restore = new StringBuilder();
    for (String field : saved) {
      String type = "java.lang.Object";
      for (Machine.Field f : m.fields) {
        if (f.name().equals(field)) {
          type = f.type();
        }
      }
      String local = m.localName(field + "$kept");
      keep.append(type).append(' ').append(local).append(" = ").append(field).append("; ");
      restore.append(' ').append(field).append(" = ").append(local).append(';');
      for (Set<String> outer : pendingSaves) {
        outer.add(field);
      }
    }
    return keep
        + "if (true) "
        + inner
        + restore
        + " } // a jump in this finally block, abandoned, leaves the pending one as it was";
  }

  /** The resources of the body's try statements that name a local ({@code try (pt; ..)}). */
  private final Set<Tree> namedResources = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  /** The resource the lowering of a try is rendering on its own (not in a copied try). */
  private Tree loweredResource;

  /** Set when the code just rendered holds a deferred jump (see {@link #leavesCopiedTry}). */
  private boolean deferredJumps;

  private String baseRewrite(Tree tree, Map<LocalVar, String> captures) {
    if (tree instanceof IdentifierTree id) {
      LocalVar var = scan.references.get(id);
      if (var != null && isEnumSwitch(scan.caseLabelSelectors.get(id))) {
        return null; // case GREEN over a Color: the enum's constant, whatever local has the name
      }
      if (var != null) {
        String reference = localReference(id, var, captures);
        if (reference != null && namedResources.contains(id) && id != loweredResource) {
          // try (pt; ..) takes an effectively final local, which the machine's own copy of pt
          // (declared apart from its assignment, or a field) is not: the same resource declared
          // as such, as the JLS reads the named one (grammar seed 411, program 449153).
          return "final var " + m.localName("$resource") + " = " + reference;
        }
        return reference;
      }
      noteClassUse(id);
      String renamed = scan.renamedClass(id);
      if (renamed != null) {
        return renamed;
      }
    }
    if (tree instanceof com.sun.source.tree.ClassTree local
        && scan.classNames.containsKey(local)
        && renamingDeclaration.add(local)) {
      // A renamed local class where it is declared (copied in place): its header and constructors.
      try {
        Code declaration = render(local);
        captures.putAll(declaration.captures());
        return renamedDeclaration(
            declaration.text(), local.getSimpleName().toString(), scan.classNames.get(local));
      } finally {
        renamingDeclaration.remove(local);
      }
    }
    String rewrite = fixed.get(tree);
    if (rewrite != null) {
      return rewrite;
    }
    if (tree instanceof InstanceOfTree test
        && test.getPattern() != null
        && hasHoistedBinding(test.getPattern())
        && witnessDepth == 0) {
      // (A witness restates the pattern itself: its binding is then declared in the lambda.)
      Code tested = instanceOf(test, render(test.getExpression()));
      captures.putAll(tested.captures()); // the snapshots its expression reads
      return tested.text();
    }
    if (witnessDepth > 0) {
      return null; // a witness restates the original code: its jumps stay as they are
    }
    if (tree instanceof BreakTree || tree instanceof ContinueTree) {
      Target target = targets.get(scan.jumpTargets.get(tree));
      if (target != null) {
        boolean isBreak = tree instanceof BreakTree;
        State to = isBreak ? target.breakTo : target.continueTo;
        return "{ " + jumpCode(to, isBreak ? target.depth : target.continueDepth) + " }";
      }
    }
    if (tree instanceof YieldTree yield) {
      YieldSink sink = yields.get(scan.jumpTargets.get(tree));
      if (sink != null) {
        Code value = render(yield.getValue());
        captures.putAll(value.captures());
        return "{ "
            + storeYield(sink, yield.getValue(), value.text())
            + " "
            + jumpCode(sink.after, sink.depth)
            + " }";
      }
    }
    if (tree instanceof ReturnTree ret && scan.bodyReturns.contains(ret)) {
      Code value = doneValue(ret.getExpression());
      captures.putAll(value.captures());
      String code = returnCode(breaksBeforeValue(ret) + value.text());
      return code.startsWith("return ") ? code : "{ " + code + " }";
    }
    return null;
  }

  private String localReference(IdentifierTree id, LocalVar var, Map<LocalVar, String> captures) {
    if (var.kind == LocalVar.Kind.SHADOW) {
      return null;
    }
    if (scan.isNested(id) && moved.contains(scan.nested.get(id))) {
      capturedByMovedClass(id, var);
      return null; // the name of the class's own copy
    }
    if (witnessDepth == 0) {
      noteUse(var);
    } else if (declaredWithin(var, witnessRoots.peek())) {
      return null; // restated with its own declaration
    }
    if ((var.hoisted && scan.isNested(id)
            || var.isField() && inGuard.contains(id) && !guardBindings.contains(var.tree))
        && witnessDepth == 0) {
      // A lambda or nested class must see the value at its creation: read a local snapshot. A type
      // witness never runs, so there the field itself does (and no snapshot is declared for it).
      return captures.computeIfAbsent(
          var, v -> snapshotNames.computeIfAbsent(v, w -> m.localName(w.name + "$c")));
    }
    if (witnessDepth > 0 && var.isField() && !machineClassName.isEmpty()) {
      // A witness is a lambda that never runs: it names the field itself, since $resume keeps the
      // variable in a local of the same name that is not effectively final (see Machine#registers).
      return machineClassName + ".this." + var.generatedName();
    }
    return var.generatedName().equals(var.name) ? null : var.generatedName();
  }

  /**
   * The names read in the guards of case labels ({@code case T t when x > 0}, javac 21+): Java
   * wants the locals a guard reads effectively final, as a lambda does, and a kept local is a
   * local of $resume that the lowering assigns; a guard reads a snapshot of it, as a lambda does
   * (its value cannot change between the switch's start and the guard: Java forbids assigning it).
   */
  private final Set<Tree> inGuard = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  /**
   * The bindings declared in guards ({@code when q instanceof String t && t.isEmpty()}): set by
   * the guard itself, so read as they are, never through a snapshot taken before it.
   */
  private final Set<Tree> guardBindings =
      java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  private void collectGuardNames(BlockTree body) {
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitCase(com.sun.source.tree.CaseTree c, Void unused) {
        ExpressionTree guard = Patterns.guard(c);
        if (guard != null) {
          new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree id, Void u) {
              inGuard.add(id);
              return null;
            }

            @Override
            public Void visitVariable(VariableTree variable, Void u) {
              guardBindings.add(variable);
              return super.visitVariable(variable, u);
            }
          }.scan(guard, null);
        }
        return super.visitCase(c, unused);
      }
    }.scan(body, null);
  }

  private boolean declaredWithin(LocalVar var, Tree root) {
    return root != null
        && source.start(var.tree) >= source.start(root)
        && source.end(var.tree) <= source.end(root);
  }

  /** Pattern variables declared in an expression that is taken apart must live in fields. */
  void hoistBindingsIn(Tree expression) {
    new OwnCodeScanner() {
      @Override
      public Void visitSwitchExpression(com.sun.source.tree.SwitchExpressionTree node, Void u) {
        // Its cases' bindings live in their arms: copied whole, or lowered arm by arm.
        return scan(node.getExpression(), u);
      }

      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        LocalVar var = scan.declarations.get(variable);
        if (var != null && var.binding && var.kind == LocalVar.Kind.LOCAL && !var.hoisted) {
          var.regionLevel = true;
          toHoist.add(var);
        }
        return super.visitVariable(variable, unused);
      }
    }.scan(expression, null);
  }

  /** Pattern variables of a condition written whole: tracked like locals of this state. */
  Code condition(ExpressionTree condition) {
    if (!scan.isLowered(condition)) {
      markBindings(condition);
    }
    return expressions.value(condition);
  }

  /** Where each local class of the body was declared; it is only in scope in that state. */
  private final Map<com.sun.source.tree.ClassTree, State> classStates = new IdentityHashMap<>();

  /**
   * Local classes of the body used outside the state that declares them (or as the type of a kept
   * local): move them into the machine, as member classes, and lower again.
   */
  final Set<com.sun.source.tree.ClassTree> toMove =
      java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  /** Local classes already moved into the machine: declared there, not in $resume. */
  final Set<com.sun.source.tree.ClassTree> moved;

  /** The text of each moved class, as a member of the machine (after {@link #renderMovedClasses}). */
  final List<String> movedClasses = new ArrayList<>();

  /** Renders the moved local classes; what they capture is noted for hoisting. */
  void renderMovedClasses() {
    List<com.sun.source.tree.ClassTree> ordered = new ArrayList<>(moved);
    ordered.sort((a, b) -> Integer.compare(source.start(a), source.start(b)));
    for (com.sun.source.tree.ClassTree local : ordered) {
      String text = render(local).text(); // renamed, if it is (see baseRewrite)
      Set<LocalVar> captured = movedCaptures.getOrDefault(local, Set.of());
      if (!captured.isEmpty()) {
        StringBuilder fields = new StringBuilder();
        for (LocalVar var : captured) {
          fields
              .append(" private final ")
              .append(types.text(var))
              .append(' ')
              .append(var.name)
              .append(" = ")
              .append(machineClassName)
              .append(".this.")
              .append(var.generatedName())
              .append("; /* captured */");
        }
        int brace = bodyBrace(text);
        text = text.substring(0, brace + 1) + fields + text.substring(brace + 1);
      }
      movedClasses.add(
          "// " + source.fileName + ":" + source.line(local) + ": a local class kept across awaits\n"
              + text);
    }
  }

  /** Knows the types of some expressions for certain (set by the transformer). */
  CertainTypes certain;

  /** Whether a switch's selector is certainly of an enum type. */
  private boolean isEnumSwitch(ExpressionTree selector) {
    if (selector == null || certain == null) {
      return false;
    }
    while (selector instanceof com.sun.source.tree.ParenthesizedTree parenthesized) {
      selector = parenthesized.getExpression();
    }
    javax.lang.model.type.TypeMirror type = certain.typeOf(selector);
    if (type == null && selector instanceof com.sun.source.tree.MemberSelectTree constant) {
      type = certain.declared(constant.getExpression()); // Color.GREEN: of Color, if an enum's
    }
    if (type == null && selector instanceof com.sun.source.tree.ArrayAccessTree element) {
      type = certain.enumElementsOf(element.getExpression()); // Color.values()[i]
    }
    return type instanceof javax.lang.model.type.DeclaredType declared
        && declared.asElement().getKind() == javax.lang.model.element.ElementKind.ENUM;
  }

  /** The renamed classes whose declarations are being rendered (to render each once). */
  private final Set<com.sun.source.tree.ClassTree> renamingDeclaration =
      java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  /**
   * A renamed class's declaration: its header's name and its constructors' (the uses of the class
   * by name in it were rendered renamed already).
   */
  private static String renamedDeclaration(String text, String name, String unique) {
    String quoted = java.util.regex.Pattern.quote(name);
    String replacement = java.util.regex.Matcher.quoteReplacement(unique);
    String renamed =
        text.replaceFirst("\\b(class|record|enum|interface)(\\s+)" + quoted + "\\b", "$1$2" + replacement);
    // A constructor: the name where a member starts, before its parameters or (a record's compact
    // constructor) its body.
    return renamed.replaceAll(
        "(?<=[;{}]|\\bpublic|\\bprotected|\\bprivate)(\\s*)" + quoted + "(?=\\s*[({])",
        "$1" + replacement);
  }

  /** The brace that opens a class's body in its text: the first outside parentheses and quotes. */
  private static int bodyBrace(String text) {
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        for (i++; i < text.length() && text.charAt(i) != c; i++) {
          if (text.charAt(i) == '\\') {
            i++;
          }
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '{' && depth == 0) {
        return i;
      }
    }
    throw new IllegalStateException("no class body in " + text);
  }

  private void noteClassUse(IdentifierTree id) {
    com.sun.source.tree.ClassTree declaration = scan.typeReferences.get(id);
    if (declaration == null
        || !scan.bodyClasses.contains(declaration)
        || moved.contains(declaration)
        || scan.nested.get(id) == declaration) {
      return;
    }
    State declared = classStates.get(declaration);
    // Not seen at all: declared inside a statement copied whole, and used only in it.
    if (declared != null && declared != m.current()) {
      toMove.add(declaration);
    }
  }

  /**
   * A local of the method used inside a local class moved into the machine. As javac does for any
   * local class, the class keeps what it captures in fields of its own, set when an instance is
   * made (so each instance has the value of its own iteration); they are initialized from the
   * machine's fields, which is why the local must be kept in one.
   */
  private String capturedByMovedClass(IdentifierTree id, LocalVar var) {
    com.sun.source.tree.ClassTree declaration = (com.sun.source.tree.ClassTree) scan.nested.get(id);
    movedCaptures
        .computeIfAbsent(declaration, k -> new java.util.LinkedHashSet<>())
        .add(var);
    if (!var.isField()) {
      toHoist.add(var);
    }
    return var.name; // the class's own copy
  }

  /** What each moved class captures, for the fields that keep it. */
  private final Map<com.sun.source.tree.ClassTree, Set<LocalVar>> movedCaptures =
      new IdentityHashMap<>();

  /** The locals and parameters some moved class captures: read from the machine's fields. */
  Set<LocalVar> capturedByMovedClasses() {
    Set<LocalVar> all = new java.util.HashSet<>();
    movedCaptures.values().forEach(all::addAll);
    return all;
  }

  /** The machine class, whose fields a moved class reads its captures from. */
  String machineClassName = "";

  private void noteUse(LocalVar var) {
    if (var.kind == LocalVar.Kind.LOCAL && var.regionLevel && !var.hoisted) {
      State declared = declaredIn.get(var);
      if (declared != m.current()) {
        toHoist.add(var);
      }
    }
  }

  /** Whether a pattern binds a variable that is kept in a field. */
  boolean hasHoistedBinding(Tree pattern) {
    for (VariableTree binding : Patterns.bindings(pattern)) {
      LocalVar var = scan.declarations.get(binding);
      if (var != null && var.hoisted) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code e instanceof P} where P binds variables kept in fields. A pattern's variables cannot be
   * fields, so P binds fresh locals, which the test copies into the fields when it matches: {@code
   * (e instanceof Pt(int x$t1, var y$t1) && $bound(x$1 = x$t1) && $bound(y$1 = y$t1))}; the
   * copies run only on a match, in order, as the bindings would be set.
   */
  Code instanceOf(InstanceOfTree test, Code expression) {
    return patternTest(expression, test.getPattern());
  }

  /** {@code value instanceof pattern}, its kept bindings copied into their fields. */
  Code patternTest(Code value, Tree pattern) {
    Map<Tree, Supplier<Code>> parts = new IdentityHashMap<>();
    StringBuilder copies = new StringBuilder();
    for (VariableTree binding : Patterns.bindings(pattern)) {
      LocalVar var = scan.declarations.get(binding);
      if (var == null || !var.hoisted) {
        continue;
      }
      String temp = m.localName(var.name + "$t");
      Tree type = binding.getType();
      String typeText =
          type == null || source.start(type) < 0 || source.text(type).isEmpty()
              ? "var"
              : render(type).text();
      parts.put(binding, () -> Code.of(typeText + " " + temp));
      copies.append(" && $bound(").append(var.generatedName()).append(" = ").append(temp).append(')');
    }
    Code rendered = renderWith(pattern, parts);
    String test = "(" + value.text() + " instanceof " + rendered.text() + copies + ")";
    if (Patterns.hasRecordPattern(pattern)) {
      test = "$matched" + test; // see Patterns.recordBindingsInConditions
    }
    return new Code(test, Code.merge(value.captures(), rendered.captures()));
  }

  // -----------------------------------------------------------------------------------------------
  // Emission

  /** Emits one statement (or line) of code, after the snapshots its lambdas need. */
  void emit(Code code) {
    flushCaptures(code.captures());
    m.line(code.text(), currentLine);
  }

  /**
   * As {@link #emit(Code)}, for the rest of a statement that ends on the user's line {@code
   * lastLine}: written over as many lines, each is marked as its own.
   */
  void emit(Code code, int lastLine) {
    flushCaptures(code.captures());
    m.line(code.text(), currentLine, lastLine);
  }

  /** The original line of the statement being lowered, for the line comments. */
  private int currentLine = -1;

  /**
   * The snapshot name of each kept local read by code rendered since its snapshot was last
   * declared: the parts of one statement, rendered apart (an instanceof's operand, a guard), read
   * one snapshot, declared once.
   */
  private final Map<LocalVar, String> snapshotNames = new java.util.HashMap<>();

  void flushCaptures(Map<LocalVar, String> captures) {
    for (Map.Entry<LocalVar, String> capture : captures.entrySet()) {
      LocalVar var = capture.getKey();
      snapshotNames.remove(var, capture.getValue());
      m.line(
          "final "
              + types.text(var)
              + " "
              + capture.getValue()
              + " = "
              + var.generatedName()
              + ";");
    }
  }

  /**
   * The code of what an await point evaluates ({@code awaited}, in the await {@code await}), laid
   * out as the user wrote it, for javac to mark its lines as it marks the user's: over several
   * lines, each is marked as its own; and an await on a later line than its statement's start
   * ({@code cell =} then {@code await(v(cell.next))}) begins on the start's line, where javac
   * reports what fails before the first call (it marks a call's line after its arguments). Left
   * as it is when its text does not keep the user's lines.
   */
  Code awaitedLines(Tree await, Tree awaited, Code code) {
    int[] span = userLines(await, awaited, code);
    if (span == null) {
      return code;
    }
    m.nextAwaitedSpan(span[0], span[1]);
    return new Code(lineBreaks(span[0], source.line(awaited)) + code.text(), code.captures());
  }

  /**
   * The user's lines from which {@code code}, the text of {@code shown} evaluated in the statement
   * that holds {@code anchor}, is to be written line for line: from the statement's marked line
   * (or shown's own first line) to shown's last; null when that is one line, or when the text does
   * not keep shown's lines.
   */
  int[] userLines(Tree anchor, Tree shown, Code code) {
    int first = source.line(shown);
    int last = source.lineAt(source.end(shown));
    long lines = code.text().chars().filter(c -> c == '\n').count() + 1;
    if (first <= 0 || last < first || lines != last - first + 1) {
      return null;
    }
    int start = statementStart(anchor);
    if (start <= 0 || start > first) {
      start = first;
    }
    return last > start ? new int[] {start, last} : null;
  }

  /**
   * The line breaks that put code written on the user's line {@code fromLine} onto line {@code
   * toLine}, as the user wrote it (none when either is unknown or toLine is not below): the
   * generated code then keeps the lines javac marks.
   */
  static String lineBreaks(int fromLine, int toLine) {
    return fromLine > 0 && toLine > fromLine ? "\n".repeat(toLine - fromLine) : "";
  }

  /** The paths of the body's awaits and of every tree around them, by tree. */
  private Map<Tree, TreePath> awaitPaths;

  /**
   * The line on which javac marks the simple statement (an expression, a declaration at its name,
   * a return or a throw) that holds {@code tree}, an await or a tree around one; -1 for one in any
   * other statement (a loop's condition, a selector), whose lines javac marks otherwise.
   */
  int statementStart(Tree tree) {
    if (awaitPaths == null) {
      awaitPaths = new IdentityHashMap<>();
      for (TreePath path : scan.awaitPaths) {
        for (TreePath up = path; up != null && !awaitPaths.containsKey(up.getLeaf()); up = up.getParentPath()) {
          awaitPaths.put(up.getLeaf(), up);
        }
      }
    }
    for (TreePath path = awaitPaths.get(tree); path != null; path = path.getParentPath()) {
      Tree leaf = path.getLeaf();
      if (leaf instanceof VariableTree variable) {
        return source.nameLine(variable);
      }
      if (leaf instanceof ExpressionStatementTree || leaf instanceof ReturnTree || leaf instanceof ThrowTree) {
        return source.line(leaf);
      }
      if (leaf instanceof StatementTree
          || leaf instanceof com.sun.source.tree.LambdaExpressionTree
          || leaf instanceof com.sun.source.tree.ClassTree
          || leaf instanceof com.sun.source.tree.CaseTree) {
        return -1;
      }
    }
    return -1;
  }

  /** An await point on {@code awaitable}; continues in the new state with the value in $in. */
  State awaitPoint(Code awaitable, int line) {
    flushCaptures(awaitable.captures());
    return m.await(awaitable.text(), line);
  }

  /** An emit point of a generator: hands {@code value} out; continues with what is sent in $in. */
  State emitPoint(Code value, int line) {
    flushCaptures(value.captures());
    return m.emit(value.text(), line);
  }

  /**
   * An await point whose code is the call {@code m$coro.$now(this, ..)} of a static {@code @Async}
   * method of the class: the child's machine is made and run inside that one static method, so that
   * compiled apart from this machine (a large child) it still does not escape it when the child
   * completes at once, as Kotlin's continuation of a suspend function does not (see Coro.$enteredBy,
   * $leftTo, $failedAt).
   */
  State awaitNow(Code call, int line) {
    flushCaptures(call.captures());
    return m.awaitCall(call.text(), line);
  }

  /** An await point on a call of an @Async method whose machine class is known. */
  State awaitDirect(Code awaitable, String machine, int line) {
    flushCaptures(awaitable.captures());
    return m.awaitDirect(awaitable.text(), machine, line);
  }

  /** Code for going to {@code target}, through every finalizer between here and there. */
  String jumpCode(State target, int targetDepth) {
    return jumpCodeFrom(finalizers.size(), target, targetDepth);
  }

  private String jumpCodeFrom(int depth, State target, int targetDepth) {
    if (depth <= targetDepth) {
      return m.jumpCode(target);
    }
    Finalizer f = finalizers.get(depth - 1);
    State exit = f.exits.get(target.id);
    if (exit == null) {
      exit = detached(target.line, f.entry.regions, jumpCodeFrom(depth - 1, target, targetDepth));
      f.exits.put(target.id, exit);
    }
    return f.pending + " = " + exit.id + "; " + m.jumpCode(f.entry);
  }

  /** Code for returning {@code value}, through every finalizer between here and the method. */
  String returnCode(String value) {
    return returnCodeFrom(finalizers.size(), value);
  }

  private String returnCodeFrom(int depth, String value) {
    if (depth == 0) {
      return "return " + value + ";";
    }
    Finalizer f = finalizers.get(depth - 1);
    if (f.returnField == null) {
      f.returnField =
          m.field("java.lang.Object", "$ret", "the value of a return that runs finally blocks first");
    }
    if (f.returnExit == null) {
      f.returnExit = detached(f.entry.line, f.entry.regions, returnCodeFrom(depth - 1, f.returnField));
    }
    String store = value.equals(f.returnField) ? "" : f.returnField + " = " + value + "; ";
    return store + f.pending + " = " + f.returnExit.id + "; " + m.jumpCode(f.entry);
  }

  private State detached(int line, List<Region> regions, String code) {
    State state = m.newStateIn(line, regions);
    state.code.append("  ").append(code).append('\n');
    return state;
  }

  private Finalizer newFinalizer(int line) {
    Finalizer f =
        new Finalizer(
            m.field("short", "$fin", "where to go after a finally block (-1: rethrow)"),
            m.field("java.lang.Throwable", "$thr", "the exception a finally block rethrows"));
    f.entry = m.newState(line);
    return f;
  }

  private void finallyEnd(Finalizer f) {
    String rethrown = m.localName("$rethrow");
    m.line(
        "if ("
            + f.pending
            + " == -1) { Throwable "
            + rethrown
            + " = "
            + f.thrown
            + "; "
            + f.thrown
            + " = null; throw "
            + rethrown
            + "; }");
    m.line(names.label + " = " + f.pending + ";");
    m.end(m.continueCode());
  }

  // -----------------------------------------------------------------------------------------------
  // Statements

  /**
   * Set for a machine split into a method per state: a state grown past this many characters of
   * code is ended between two statements (locals used across the cut are then kept in fields).
   */
  int chunk = Integer.MAX_VALUE;

  void statements(List<? extends StatementTree> statements) {
    for (int i = 0; i < statements.size(); i++) {
      if (m.isTerminated()) {
        return; // only unreachable code can follow (javac rejects it in the original)
      }
      if (m.current().code.length() > chunk) {
        State next = m.newState(source.line(statements.get(i)));
        m.jump(next);
        m.start(next);
      }
      statement(statements.get(i), i == statements.size() - 1);
    }
  }

  /** Lowers or copies one statement; {@code last} if nothing of its block follows it. */
  void statement(StatementTree statement, boolean last) {
    // javac marks a declaration at its name: a type on the line before is not where it runs
    currentLine =
        statement instanceof VariableTree variable ? source.nameLine(variable) : source.line(statement);
    m.startsStatement(currentLine);
    if (statement instanceof VariableTree variable) {
      declaration(variable);
      return;
    }
    if (!scan.isLowered(statement)) {
      copy(statement, last);
      return;
    }
    switch (statement.getKind()) {
      case BLOCK -> statements(((BlockTree) statement).getStatements());
      case EXPRESSION_STATEMENT ->
          expressions.effect(((ExpressionStatementTree) statement).getExpression());
      case IF -> ifStatement((IfTree) statement);
      case WHILE_LOOP -> whileLoop((WhileLoopTree) statement, null);
      case DO_WHILE_LOOP -> doWhileLoop((DoWhileLoopTree) statement, null);
      case FOR_LOOP -> forLoop((ForLoopTree) statement, null);
      case ENHANCED_FOR_LOOP -> enhancedFor((EnhancedForLoopTree) statement, null);
      case LABELED_STATEMENT -> labeled((LabeledStatementTree) statement);
      case SWITCH -> switchStatement((SwitchTree) statement, null);
      case TRY -> tryStatement((TryTree) statement);
      case RETURN -> returnStatement((ReturnTree) statement);
      case THROW -> {
        Code thrown = expressions.value(((ThrowTree) statement).getExpression());
        flushCaptures(thrown.captures());
        m.line("throw " + thrown.text() + ";", currentLine);
        m.markTerminated();
      }
      case YIELD -> yieldStatement((YieldTree) statement);
      case ASSERT -> assertStatement((com.sun.source.tree.AssertTree) statement);
      default ->
          throw new UnsupportedConstruct(
              statement,
              "an await point inside a "
                  + statement.getKind().toString().toLowerCase().replace('_', ' ')
                  + " statement is not supported; move the await into a local variable before it");
    }
  }

  /** A statement with no await point: copied, with its names and jumps rewritten. */
  private void copy(StatementTree statement, boolean last) {
    deferredJumps = false;
    copyStatement(statement, last);
    if (deferredJumps && !m.isTerminated()) {
      // Here the statement completed normally: a jump in it was replaced by an exception its own
      // catch handled (or never taken), so no jump is pending any more.
      m.line(m.gotoField() + " = 0;");
    }
  }

  private void copyStatement(StatementTree statement, boolean last) {
    markBindings(statement);
    if (statement instanceof com.sun.source.tree.ClassTree local) {
      if (moved.contains(local)) {
        return; // a member of the machine now
      }
      classStates.put(local, m.current());
    }
    Code code = render(statement);
    Tree.Kind kind = statement.getKind();
    boolean abrupt =
        kind == Tree.Kind.RETURN
            || kind == Tree.Kind.THROW
            || kind == Tree.Kind.BREAK
            || kind == Tree.Kind.CONTINUE
            || kind == Tree.Kind.YIELD;
    if (abrupt) {
      flushCaptures(code.captures());
      m.line(code.text(), currentLine, source.lineAt(source.end(statement)));
      m.markTerminated();
      return;
    }
    boolean mayNotComplete =
        switch (kind) {
          case EXPRESSION_STATEMENT, EMPTY_STATEMENT, CLASS, ASSERT -> false;
          case IF -> ((IfTree) statement).getElseStatement() != null;
          default -> true;
        };
    int lastLine = source.lineAt(source.end(statement));
    if (last && mayNotComplete) {
      // Whatever we emit next must stay reachable for javac even if this statement never
      // completes normally; an if-then always can.
      flushCaptures(code.captures());
      m.openBlock("if (true)");
      m.line(code.text(), currentLine, lastLine);
      m.closeBlock();
    } else {
      flushCaptures(code.captures());
      m.line(code.text(), currentLine, lastLine);
    }
  }

  /** Pattern variables declared in copied code may be used by later states: track them. */
  private void markBindings(Tree statement) {
    if (statement == null) {
      return;
    }
    new OwnCodeScanner() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        LocalVar var = scan.declarations.get(variable);
        if (var != null && var.binding && var.kind == LocalVar.Kind.LOCAL) {
          var.regionLevel = true;
          declaredIn.put(var, m.current());
        }
        return super.visitVariable(variable, unused);
      }
    }.scan(statement, null);
  }

  /** A local declared directly in lowered code: renamed, and kept in a field if hoisted. */
  void declaration(VariableTree variable) {
    LocalVar var = scan.declarations.get(variable);
    var.regionLevel = true;
    ExpressionTree init = variable.getInitializer();
    Code value = init == null ? null : expressions.value(init);
    // int x =(a line break) f(..) keeps the value on its own line, where javac reports what fails
    // (currentLine is the name's line, where javac marks the declaration)
    int first = currentLine;
    String breaks = init == null ? "" : lineBreaks(first, source.line(init));
    if (var.hoisted) {
      if (value != null && types.constantValue(var) == null) {
        String text = value.text();
        if (init.getKind() == Tree.Kind.NEW_ARRAY
            && ((com.sun.source.tree.NewArrayTree) init).getType() == null) {
          text = "new " + types.text(var) + " " + text; // {1, 2} is only valid in a declaration
        }
        flushCaptures(value.captures());
        m.line(var.generatedName() + " = " + breaks + text + ";", first, lastLine(variable));
      }
      return;
    }
    String type = variable.getType() == null ? "var" : types.text(var);
    String modifiers = modifiersText(variable);
    if (value != null) {
      flushCaptures(value.captures());
    }
    m.line(
        modifiers
            + type
            + " "
            + var.generatedName()
            + (value == null ? "" : " = " + breaks + value.text())
            + ";",
        first,
        lastLine(variable));
    declaredIn.put(var, m.current());
  }

  /** The line a declaration ends on: one written over several lines keeps each line's own. */
  private int lastLine(VariableTree variable) {
    return source.lineAt(source.end(variable));
  }

  private String modifiersText(VariableTree variable) {
    Tree modifiers = variable.getModifiers();
    int start = source.start(modifiers);
    int end = source.end(modifiers);
    if (start < 0 || end <= start || end > source.start(variable) + source.text(variable).length()) {
      return "";
    }
    Tree type = variable.getType();
    if (type != null && source.start(type) >= 0 && end > source.start(type)) {
      return ""; // shared with another declarator: nothing of its own
    }
    return source.text.substring(start, end).trim() + " ";
  }

  private void ifStatement(IfTree tree) {
    Code condition = condition(tree.getCondition());
    State after = m.newState(source.lineAt(source.end(tree)));
    State otherwise =
        tree.getElseStatement() == null ? after : m.newState(source.line(tree.getElseStatement()));
    flushCaptures(condition.captures());
    StatementTree then = tree.getThenStatement();
    // if (a line break) (condition): the condition stays on its own line, where javac marks its
    // calls (an unboxing of null there: grammar seed 509, program 2428, once the generator's
    // widened for named resources drew it)
    String breaks = lineBreaks(source.line(tree), source.line(tree.getCondition()));
    if (bindsInCondition(tree.getCondition()) && !scan.isLowered(then) && !isAbrupt(then)) {
      // "if (c) { then } else { <jump> }" rather than the guard "if (!c) <jump>; then": javac 25
      // writes stack map frames the JVM refuses when a record pattern's bindings are brought into
      // scope by such a guard and a switch and a loop follow (plain Java does it too); inside the
      // if, the bindings are in scope where the user wrote them, in the block only.
      m.openBlock("if (" + breaks + condition.text() + ")", source.line(tree));
      statement(then, true);
      m.closeBlockElseJump(otherwise);
    } else {
      m.jumpIf(breaks + "!" + parenthesized(condition.text()), otherwise, source.line(tree));
      statement(then, true);
    }
    if (tree.getElseStatement() != null) {
      if (!m.isTerminated()) {
        m.jump(after);
      }
      m.start(otherwise);
      statement(tree.getElseStatement(), true);
    }
    m.start(after);
  }

  /** Whether a (copied) condition declares pattern bindings of its own, outside lambdas. */
  private static boolean bindsInCondition(ExpressionTree condition) {
    boolean[] found = {false};
    new OwnCodeScanner() {
      @Override
      public Void visitBindingPattern(com.sun.source.tree.BindingPatternTree pattern, Void u) {
        found[0] = true;
        return null;
      }
    }.scan(condition, null);
    return found[0];
  }

  /** A statement that never completes normally by its kind (a jump, a return or a throw). */
  private static boolean isAbrupt(StatementTree statement) {
    return switch (statement.getKind()) {
      case RETURN, THROW, BREAK, CONTINUE, YIELD -> true;
      default -> false;
    };
  }

  private void whileLoop(WhileLoopTree tree, LabeledStatementTree label) {
    State head = m.newState(source.line(tree.getCondition()));
    State after = m.newState(source.lineAt(source.end(tree)));
    register(tree, label, after, head);
    m.start(head);
    Code condition = condition(tree.getCondition());
    flushCaptures(condition.captures());
    m.jumpIf("!" + parenthesized(condition.text()), after, -1);
    statement(tree.getStatement(), true);
    if (!m.isTerminated()) {
      m.jump(head);
    }
    m.start(after);
  }

  private void doWhileLoop(DoWhileLoopTree tree, LabeledStatementTree label) {
    State body = m.newState(source.line(tree.getStatement()));
    State test = m.newState(source.line(tree.getCondition()));
    State after = m.newState(source.lineAt(source.end(tree)));
    register(tree, label, after, test);
    m.start(body);
    statement(tree.getStatement(), true);
    m.start(test);
    Code condition = condition(tree.getCondition());
    flushCaptures(condition.captures());
    m.jumpIf(parenthesized(condition.text()), body, -1);
    m.start(after);
  }

  private void forLoop(ForLoopTree tree, LabeledStatementTree label) {
    for (StatementTree init : tree.getInitializer()) {
      if (init instanceof ExpressionStatementTree step) {
        // "for (i = 0; ..." : javac's tree for it has no semicolon of its own.
        currentLine = source.line(init);
        expressions.effect(step.getExpression());
      } else {
        statement(init, false);
      }
    }
    State head = m.newState(source.line(tree));
    State update = m.newState(source.line(tree));
    State after = m.newState(source.lineAt(source.end(tree)));
    register(tree, label, after, update);
    m.start(head);
    if (tree.getCondition() != null) {
      Code condition = condition(tree.getCondition());
      flushCaptures(condition.captures());
      m.jumpIf("!(" + condition.text() + ")", after, -1);
    }
    statement(tree.getStatement(), true);
    m.start(update);
    currentLine = source.line(tree);
    for (ExpressionStatementTree step : tree.getUpdate()) {
      expressions.effect(step.getExpression());
    }
    m.jump(head);
    m.start(after);
  }

  private void enhancedFor(EnhancedForLoopTree tree, LabeledStatementTree label) {
    if (scan.asyncLoops.contains(tree)) {
      asyncFor(tree, label);
      return;
    }
    Code iterable = expressions.value(tree.getExpression());
    String cursor =
        m.field(
            "java.lang.Object", "$it", "cursor of the for-each loop at line " + source.line(tree));
    flushCaptures(iterable.captures());
    m.line(cursor + " = $cursor(" + iterable.text() + ");");
    State head = m.newState(source.line(tree));
    State after = m.newState(source.lineAt(source.end(tree)));
    register(tree, label, after, head);
    m.start(head);
    m.line("if (!$hasNext(" + cursor + ")) { " + m.jumpCode(after) + " }");
    LocalVar var = scan.declarations.get(tree.getVariable());
    var.regionLevel = true;
    String next =
        "$next(false ? " + witness(tree.getExpression()) + " : null, " + cursor + ")";
    if (var.hoisted) {
      m.line(var.generatedName() + " = " + next + ";");
    } else {
      String type = tree.getVariable().getType() == null ? "var" : types.text(var);
      m.line(modifiersText(tree.getVariable()) + type + " " + var.generatedName() + " = " + next + ";");
      declaredIn.put(var, m.current());
    }
    statement(tree.getStatement(), true);
    if (!m.isTerminated()) {
      m.jump(head);
    }
    m.start(after);
    m.line(cursor + " = null;");
  }

  /**
   * {@code for (T x : awaitEach(source)) body}: the iterator in a field; before each pass an await
   * of its next element; at the end of the source the loop ends, and any other way out (break, a
   * jump or return past it, an exception, cancellation) runs a finally region that awaits the
   * iterator's close. A continue stays inside that region.
   */
  private void asyncFor(EnhancedForLoopTree tree, LabeledStatementTree label) {
    int line = source.line(tree);
    ExpressionTree source = AsyncNames.awaited(tree.getExpression());
    Code iterable = expressions.value(source);
    String iterator =
        m.field("io.jasyncio.AsyncIterator<?>", "$ait", "iterator of the async for-each loop at line " + line);
    flushCaptures(iterable.captures());
    m.line(iterator + " = $aiter(" + iterable.text() + ");");
    Finalizer fin = newFinalizer(line);
    State after = m.newState(this.source.lineAt(this.source.end(tree)));
    int outer = finalizers.size();
    finalizers.add(fin);
    m.pushRegion(new Region(fin));
    State head = m.newState(line);
    Target target = new Target(after, head, outer, finalizers.size());
    targets.put(tree, target);
    if (label != null) {
      targets.put(label, target);
    }
    m.jump(head);
    m.start(head);
    m.awaitCall("$awaitNext(" + iterator + ")", line);
    m.line("if ($ended(" + names.in + ")) { " + iterator + " = null; " + m.jumpCode(after) + " }");
    LocalVar var = scan.declarations.get(tree.getVariable());
    var.regionLevel = true;
    String next =
        "$element(false ? " + witness(tree.getExpression()) + " : null, " + names.in + ")";
    if (var.hoisted) {
      m.line(var.generatedName() + " = " + next + ";");
    } else {
      String type = tree.getVariable().getType() == null ? "var" : types.text(var);
      m.line(modifiersText(tree.getVariable()) + type + " " + var.generatedName() + " = " + next + ";");
      declaredIn.put(var, m.current());
    }
    statement(tree.getStatement(), true);
    if (!m.isTerminated()) {
      m.jump(head);
    }
    m.popRegion();
    finalizers.remove(finalizers.size() - 1);
    // Left early: close the iterator (once), then go on as the jump or exception says.
    m.start(fin.entry);
    State closed = m.newState(line);
    m.openBlock("if (" + iterator + " == null)");
    m.line(m.jumpCode(closed));
    m.closeBlock();
    String leaving = m.localName("$leaving");
    m.line("io.jasyncio.AsyncIterator<?> " + leaving + " = " + iterator + ";");
    m.line(iterator + " = null;");
    awaitPoint(Code.of("$exit(" + leaving + ", " + fin.thrown + ")"), line);
    m.jump(closed);
    m.start(closed);
    finallyEnd(fin);
    m.start(after);
  }

  private void labeled(LabeledStatementTree tree) {
    StatementTree inner = tree.getStatement();
    switch (inner.getKind()) {
      case WHILE_LOOP -> whileLoop((WhileLoopTree) inner, tree);
      case DO_WHILE_LOOP -> doWhileLoop((DoWhileLoopTree) inner, tree);
      case FOR_LOOP -> forLoop((ForLoopTree) inner, tree);
      case ENHANCED_FOR_LOOP -> enhancedFor((EnhancedForLoopTree) inner, tree);
      case SWITCH -> switchStatement((SwitchTree) inner, tree);
      default -> {
        State after = m.newState(source.lineAt(source.end(tree)));
        targets.put(tree, new Target(after, null, finalizers.size()));
        statement(inner, true);
        m.start(after);
      }
    }
  }

  private void register(Tree loop, LabeledStatementTree label, State breakTo, State continueTo) {
    Target target = new Target(breakTo, continueTo, finalizers.size());
    targets.put(loop, target);
    if (label != null) {
      targets.put(label, target);
    }
  }

  private void switchStatement(SwitchTree tree, LabeledStatementTree label) {
    State after = m.newState(source.lineAt(source.end(tree)));
    register(tree, label, after, null);
    List<? extends CaseTree> cases = tree.getCases();
    List<State> caseStates = new ArrayList<>();
    for (CaseTree c : cases) {
      caseStates.add(m.newState(source.line(c)));
    }
    if (Patterns.isPatternSwitch(cases)) {
      patternDispatch(tree.getExpression(), cases, caseStates);
    } else {
      Code selector = expressions.value(tree.getExpression());
      flushCaptures(selector.captures());
      // switch (a line break) (selector): the selector stays on its own line, where javac marks it
      int switchLine = source.line(tree);
      int selectorLine = source.line(tree.getExpression());
      String breaks = lineBreaks(switchLine, selectorLine);
      dispatch(
          breaks + selector.text(),
          breaks.isEmpty() ? selectorLine : switchLine,
          cases,
          caseStates,
          after);
    }
    for (int i = 0; i < cases.size(); i++) {
      CaseTree c = cases.get(i);
      m.start(caseStates.get(i));
      // Each case by its own kind: a switch that mixes them is javac's error, not a crash here.
      if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
        Tree body = c.getBody();
        if (body instanceof ExpressionTree expression) {
          expressions.effect(expression);
        } else {
          statement((StatementTree) body, true);
        }
        if (!m.isTerminated()) {
          m.jump(after);
        }
      } else {
        statements(c.getStatements());
      }
    }
    m.start(after);
  }

  /** A switch that only jumps: each case label goes to its state. */
  void dispatch(String selector, List<? extends CaseTree> cases, List<State> states, State orElse) {
    dispatch(selector, -1, cases, states, orElse);
  }

  /**
   * As {@link #dispatch(String, List, List, State)}, the head written from the user's line
   * {@code selectorLine}: a selector over several lines (a text block in it, or line breaks before
   * it that put it on a later line than {@code switch}) keeps each line's own, where an exception
   * in it is reported.
   */
  void dispatch(String selector, int selectorLine, List<? extends CaseTree> cases, List<State> states, State orElse) {
    // Line breaks before the selector go before its parenthesis, which javac takes as its start.
    int breaks = 0;
    while (breaks < selector.length() && selector.charAt(breaks) == '\n') {
      breaks++;
    }
    String switchHead =
        "switch" + (breaks > 0 ? selector.substring(0, breaks) : " ") + "(" + selector.substring(breaks) + ")";
    if (selectorLine > 0 && switchHead.indexOf('\n') >= 0) {
      m.openBlock(switchHead, selectorLine);
    } else {
      m.openBlock(switchHead);
    }
    boolean hasDefault = false;
    for (int i = 0; i < cases.size(); i++) {
      CaseTree c = cases.get(i);
      String head;
      if (c.getExpressions().isEmpty()) {
        head = "default:";
        hasDefault = true;
      } else {
        StringBuilder labels = new StringBuilder();
        for (ExpressionTree label : c.getExpressions()) {
          if (labels.length() > 0) {
            labels.append(", ");
          }
          labels.append(render(label).text());
        }
        head = "case " + labels + ":";
      }
      m.line(head + " " + m.jumpCode(states.get(i)));
    }
    if (!hasDefault) {
      m.line("default: " + m.jumpCode(orElse));
    }
    m.closeBlock();
    m.markTerminated();
  }

  /**
   * The matching of a pattern switch (javac 21+) whose arms or guards await: the selector is kept,
   * and the cases are tried in order as Java tries them, each pattern as an instanceof test whose
   * bindings are copied into fields for the arm, each guard lowered like any condition. A null
   * selector goes to {@code case null} or throws NullPointerException before any case is tried; no
   * match at all (an exhaustive switch over a type that changed since) throws MatchException.
   */
  void patternDispatch(ExpressionTree selectorTree, List<? extends CaseTree> cases, List<State> states) {
    Code selector = expressions.value(selectorTree);
    String kept = m.field("java.lang.Object", "$sel", "the selector of a pattern switch");
    flushCaptures(selector.captures());
    m.line(kept + " = " + selector.text() + ";");
    String typed = "$spilled(" + exactWitness(selectorTree) + ", " + kept + ")";
    int nullCase = -1;
    int defaultCase = -1;
    for (int i = 0; i < cases.size(); i++) {
      for (Patterns.Label label : Patterns.labels(cases.get(i))) {
        if (label.kind() == Patterns.LabelKind.NULL) {
          nullCase = i;
        } else if (label.kind() == Patterns.LabelKind.DEFAULT) {
          defaultCase = i;
        }
      }
    }
    m.line(
        "if ("
            + kept
            + " == null) { "
            + (nullCase >= 0 ? m.jumpCode(states.get(nullCase)) : "throw new NullPointerException();")
            + " }");
    for (int i = 0; i < cases.size(); i++) {
      CaseTree c = cases.get(i);
      ExpressionTree guard = Patterns.guard(c);
      for (Patterns.Label label : Patterns.labels(c)) {
        if (label.kind() == Patterns.LabelKind.NULL || label.kind() == Patterns.LabelKind.DEFAULT) {
          continue;
        }
        State next = m.newState(source.line(c));
        String test;
        if (label.kind() == Patterns.LabelKind.CONSTANT) {
          // A constant matches as in a switch over the selector's own type.
          test =
              "switch (" + typed + ") { case " + render(label.tree()).text() + " -> true; default -> false; }";
        } else {
          for (VariableTree binding : Patterns.bindings(label.tree())) {
            LocalVar var = scan.declarations.get(binding);
            var.regionLevel = true;
            if (!var.hoisted) {
              toHoist.add(var); // the arm runs in another state
            }
          }
          test = patternTest(Code.of(typed), label.tree()).text();
        }
        m.line("if (!(" + test + ")) { " + m.jumpCode(next) + " }", source.line(c));
        if (guard == null) {
          m.jump(states.get(i));
        } else {
          Code condition = condition(guard);
          flushCaptures(condition.captures());
          m.line("if (" + parenthesized(condition.text()) + ") { " + m.jumpCode(states.get(i)) + " }");
          m.jump(next);
        }
        m.start(next);
      }
    }
    if (defaultCase >= 0) {
      m.jump(states.get(defaultCase));
    } else {
      m.end("throw new MatchException(null, null);");
    }
  }

  private void tryStatement(TryTree tree) {
    boolean handlers = !tree.getCatches().isEmpty() || tree.getFinallyBlock() != null;
    if (tree.getResources().isEmpty()) {
      handlers(tree, () -> statements(tree.getBlock().getStatements()));
    } else if (handlers) {
      handlers(tree, () -> resources(tree, 0));
    } else {
      resources(tree, 0);
    }
  }

  private void handlers(TryTree tree, Runnable body) {
    State after = m.newState(source.lineAt(source.end(tree)));
    Finalizer fin =
        tree.getFinallyBlock() == null ? null : newFinalizer(source.line(tree.getFinallyBlock()));
    Region bodyRegion = new Region(fin);
    List<Region> outer = m.regions();
    Region catchRegion = fin == null ? null : new Region(fin);
    List<Region> handlerRegions = new ArrayList<>(outer);
    if (catchRegion != null) {
      handlerRegions.add(catchRegion);
    }
    String caught = null;
    List<State> handlerStates = new ArrayList<>();
    for (CatchTree c : tree.getCatches()) {
      if (caught == null) {
        caught = m.field("java.lang.Throwable", "$exc", "the exception a catch block handles");
      }
      State handler = m.newStateIn(source.line(c), handlerRegions);
      handlerStates.add(handler);
      bodyRegion.catches.add(new Machine.Catch(catchTypes(c), caught, handler));
    }
    if (fin != null) {
      finalizers.add(fin);
    }
    m.pushRegion(bodyRegion);
    m.start(m.newState(source.line(tree.getBlock())));
    body.run();
    m.popRegion();
    if (!m.isTerminated()) {
      leave(fin, after);
    }
    for (int i = 0; i < tree.getCatches().size(); i++) {
      CatchTree c = tree.getCatches().get(i);
      if (catchRegion != null) {
        m.pushRegion(catchRegion);
      }
      m.start(handlerStates.get(i));
      LocalVar param = scan.declarations.get(c.getParameter());
      param.regionLevel = true;
      String type = types.text(param);
      if (param.hoisted) {
        m.line(param.generatedName() + " = (" + type + ") " + caught + ";");
      } else {
        // final as the user's is (a multi-catch's is implicitly), unless the block assigns it
        boolean assigned = scan.assignedIn(c.getBlock()).contains(param);
        m.line((assigned ? "" : "final ") + type + " " + param.generatedName() + " = (" + type + ") " + caught + ";");
        declaredIn.put(param, m.current());
      }
      m.line(caught + " = null;");
      statements(c.getBlock().getStatements());
      if (catchRegion != null) {
        m.popRegion();
      }
      if (!m.isTerminated()) {
        leave(fin, after);
      }
    }
    if (fin != null) {
      finalizers.remove(finalizers.size() - 1);
      m.start(fin.entry);
      statements(tree.getFinallyBlock().getStatements());
      if (!m.isTerminated()) {
        finallyEnd(fin);
      }
    }
    m.start(after);
  }

  /** Normal completion of a try or catch block: through the finally block, if any. */
  private void leave(Finalizer fin, State after) {
    if (fin == null) {
      m.jump(after);
    } else {
      m.line(fin.pending + " = " + after.id + ";");
      m.jump(fin.entry);
    }
  }

  private List<String> catchTypes(CatchTree c) {
    Tree type = c.getParameter().getType();
    List<String> types = new ArrayList<>();
    if (type instanceof UnionTypeTree union) {
      for (Tree alternative : union.getTypeAlternatives()) {
        types.add(source.text(alternative));
      }
    } else {
      types.add(source.text(type));
    }
    return types;
  }

  /** The resources of a try from {@code index} on, then its block. */
  private void resources(TryTree tree, int index) {
    if (index == tree.getResources().size()) {
      statements(tree.getBlock().getStatements());
      return;
    }
    Tree resource = tree.getResources().get(index);
    String ref;
    int line = source.line(resource);
    if (resource instanceof VariableTree variable) {
      LocalVar var = scan.declarations.get(variable);
      var.regionLevel = true;
      if (!var.hoisted) {
        toHoist.add(var); // the exit code, in another state, needs it
      }
      Code value = expressions.value(variable.getInitializer());
      flushCaptures(value.captures());
      // At the resource's own line (its name's, as javac marks a declaration): its creation may
      // throw, after code of another line; an initializer over several lines keeps them.
      int first = source.nameLine(variable);
      m.line(
          var.generatedName() + " = " + lineBreaks(first, source.line(variable.getInitializer())) + value.text() + ";",
          first,
          source.lineAt(source.end(variable)));
      ref = var.generatedName();
    } else {
      loweredResource = resource;
      Code value;
      try {
        value = render(resource);
      } finally {
        loweredResource = null;
      }
      ref =
          m.field(
              asyncResources.contains(resource) ? "io.jasyncio.AsyncContext" : "java.lang.AutoCloseable",
              "$res",
              "a resource of the try at line " + line);
      flushCaptures(value.captures());
      m.line(ref + " = " + value.text() + ";", line);
    }
    boolean async = asyncResources.contains(resource);
    boolean dynamic = dynamicResources.contains(resource);
    // Through Object: javac refuses a cast or an instanceof between a final class (a record, say)
    // and an interface it does not implement, and the resource's type is not known here.
    String context = dynamic ? "((io.jasyncio.AsyncContext) (Object) " + ref + ")" : ref;
    Finalizer fin = newFinalizer(line);
    if (async) {
      awaitPoint(Code.of(ref + ".aenter()"), line);
    } else if (dynamic) {
      State entered = m.newState(line);
      m.openBlock("if (!((Object) " + ref + " instanceof io.jasyncio.AsyncContext))");
      m.line(m.jumpCode(entered));
      m.closeBlock();
      awaitPoint(Code.of(context + ".aenter()"), line);
      m.start(entered);
    }
    State after = m.newState(source.lineAt(source.end(tree)));
    finalizers.add(fin);
    m.pushRegion(new Region(fin));
    m.start(m.newState(line));
    resources(tree, index + 1);
    m.popRegion();
    if (!m.isTerminated()) {
      leave(fin, after);
    }
    finalizers.remove(finalizers.size() - 1);
    m.start(fin.entry);
    State plainExit = null;
    if (dynamic) {
      plainExit = m.newState(line);
      m.openBlock("if (!((Object) " + ref + " instanceof io.jasyncio.AsyncContext))");
      m.line(m.jumpCode(plainExit));
      m.closeBlock();
    }
    if (async || dynamic) {
      awaitPoint(Code.of(context + ".aexit(" + fin.thrown + ")"), line);
      String rethrown = m.localName("$rethrow");
      m.openBlock("if (" + fin.thrown + " != null)");
      m.line(
          "if (!((Boolean) " + names.in + ")) { Throwable "
              + rethrown
              + " = "
              + fin.thrown
              + "; "
              + fin.thrown
              + " = null; throw "
              + rethrown
              + "; }");
      m.line(fin.thrown + " = null; // suppressed by aexit");
      m.line(m.jumpCode(after));
      m.closeBlock();
      m.line(names.label + " = " + fin.pending + ";");
      m.end(m.continueCode());
    }
    if (plainExit != null) {
      m.start(plainExit);
    }
    if (!async) {
      String suppressed = m.localName("$suppressed");
      // Closed where javac closes it: at the closing brace of the try block.
      m.openBlock("if (" + ref + " != null)", source.lineAt(source.end(tree.getBlock()) - 1));
      m.line(
          "if ("
              + fin.thrown
              + " != null) { try { "
              + ref
              + ".close(); } catch (Throwable "
              + suppressed
              + ") { "
              + fin.thrown
              + ".addSuppressed("
              + suppressed
              + "); } }");
      m.line("else { " + ref + ".close(); }");
      m.closeBlock();
      finallyEnd(fin);
    }
    m.start(after);
  }

  /**
   * {@code assert c : d;} with an await: as Java runs it, only when assertions are enabled for the
   * class (javac asks X's top-level class, and so does this), then c, then d only if c is false.
   */
  private void assertStatement(com.sun.source.tree.AssertTree tree) {
    State after = m.newState(source.lineAt(source.end(tree)));
    javax.lang.model.element.Element top = info.element;
    while (top.getEnclosingElement() instanceof javax.lang.model.element.TypeElement outer) {
      top = outer;
    }
    String topName = ((javax.lang.model.element.TypeElement) top).getQualifiedName().toString();
    m.line(
        "if (!" + topName + ".class.desiredAssertionStatus()) { " + m.jumpCode(after) + " }",
        source.line(tree));
    Code condition = condition(tree.getCondition());
    flushCaptures(condition.captures());
    m.line("if (" + parenthesized(condition.text()) + ") { " + m.jumpCode(after) + " }");
    if (tree.getDetail() == null) {
      m.line("throw new AssertionError();");
    } else {
      Code detail = expressions.value(tree.getDetail());
      flushCaptures(detail.captures());
      m.line("throw new AssertionError(" + detail.text() + ");");
    }
    m.markTerminated();
    m.start(after);
  }

  private void returnStatement(ReturnTree tree) {
    ExpressionTree expression = tree.getExpression();
    Code value;
    String breaks = "";
    if (scan.names.isDone(expression) || scan.generator) {
      value = doneValue(expression); // a generator's return stopIteration() ends it: null
      breaks = breaksBeforeValue(tree);
    } else {
      // return other(): await other() and return its result. The await takes any value: a
      // body returning something else does not compile as the user wrote it (javac says so on
      // the user's line), and the code written for it must compile, not say it again.
      Code awaitable = expressions.value(expression);
      flushCaptures(awaitable.captures());
      m.awaitCall("$awaitReturned(" + awaitable.text() + ")", source.line(tree));
      value = Code.of(names.in);
    }
    flushCaptures(value.captures());
    String code = returnCode(breaks + value.text());
    m.line(code, currentLine, source.lineAt(source.end(tree)));
    m.markTerminated();
  }

  /**
   * The line breaks between {@code return} and the value of its {@code done(x)}, which the
   * generated {@code return x;} keeps: x stays on its own line, where javac reports what fails in
   * it (found when the grammar generator began to write statements over several lines).
   */
  private String breaksBeforeValue(ReturnTree tree) {
    List<? extends ExpressionTree> args =
        tree.getExpression() instanceof MethodInvocationTree done && scan.names.isDone(done)
            ? done.getArguments()
            : List.of();
    return args.size() == 1 ? lineBreaks(source.line(tree), source.line(args.get(0))) : "";
  }

  /** The value of {@code done(v)} ({@code null} for {@code done()}), lowered if it awaits. */
  Code doneValue(ExpressionTree doneCall) {
    List<? extends ExpressionTree> args = ((MethodInvocationTree) doneCall).getArguments();
    if (args.isEmpty()) {
      return Code.of("null");
    }
    return expressions.value(args.get(0));
  }

  private void yieldStatement(YieldTree tree) {
    YieldSink sink = yields.get(scan.jumpTargets.get(tree));
    Code value = expressions.value(tree.getValue());
    flushCaptures(value.captures());
    m.line(storeYield(sink, tree.getValue(), value.text()));
    m.end(jumpCode(sink.after, sink.depth));
  }

  /** Stores a yielded value and which yield produced it (its site), for the re-evaluation. */
  String storeYield(YieldSink sink, Tree site, String value) {
    int index = sink.sites.indexOf(site);
    if (index < 0) {
      sink.sites.add(site);
      index = sink.sites.size() - 1;
    }
    return sink.field + " = " + value + "; " + sink.siteField + " = " + index + ";";
  }

  int depth() {
    return finalizers.size();
  }

  State declaredIn(LocalVar var) {
    return declaredIn.get(var);
  }

  static String parenthesized(String text) {
    String trimmed = text.trim();
    return trimmed.startsWith("(") && trimmed.endsWith(")") && balanced(trimmed)
        ? trimmed
        : "(" + trimmed + ")";
  }

  /** Whether the outer parentheses of {@code text} enclose all of it. */
  private static boolean balanced(String text) {
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth == 0 && i < text.length() - 1) {
          return false;
        }
      } else if (c == '"' || c == '\'') {
        return false; // literals may hold parentheses: do not guess
      }
    }
    return depth == 0;
  }

  /** A construct the transform refuses, reported on its line. */
  static final class UnsupportedConstruct extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Tree tree;

    UnsupportedConstruct(Tree tree, String message) {
      super(message, null, false, false);
      this.tree = tree;
    }
  }
}
