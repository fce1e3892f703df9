package io.jasyncio.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the transform needs to know about an {@code @Async} body before lowering it: where the
 * await points are, which trees contain one (and so must be lowered rather than copied), which
 * local each identifier names, and where each break, continue and yield goes. Awaits in places a
 * state machine cannot reach (lambdas, nested class bodies, synchronized blocks) are reported.
 */
final class BodyScan {
  final MethodTree method;
  final SourceFile source;
  final AsyncNames names;

  /** Await calls, in source order, with their paths (for javac's scope at each point). */
  final List<TreePath> awaitPaths = new ArrayList<>();

  /** Trees that contain an await point (or another reason to lower), up to the body. */
  final Set<Tree> lowered = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Local declarations of the body and the method's parameters. */
  final Map<Tree, LocalVar> declarations = new IdentityHashMap<>();

  /** The path of each declaration, for javac's scope there. */
  final Map<Tree, TreePath> declarationPaths = new IdentityHashMap<>();

  /** What each identifier (in expression position) names, if it is a local. */
  final Map<IdentifierTree, LocalVar> references = new IdentityHashMap<>();

  /** The locals and parameters {@code tree} assigns (=, op=, ++, --), once scanned. */
  Set<LocalVar> assignedIn(Tree tree) {
    Set<LocalVar> assigned = new java.util.HashSet<>();
    new com.sun.source.util.TreeScanner<Void, Void>() {
      private void target(com.sun.source.tree.ExpressionTree target) {
        while (target instanceof com.sun.source.tree.ParenthesizedTree parens) {
          target = parens.getExpression();
        }
        if (target instanceof IdentifierTree id && references.get(id) != null) {
          assigned.add(references.get(id));
        }
      }

      @Override
      public Void visitAssignment(com.sun.source.tree.AssignmentTree node, Void unused) {
        target(node.getVariable());
        return super.visitAssignment(node, unused);
      }

      @Override
      public Void visitCompoundAssignment(
          com.sun.source.tree.CompoundAssignmentTree node, Void unused) {
        target(node.getVariable());
        return super.visitCompoundAssignment(node, unused);
      }

      @Override
      public Void visitUnary(com.sun.source.tree.UnaryTree node, Void unused) {
        switch (node.getKind()) {
          case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT ->
              target(node.getExpression());
          default -> {}
        }
        return super.visitUnary(node, unused);
      }
    }.scan(tree, null);
    return assigned;
  }

  /** Where each break, continue and yield goes (a statement, or a switch expression). */
  final Map<Tree, Tree> jumpTargets = new IdentityHashMap<>();

  /**
   * The try statements with a finally block or resources that a jump (break, continue, yield,
   * return) leaves from their block or a catch: Java runs their finally or closes their resources
   * as the jump leaves them.
   */
  final Map<Tree, List<TryTree>> leftTries = new IdentityHashMap<>();

  /** The finally blocks of the body's try statements (not of lambdas or nested classes). */
  final Set<Tree> finallyBlocks = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Return statements of the body itself (not of lambdas or nested classes). */
  final Set<Tree> bodyReturns = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Trees inside a lambda body or a nested class body, mapped to that outermost such tree. */
  final Map<Tree, Tree> nested = new IdentityHashMap<>();

  /** Local classes (and records, enums, interfaces) declared in the body, by name. */
  final Map<String, ClassTree> localClasses = new HashMap<>();

  /** Identifiers that name a local class of the body (by Java's scoping), to its declaration. */
  final Map<IdentifierTree, ClassTree> typeReferences = new IdentityHashMap<>();

  /** Local classes declared at the top of the body's code (not in a lambda or another class). */
  final Set<ClassTree> bodyClasses = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Try-with-resources statements, to be checked for async contexts. */
  final List<TreePath> resourceTries = new ArrayList<>();

  /** Problems found (tree, tag, message); reported by the caller. */
  final List<Problem> problems = new ArrayList<>();

  record Problem(Tree tree, Tag tag, String message) {}

  BodyScan(MethodTree method, SourceFile source, AsyncNames names) {
    this(method, source, names, false);
  }

  BodyScan(MethodTree method, SourceFile source, AsyncNames names, boolean generator) {
    this.method = method;
    this.source = source;
    this.names = names;
    this.generator = generator;
  }

  /** Whether the method returns an AsyncGenerator: its body may emit, and ends with stopIteration(). */
  final boolean generator;

  /** The for-each loops over {@code awaitEach(..)}: each pass awaits the source's next element. */
  final Set<Tree> asyncLoops = Collections.newSetFromMap(new IdentityHashMap<>());

  boolean isLowered(Tree tree) {
    return lowered.contains(tree);
  }

  boolean isNested(Tree tree) {
    return nested.containsKey(tree);
  }

  /** Marks every tree on {@code path} from its leaf up to the method body as lowered. */
  void markLowered(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf == method) {
        return;
      }
      lowered.add(leaf);
    }
  }

  void scan(TreePath methodPath) {
    new Scanner().scan(methodPath, null);
    List<ClassTree> ordered = new ArrayList<>(bodyClasses);
    ordered.sort((a, b) -> Integer.compare(source.start(a), source.start(b)));
    Map<String, Integer> seen = new HashMap<>();
    for (ClassTree local : ordered) {
      String name = local.getSimpleName().toString();
      int earlier = seen.merge(name, 1, Integer::sum) - 1;
      if (earlier > 0) {
        classNames.put(local, name + "$" + earlier);
      }
    }
  }

  /**
   * The local classes of the body that are renamed in generated code: a class of the same name
   * was declared before (in another block, as Java allows), and both may become members of the
   * machine, where one name can be only one member ({@code Loc}, then {@code Loc$1}).
   */
  final Map<ClassTree, String> classNames = new IdentityHashMap<>();

  /**
   * The selectors of the switches whose case labels name a local that may be a constant: where
   * the selector is an enum, the label is its constant of that name, not the local.
   */
  final Map<IdentifierTree, ExpressionTree> caseLabelSelectors = new IdentityHashMap<>();

  /** Every case label that is a simple name ({@code case RED}, {@code case K}), whatever it names. */
  final Set<IdentifierTree> caseLabels = Collections.newSetFromMap(new IdentityHashMap<>());

  /** The block (or case) that declares each local class. */
  private final Map<ClassTree, Tree> classBlocks = new IdentityHashMap<>();

  /**
   * The name generated code gives the local class named {@code name} where {@code at} is (the
   * latest declared before it in a block around it), or null if unchanged.
   */
  String renamedClassAt(String name, Tree at) {
    ClassTree found = null;
    for (ClassTree local : bodyClasses) {
      Tree block = classBlocks.get(local);
      if (local.getSimpleName().contentEquals(name)
          && block != null
          && source.start(local) < source.start(at)
          && source.start(block) <= source.start(at)
          && source.end(at) <= source.end(block)
          && (found == null || source.start(local) > source.start(found))) {
        found = local;
      }
    }
    return found == null ? null : classNames.get(found);
  }

  /** The name generated code gives a local class named by {@code id}, or null if unchanged. */
  String renamedClass(Tree id) {
    ClassTree named = id instanceof IdentifierTree name ? typeReferences.get(name) : null;
    return named == null ? null : classNames.get(named);
  }

  /** One scope of names: a block, a loop, a catch, a lambda, a nested class... */
  private static final class Scope {
    final Map<String, LocalVar> names = new HashMap<>();
    final Map<String, ClassTree> types = new HashMap<>();
  }

  private final class Scanner extends TreePathScanner<Void, Void> {
    private final Deque<Scope> scopes = new ArrayDeque<>();
    /** Breakable and continuable statements, innermost first (reset inside nested bodies). */
    private Deque<Tree> jumpables = new ArrayDeque<>();
    /** The outermost lambda or class body we are inside, or null. */
    private Tree nestedRoot;
    private int synchronizedDepth;

    private Scope push() {
      Scope scope = new Scope();
      scopes.push(scope);
      return scope;
    }

    private void pop() {
      scopes.pop();
    }

    private void declare(VariableTree tree, LocalVar.Kind kind, boolean binding, boolean union) {
      LocalVar.Kind k = nestedRoot != null ? LocalVar.Kind.SHADOW : kind;
      LocalVar var = new LocalVar(tree, k, binding, union, tree.getType());
      declarations.put(tree, var);
      TreePath here = getCurrentPath();
      declarationPaths.put(tree, here.getLeaf() == tree ? here : new TreePath(here, tree));
      if (binding && bindingSink != null) {
        bindingSink.add(var); // in scope where its instanceof's flow brings it (see Flow)
      } else {
        scopes.peek().names.put(var.name, var);
      }
    }

    // -- the scope of a pattern's bindings follows the flow of its condition (JLS 6.3.1, 6.3.2) --

    /** The bindings an expression brings into scope where it is true, and where it is false. */
    private record Flow(List<LocalVar> whenTrue, List<LocalVar> whenFalse) {
      static final Flow NONE = new Flow(List.of(), List.of());

      Flow negated() {
        return new Flow(whenFalse, whenTrue);
      }
    }

    /** The flow of the tree scanned last (none for trees that bring nothing into scope). */
    private Flow lastFlow = Flow.NONE;
    /** Set by the visit of a condition's operator as it ends, read by scan(). */
    private Flow produced = Flow.NONE;
    /** Where the bindings of the instanceof being scanned go, or null. */
    private List<LocalVar> bindingSink;
    /** The statements a break leaves (loops, switches, labeled statements). */
    private final Set<Tree> brokenOut = Collections.newSetFromMap(new IdentityHashMap<>());

    private Flow condition(Tree expression) {
      scan(expression, null);
      Flow flow = lastFlow;
      lastFlow = Flow.NONE;
      return flow;
    }

    private void pushWith(List<LocalVar> vars) {
      Scope scope = push();
      for (LocalVar var : vars) {
        scope.names.put(var.name, var);
      }
    }

    /** Brings bindings into scope for the statements after the current one, in its block. */
    private void introduce(List<LocalVar> vars) {
      for (LocalVar var : vars) {
        scopes.peek().names.put(var.name, var);
      }
    }

    private static boolean carriesFlow(Tree tree) {
      switch (tree.getKind()) {
        case CONDITIONAL_AND:
        case CONDITIONAL_OR:
        case LOGICAL_COMPLEMENT:
        case PARENTHESIZED:
        case INSTANCE_OF:
          return true;
        default:
          return false;
      }
    }

    /** Whether a break leaves {@code statement} or a labeled statement around it. */
    private boolean leftByBreak(Tree statement) {
      if (brokenOut.contains(statement)) {
        return true;
      }
      for (TreePath up = getCurrentPath().getParentPath();
          up != null && up.getLeaf() instanceof LabeledStatementTree labeled;
          up = up.getParentPath()) {
        if (brokenOut.contains(labeled)) {
          return true;
        }
      }
      return false;
    }

    private boolean completes(StatementTree statement) {
      return Completion.canComplete(statement, brokenOut::contains);
    }

    @Override
    public Void visitInstanceOf(com.sun.source.tree.InstanceOfTree tree, Void unused) {
      scan(tree.getExpression(), null);
      List<LocalVar> saved = bindingSink;
      List<LocalVar> bound = new ArrayList<>();
      bindingSink = bound;
      try {
        scan(tree.getPattern() != null ? tree.getPattern() : tree.getType(), null);
      } finally {
        bindingSink = saved;
      }
      produced = new Flow(bound, List.of());
      return null;
    }

    @Override
    public Void visitBinary(com.sun.source.tree.BinaryTree tree, Void unused) {
      boolean and = tree.getKind() == Tree.Kind.CONDITIONAL_AND;
      if (!and && tree.getKind() != Tree.Kind.CONDITIONAL_OR) {
        return super.visitBinary(tree, unused);
      }
      // a && b: b sees what a brings when true; a || b: what a brings when false.
      Flow left = condition(tree.getLeftOperand());
      pushWith(and ? left.whenTrue() : left.whenFalse());
      Flow right = condition(tree.getRightOperand());
      pop();
      List<LocalVar> both = new ArrayList<>(and ? left.whenTrue() : left.whenFalse());
      both.addAll(and ? right.whenTrue() : right.whenFalse());
      produced = and ? new Flow(both, List.of()) : new Flow(List.of(), both);
      return null;
    }

    @Override
    public Void visitUnary(com.sun.source.tree.UnaryTree tree, Void unused) {
      if (tree.getKind() != Tree.Kind.LOGICAL_COMPLEMENT) {
        return super.visitUnary(tree, unused);
      }
      produced = condition(tree.getExpression()).negated();
      return null;
    }

    @Override
    public Void visitParenthesized(com.sun.source.tree.ParenthesizedTree tree, Void unused) {
      produced = condition(tree.getExpression());
      return null;
    }

    @Override
    public Void visitConditionalExpression(
        com.sun.source.tree.ConditionalExpressionTree tree, Void unused) {
      Flow flow = condition(tree.getCondition());
      pushWith(flow.whenTrue());
      scan(tree.getTrueExpression(), null);
      pop();
      pushWith(flow.whenFalse());
      scan(tree.getFalseExpression(), null);
      pop();
      return null;
    }

    @Override
    public Void visitCase(CaseTree tree, Void unused) {
      ExpressionTree guard = Patterns.guard(tree);
      if (guard == null) {
        return super.visitCase(tree, unused);
      }
      // case P when g -> body: the body sees what g brings when true.
      scan(Patterns.labelTrees(tree), null);
      Flow flow = condition(guard);
      pushWith(flow.whenTrue());
      if (tree.getCaseKind() == CaseTree.CaseKind.RULE) {
        scan(tree.getBody(), null);
      } else {
        scan(tree.getStatements(), null);
      }
      pop();
      return null;
    }

    @Override
    public Void visitIf(com.sun.source.tree.IfTree tree, Void unused) {
      Flow flow = condition(tree.getCondition());
      pushWith(flow.whenTrue());
      scan(tree.getThenStatement(), null);
      pop();
      pushWith(flow.whenFalse());
      scan(tree.getElseStatement(), null);
      pop();
      boolean thenCompletes = completes(tree.getThenStatement());
      if (tree.getElseStatement() == null) {
        if (!thenCompletes) {
          introduce(flow.whenFalse()); // if (!(o instanceof T t)) return; .. t ..
        }
      } else {
        boolean elseCompletes = completes(tree.getElseStatement());
        if (thenCompletes && !elseCompletes) {
          introduce(flow.whenTrue());
        } else if (!thenCompletes && elseCompletes) {
          introduce(flow.whenFalse());
        }
      }
      return null;
    }

    private ClassTree resolveType(String name) {
      for (Scope scope : scopes) {
        ClassTree type = scope.types.get(name);
        if (type != null) {
          return type;
        }
      }
      return null;
    }

    private LocalVar resolve(String name) {
      for (Scope scope : scopes) {
        LocalVar var = scope.names.get(name);
        if (var != null) {
          return var;
        }
      }
      return null;
    }

    @Override
    public Void visitMethod(MethodTree tree, Void unused) {
      if (tree != method) {
        // A method of a nested class: its parameters shadow.
        push();
        for (VariableTree param : tree.getParameters()) {
          declare(param, LocalVar.Kind.SHADOW, false, false);
        }
        if (tree.getBody() != null) {
          scan(tree.getBody(), null);
        }
        pop();
        return null;
      }
      push();
      for (VariableTree param : tree.getParameters()) {
        declare(param, LocalVar.Kind.PARAMETER, false, false);
      }
      if (tree.getBody() != null) {
        scan(tree.getBody(), null);
      }
      pop();
      return null;
    }

    @Override
    public Void scan(Tree tree, Void unused) {
      if (tree != null && nestedRoot != null) {
        nested.put(tree, nestedRoot);
      }
      produced = Flow.NONE;
      super.scan(tree, unused);
      lastFlow = tree != null && carriesFlow(tree) ? produced : Flow.NONE;
      produced = Flow.NONE;
      return null;
    }

    @Override
    public Void visitBlock(BlockTree tree, Void unused) {
      push();
      super.visitBlock(tree, unused);
      pop();
      return null;
    }

    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
      Tree parent = getCurrentPath().getParentPath().getLeaf();
      boolean union = tree.getType() != null && tree.getType().getKind() == Tree.Kind.UNION_TYPE;
      boolean binding = parent.getKind() == Tree.Kind.BINDING_PATTERN;
      if (parent.getKind() == Tree.Kind.CLASS) {
        return super.visitVariable(tree, unused); // a field of a nested class: declared on entry
      }
      boolean constantShaped =
          !binding
              && tree.getInitializer() != null
              && tree.getModifiers().getFlags().contains(javax.lang.model.element.Modifier.FINAL)
              && constantShaped(tree.getInitializer());
      // The initializer sees the variable (Java reports its use there as uninitialized).
      declare(tree, LocalVar.Kind.LOCAL, binding, union);
      declarations.get(tree).mayBeConstant = constantShaped;
      return super.visitVariable(tree, unused);
    }

    @Override
    public Void visitForLoop(ForLoopTree tree, Void unused) {
      push();
      jumpables.push(tree);
      scan(tree.getInitializer(), null);
      Flow flow = tree.getCondition() == null ? Flow.NONE : condition(tree.getCondition());
      pushWith(flow.whenTrue());
      scan(tree.getUpdate(), null);
      scan(tree.getStatement(), null);
      pop();
      jumpables.pop();
      pop();
      if (!leftByBreak(tree)) {
        introduce(flow.whenFalse());
      }
      return null;
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree tree, Void unused) {
      if (names.isAwaitEach(tree.getExpression())) {
        TreePath call = new TreePath(getCurrentPath(), tree.getExpression());
        if (suspensionAllowed(tree.getExpression(), "a for (.. : awaitEach(..)) loop")) {
          asyncLoops.add(tree);
          awaitPaths.add(call);
          markLowered(call);
        }
      }
      // The iterated expression does not see the loop variable.
      scan(tree.getExpression(), null);
      push();
      jumpables.push(tree);
      scan(tree.getVariable(), null);
      scan(tree.getStatement(), null);
      jumpables.pop();
      pop();
      return null;
    }

    @Override
    public Void visitWhileLoop(WhileLoopTree tree, Void unused) {
      jumpables.push(tree);
      Flow flow = condition(tree.getCondition());
      pushWith(flow.whenTrue());
      scan(tree.getStatement(), null);
      pop();
      jumpables.pop();
      if (!leftByBreak(tree)) {
        introduce(flow.whenFalse());
      }
      return null;
    }

    @Override
    public Void visitDoWhileLoop(DoWhileLoopTree tree, Void unused) {
      jumpables.push(tree);
      scan(tree.getStatement(), null);
      Flow flow = condition(tree.getCondition());
      jumpables.pop();
      if (!leftByBreak(tree)) {
        introduce(flow.whenFalse());
      }
      return null;
    }

    @Override
    public Void visitLabeledStatement(LabeledStatementTree tree, Void unused) {
      jumpables.push(tree);
      super.visitLabeledStatement(tree, unused);
      jumpables.pop();
      return null;
    }

    @Override
    public Void visitSwitch(SwitchTree tree, Void unused) {
      scan(tree.getExpression(), null);
      jumpables.push(tree);
      scanCases(tree.getCases());
      jumpables.pop();
      return null;
    }

    @Override
    public Void visitSwitchExpression(SwitchExpressionTree tree, Void unused) {
      scan(tree.getExpression(), null);
      jumpables.push(tree);
      scanCases(tree.getCases());
      jumpables.pop();
      return null;
    }

    private void scanCases(List<? extends CaseTree> cases) {
      boolean arrows = !cases.isEmpty() && cases.get(0).getCaseKind() == CaseTree.CaseKind.RULE;
      if (!arrows) {
        push(); // an old-style switch block is one scope
      }
      for (CaseTree c : cases) {
        if (arrows) {
          push();
        }
        scan(c, null);
        if (arrows) {
          pop();
        }
      }
      if (!arrows) {
        pop();
      }
    }

    @Override
    public Void visitCatch(CatchTree tree, Void unused) {
      push();
      super.visitCatch(tree, unused);
      pop();
      return null;
    }

    @Override
    public Void visitTry(TryTree tree, Void unused) {
      if (!tree.getResources().isEmpty() && nestedRoot == null) {
        resourceTries.add(getCurrentPath());
      }
      if (tree.getFinallyBlock() != null && nestedRoot == null) {
        finallyBlocks.add(tree.getFinallyBlock());
      }
      push();
      for (Tree resource : tree.getResources()) {
        scan(resource, null);
      }
      scan(tree.getBlock(), null);
      pop();
      for (CatchTree c : tree.getCatches()) {
        scan(c, null);
      }
      scan(tree.getFinallyBlock(), null);
      return null;
    }

    @Override
    public Void visitSynchronized(SynchronizedTree tree, Void unused) {
      scan(tree.getExpression(), null);
      synchronizedDepth++;
      scan(tree.getBlock(), null);
      synchronizedDepth--;
      return null;
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
      Tree saved = nestedRoot;
      Deque<Tree> savedJumps = jumpables;
      if (nestedRoot == null) {
        nestedRoot = tree;
      }
      jumpables = new ArrayDeque<>();
      push();
      super.visitLambdaExpression(tree, unused);
      pop();
      jumpables = savedJumps;
      nestedRoot = saved;
      return null;
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      Tree parent = getCurrentPath().getParentPath().getLeaf();
      if (parent instanceof BlockTree || parent instanceof CaseTree) {
        scopes.peek().types.put(tree.getSimpleName().toString(), tree); // seen from here on
        classBlocks.put(tree, parent);
        if (nestedRoot == null) {
          localClasses.put(tree.getSimpleName().toString(), tree);
          bodyClasses.add(tree);
        }
      }
      Tree saved = nestedRoot;
      Deque<Tree> savedJumps = jumpables;
      if (nestedRoot == null) {
        nestedRoot = tree;
      }
      jumpables = new ArrayDeque<>();
      push();
      for (Tree member : tree.getMembers()) {
        if (member instanceof VariableTree field) {
          declare(field, LocalVar.Kind.SHADOW, false, false);
        }
      }
      super.visitClass(tree, unused);
      pop();
      jumpables = savedJumps;
      nestedRoot = saved;
      return null;
    }

    @Override
    public Void visitNewClass(NewClassTree tree, Void unused) {
      // Arguments belong to the enclosing code; only the class body is nested.
      scan(tree.getEnclosingExpression(), null);
      scan(tree.getIdentifier(), null);
      for (Tree arg : tree.getArguments()) {
        scan(arg, null);
      }
      scan(tree.getClassBody(), null);
      return null;
    }

    @Override
    public Void visitIdentifier(IdentifierTree tree, Void unused) {
      LocalVar var = resolve(tree.getName().toString());
      if (isCaseConstant()) {
        caseLabels.add(tree);
      }
      if (var != null && isCaseConstant() && !mayBeConstant(var)) {
        // case count: a constant, or an enum constant named so (a binding or a local that is not
        // a constant variable, in scope or not, cannot be a case label).
        var = null;
      }
      if (var != null && isCaseConstant()) {
        caseLabelSelectors.put(tree, selectorOfCase());
      }
      if (var != null && !isTypeOrLabelPosition()) {
        references.put(tree, var);
      } else {
        ClassTree type = resolveType(tree.getName().toString());
        if (type != null) {
          typeReferences.put(tree, type);
        }
      }
      return null;
    }

    /** Whether the identifier is a case label's constant, all of it. */
    private boolean isCaseConstant() {
      Tree parent = getCurrentPath().getParentPath().getLeaf();
      Tree self = getCurrentPath().getLeaf();
      if (parent instanceof CaseTree c) { // not its body: case 1 -> p
        return c.getExpressions().stream().anyMatch(label -> label == self);
      }
      // Java 21+ wraps it in a constant case label (a kind Java 17's API does not name).
      return parent.getKind().name().equals("CONSTANT_CASE_LABEL");
    }

    /** The selector of the switch whose case label is being scanned. */
    private ExpressionTree selectorOfCase() {
      for (TreePath up = getCurrentPath(); up != null; up = up.getParentPath()) {
        if (up.getLeaf() instanceof SwitchTree statement) {
          return statement.getExpression();
        }
        if (up.getLeaf() instanceof SwitchExpressionTree expression) {
          return expression.getExpression();
        }
      }
      return null;
    }

    private boolean mayBeConstant(LocalVar var) {
      return var.kind == LocalVar.Kind.LOCAL && var.mayBeConstant;
    }

    /** Whether an expression may be a constant expression (JLS 15.29), as far as its shape says. */
    private boolean constantShaped(ExpressionTree expression) {
      if (expression instanceof com.sun.source.tree.LiteralTree) {
        return expression.getKind() != Tree.Kind.NULL_LITERAL;
      }
      if (expression instanceof com.sun.source.tree.ParenthesizedTree parenthesized) {
        return constantShaped(parenthesized.getExpression());
      }
      if (expression instanceof com.sun.source.tree.TypeCastTree cast) {
        return constantShaped(cast.getExpression());
      }
      if (expression instanceof com.sun.source.tree.UnaryTree unary) {
        return switch (unary.getKind()) {
          case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> false;
          default -> constantShaped(unary.getExpression());
        };
      }
      if (expression instanceof com.sun.source.tree.BinaryTree binary) {
        return constantShaped(binary.getLeftOperand()) && constantShaped(binary.getRightOperand());
      }
      if (expression instanceof com.sun.source.tree.ConditionalExpressionTree conditional) {
        return constantShaped(conditional.getCondition())
            && constantShaped(conditional.getTrueExpression())
            && constantShaped(conditional.getFalseExpression());
      }
      if (expression instanceof IdentifierTree id) {
        LocalVar var = resolve(id.getName().toString());
        return var == null || mayBeConstant(var); // a field may be a constant; a parameter is not
      }
      return expression instanceof com.sun.source.tree.MemberSelectTree; // Type.CONSTANT
    }

    /** Identifiers that are not expressions: a method name, a type, a label. */
    private boolean isTypeOrLabelPosition() {
      TreePath parentPath = getCurrentPath().getParentPath();
      Tree parent = parentPath.getLeaf();
      Tree self = getCurrentPath().getLeaf();
      if (parent instanceof MethodInvocationTree call && call.getMethodSelect() == self) {
        return true;
      }
      if (parent instanceof NewClassTree create && create.getIdentifier() == self) {
        return true;
      }
      if (parent instanceof VariableTree variable && variable.getType() == self) {
        return true;
      }
      if (parent instanceof com.sun.source.tree.InstanceOfTree test) {
        return test.getExpression() != self;
      }
      if (parent instanceof com.sun.source.tree.TypeCastTree cast) {
        return cast.getType() == self;
      }
      if (parent instanceof com.sun.source.tree.MemberReferenceTree) {
        return false;
      }
      return switch (parent.getKind()) {
        case PARAMETERIZED_TYPE, ARRAY_TYPE, UNION_TYPE, INTERSECTION_TYPE, TYPE_PARAMETER,
            ANNOTATION, EXTENDS_WILDCARD, SUPER_WILDCARD -> true;
        default -> false;
      };
    }

    /**
     * Whether a suspension ({@code what}) may be at {@code tree}: not in a lambda, a nested class
     * or a synchronized block. Reports it otherwise.
     */
    private boolean suspensionAllowed(Tree tree, String what) {
      if (nestedRoot != null) {
        boolean lambda = nestedRoot instanceof LambdaExpressionTree;
        problems.add(
            new Problem(
                tree,
                lambda ? Tag.AsyncAwaitInLambda : Tag.AsyncAwaitInClassBody,
                what
                    + (lambda ? " inside a lambda" : " inside an anonymous or local class")
                    + ": its body cannot be suspended; move the loop into an @Async method and"
                    + " await that"));
        return false;
      }
      if (synchronizedDepth > 0) {
        problems.add(
            new Problem(
                tree,
                Tag.AsyncAwaitInSynchronized,
                what
                    + " inside a synchronized block: a monitor cannot be held across a suspension;"
                    + " use io.jasyncio.sync.Lock"));
        return false;
      }
      return true;
    }

    /** The generator and async-for calls, each allowed in one place only. */
    private void checkIterationCall(MethodInvocationTree tree) {
      Tree parent = getCurrentPath().getParentPath().getLeaf();
      if (names.isAwaitEach(tree)) {
        if (!(parent instanceof EnhancedForLoopTree loop && loop.getExpression() == tree)) {
          problems.add(
              new Problem(
                  tree,
                  Tag.AsyncForEachForm,
                  "awaitEach(..) is only the iterable of a for-each loop in an @Async body; write"
                      + " for (T x : awaitEach(source)) { .. }, or await source.aiter().anext()"
                      + " for one element"));
        }
      } else if (names.isEmit(tree)) {
        if (!generator) {
          problems.add(
              new Problem(
                  tree,
                  Tag.AsyncGeneratorForm,
                  "emit(..) in an @Async method that returns "
                      + method.getReturnType()
                      + "; only a generator emits; make the method return AsyncGenerator<T>"));
        } else if (!(names.isAwait(parent)
            && ((MethodInvocationTree) parent).getArguments().get(0) == tree)) {
          problems.add(
              new Problem(
                  tree,
                  Tag.AsyncGeneratorForm,
                  "emit(..) that is not awaited right there; an emit suspends the generator"
                      + " until the next element is asked for; write await(emit(value))"));
        }
      } else if (names.isStopIteration(tree)) {
        if (!(generator
            && parent instanceof ReturnTree ret
            && ret.getExpression() == tree
            && nestedRoot == null)) {
          problems.add(
              new Problem(
                  tree,
                  Tag.AsyncGeneratorForm,
                  "stopIteration() anywhere but in 'return stopIteration();' of a generator body;"
                      + " it only ends a generator"));
        }
      }
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
      checkIterationCall(tree);
      if (names.isAwait(tree)) {
        TreePath path = getCurrentPath();
        if (nestedRoot != null) {
          boolean lambda = nestedRoot instanceof LambdaExpressionTree;
          problems.add(
              new Problem(
                  tree,
                  lambda ? Tag.AsyncAwaitInLambda : Tag.AsyncAwaitInClassBody,
                  lambda
                      ? "await() inside a lambda: a lambda body cannot be suspended (Python has no"
                          + " async lambda either); move the awaiting code into an @Async method"
                          + " and await that"
                      : "await() inside an anonymous or local class: its methods are not @Async"
                          + " and cannot be suspended; move the awaiting code into an @Async method"
                          + " of the enclosing class"));
        } else if (synchronizedDepth > 0) {
          problems.add(
              new Problem(
                  tree,
                  Tag.AsyncAwaitInSynchronized,
                  "await() inside a synchronized block: a monitor cannot be held across a"
                      + " suspension (another task on the same thread would re-enter it); use"
                      + " io.jasyncio.sync.Lock: try (var held = await(lock.acquire())) { ... }"));
        } else {
          awaitPaths.add(path);
          markLowered(path);
        }
      }
      return super.visitMethodInvocation(tree, unused);
    }

    @Override
    public Void visitReturn(ReturnTree tree, Void unused) {
      noteLeftTries();
      if (nestedRoot == null) {
        bodyReturns.add(tree);
        if (generator) {
          if (tree.getExpression() == null || !names.isStopIteration(tree.getExpression())) {
            problems.add(
                new Problem(
                    tree,
                    Tag.AsyncGeneratorForm,
                    "a generator body returns no value; hand values out with await(emit(value))"
                        + " and end with return stopIteration();"));
          }
        } else if (tree.getExpression() == null) {
          problems.add(
              new Problem(
                  tree,
                  Tag.AsyncReturnNull,
                  "'return;' in an @Async method; end it with return done() (Coro<Void>) or"
                      + " return done(value)"));
        } else if (tree.getExpression().getKind() == Tree.Kind.NULL_LITERAL) {
          problems.add(
              new Problem(
                  tree,
                  Tag.AsyncReturnNull,
                  "'return null;' in an @Async method returns no coroutine at all; write return"
                      + " done(null), or return done() for a Coro<Void>"));
        } else if (!names.isDone(tree.getExpression())) {
          // return other(): awaits other() and returns its result.
          markLowered(getCurrentPath());
        }
      }
      return super.visitReturn(tree, unused);
    }

    /** The tries with finally or resources whose block or catches enclose the current jump. */
    private void noteLeftTries() {
      List<TryTree> tries = new ArrayList<>();
      Tree child = getCurrentPath().getLeaf();
      for (TreePath p = getCurrentPath().getParentPath(); p != null; p = p.getParentPath()) {
        Tree leaf = p.getLeaf();
        if (leaf == method || leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
          break;
        }
        if (leaf instanceof TryTree t
            && (t.getFinallyBlock() != null || !t.getResources().isEmpty())
            && child != t.getFinallyBlock()) {
          tries.add(t);
        }
        child = leaf;
      }
      if (!tries.isEmpty()) {
        leftTries.put(getCurrentPath().getLeaf(), tries);
      }
    }

    @Override
    public Void visitBreak(BreakTree tree, Void unused) {
      noteLeftTries();
      Tree target = target(tree.getLabel() == null ? null : tree.getLabel().toString(), false);
      jumpTargets.put(tree, target);
      if (target != null) {
        brokenOut.add(target);
      }
      return null;
    }

    @Override
    public Void visitContinue(ContinueTree tree, Void unused) {
      noteLeftTries();
      jumpTargets.put(tree, target(tree.getLabel() == null ? null : tree.getLabel().toString(), true));
      return null;
    }

    @Override
    public Void visitYield(YieldTree tree, Void unused) {
      noteLeftTries();
      for (Tree t : jumpables) {
        if (t instanceof SwitchExpressionTree) {
          jumpTargets.put(tree, t);
          break;
        }
      }
      return super.visitYield(tree, unused);
    }

    private Tree target(String label, boolean isContinue) {
      for (Tree t : jumpables) {
        if (label != null) {
          if (t instanceof LabeledStatementTree l && l.getLabel().contentEquals(label)) {
            return l;
          }
        } else if (t instanceof SwitchExpressionTree) {
          return null; // break cannot leave a switch expression
        } else if (isLoop(t) || (!isContinue && t instanceof SwitchTree)) {
          return t;
        }
      }
      return null;
    }
  }

  static boolean isLoop(Tree t) {
    return t instanceof ForLoopTree
        || t instanceof EnhancedForLoopTree
        || t instanceof WhileLoopTree
        || t instanceof DoWhileLoopTree;
  }

  /** The statement a labeled statement labels, through nested labels. */
  static StatementTree unlabel(StatementTree statement) {
    while (statement instanceof LabeledStatementTree labeled) {
      statement = labeled.getStatement();
    }
    return statement;
  }
}
