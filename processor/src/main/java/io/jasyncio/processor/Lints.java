package io.jasyncio.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * The diagnostics asyncio can only give at run time, given at compile time (DESIGN §3.4): a
 * coroutine created and dropped, a blocking call inside an {@code @Async} body, a direct call of
 * an {@code @Async} static method through X from plain code; and {@code await} in a method that is
 * not {@code @Async}, an error. Warnings are silenced with {@code @SuppressWarnings("jasyncio")},
 * the tag, or {@code "jasyncio:Tag"}, on the method or the class.
 */
final class Lints {
  /** AsyncIO functions that return a coroutine: dropping their result is always a mistake. */
  private static final Set<String> CORO_FUNCTIONS =
      Set.of("sleep", "waitFor", "waitFutures", "done");

  private final ProcessingEnvironment env;
  private final Trees trees;
  private final Diagnostics diagnostics;
  private final Function<TreePath, SourceFile> sources;

  Lints(
      ProcessingEnvironment env,
      Trees trees,
      Diagnostics diagnostics,
      Function<TreePath, SourceFile> sources) {
    this.env = env;
    this.trees = trees;
    this.diagnostics = diagnostics;
    this.sources = sources;
  }

  /** The @Async methods of this round that are generators: dropping one is said differently. */
  private final Set<String> generatorNames = new HashSet<>();

  void run(RoundEnvironment round, TypeElement async) {
    // @Async methods of this round, by class simple name: static ones for direct-call warnings,
    // all of them for dropped-coroutine warnings.
    Map<String, Set<String>> asyncStatics = new HashMap<>();
    Set<String> asyncNames = new HashSet<>();
    generatorNames.clear();
    for (Element element : round.getElementsAnnotatedWith(async)) {
      if (element instanceof ExecutableElement method
          && method.getEnclosingElement() instanceof TypeElement owner) {
        asyncNames.add(method.getSimpleName().toString());
        if (Validation.isGenerator(method)) {
          generatorNames.add(method.getSimpleName().toString());
        }
        if (method.getModifiers().contains(Modifier.STATIC)) {
          asyncStatics
              .computeIfAbsent(owner.getSimpleName().toString(), k -> new HashSet<>())
              .add(method.getSimpleName().toString());
        }
      }
    }
    for (Element root : round.getRootElements()) {
      if (!(root instanceof TypeElement type) || generatedByUs(type)) {
        continue;
      }
      TreePath path = trees.getPath(type);
      if (path == null) {
        continue;
      }
      SourceFile source = sources.apply(path);
      AsyncNames names =
          new AsyncNames(source.unit, methodNames(type));
      new Scanner(source, names, asyncStatics, asyncNames, type).scan(path, null);
    }
  }

  private Set<String> methodNames(TypeElement type) {
    Set<String> names = new HashSet<>();
    for (ExecutableElement method : ElementFilter.methodsIn(env.getElementUtils().getAllMembers(type))) {
      names.add(method.getSimpleName().toString());
    }
    return names;
  }

  private static boolean generatedByUs(TypeElement type) {
    return type.getAnnotationMirrors().stream()
        .anyMatch(
            a ->
                a.getAnnotationType().toString().equals("javax.annotation.processing.Generated")
                    && a.getElementValues().values().stream()
                        .anyMatch(v -> v.toString().contains("io.jasyncio.processor")));
  }

  private final class Scanner extends TreePathScanner<Void, Void> {
    private final SourceFile source;
    private final CompilationUnitTree unit;
    private final AsyncNames names;
    private final Map<String, Set<String>> asyncStatics;
    private final Set<String> asyncNames;
    private final TypeElement rootType;
    private final Deque<Tree> owners = new ArrayDeque<>();
    private final Map<String, String> localTypes = new HashMap<>();
    private MethodTree asyncMethod;
    private int nested;

    Scanner(
        SourceFile source,
        AsyncNames names,
        Map<String, Set<String>> asyncStatics,
        Set<String> asyncNames,
        TypeElement rootType) {
      this.source = source;
      this.unit = source.unit;
      this.names = names;
      this.asyncStatics = asyncStatics;
      this.asyncNames = asyncNames;
      this.rootType = rootType;
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      owners.push(tree);
      if (asyncMethod != null) {
        nested++;
      }
      super.visitClass(tree, unused);
      if (asyncMethod != null) {
        nested--;
      }
      owners.pop();
      return null;
    }

    @Override
    public Void visitMethod(MethodTree tree, Void unused) {
      boolean isAsync = asyncMethod == null && isAsync(tree.getModifiers());
      owners.push(tree);
      if (isAsync) {
        asyncMethod = tree;
        localTypes.clear();
        for (VariableTree parameter : tree.getParameters()) {
          remember(parameter);
        }
      }
      super.visitMethod(tree, unused);
      if (isAsync) {
        asyncMethod = null;
      }
      owners.pop();
      return null;
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
      if (asyncMethod != null) {
        nested++;
      }
      super.visitLambdaExpression(tree, unused);
      if (asyncMethod != null) {
        nested--;
      }
      return null;
    }

    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
      if (asyncMethod != null) {
        remember(tree);
      }
      return super.visitVariable(tree, unused);
    }

    private void remember(VariableTree variable) {
      if (variable.getType() != null && source.start(variable.getType()) >= 0) {
        localTypes.put(variable.getName().toString(), source.text(variable.getType()));
      }
    }

    @Override
    public Void visitExpressionStatement(ExpressionStatementTree tree, Void unused) {
      if (asyncMethod != null && nested == 0 && tree.getExpression() instanceof MethodInvocationTree call) {
        String dropped = droppedCoroutine(call);
        if (dropped != null) {
          warn(
              call,
              Tag.AsyncNeverAwaited,
              generatorNames.contains(dropped)
                  ? "the async generator returned by "
                      + dropped
                      + "(...) is created and dropped, so its body never runs; iterate it with"
                      + " for (T x : awaitEach("
                      + dropped
                      + "(...)))"
                  : "the coroutine returned by "
                      + dropped
                      + "(...) is created and dropped, so it never runs; await it, or run it"
                      + " concurrently with createTask(...)");
        }
      }
      return super.visitExpressionStatement(tree, unused);
    }

    private String droppedCoroutine(MethodInvocationTree call) {
      ExpressionTree select = call.getMethodSelect();
      String name =
          select instanceof IdentifierTree id
              ? id.getName().toString()
              : select instanceof MemberSelectTree member ? member.getIdentifier().toString() : null;
      if (name == null || names.isAwait(call)) {
        return null;
      }
      boolean asyncIo =
          CORO_FUNCTIONS.contains(name)
              && (select instanceof IdentifierTree
                  || ((MemberSelectTree) select).getExpression().toString().endsWith("AsyncIO"));
      boolean ownAsync =
          asyncNames.contains(name)
              && (select instanceof IdentifierTree
                  || ((MemberSelectTree) select).getExpression().toString().equals("this"));
      return asyncIo || ownAsync ? name : null;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
      if (names.isAwait(tree) && asyncMethod == null) {
        diagnostics.errorContinue(
            tree,
            unit,
            Tag.AsyncAwaitOutside,
            "await() in a method that is not @Async; only the body of an @Async method can be"
                + " suspended; annotate the method with @Async (and return Coro<T>), or run the"
                + " coroutine with AsyncIO.run(...) from plain code");
      }
      if ((names.isAwaitEach(tree) || names.isEmit(tree)) && asyncMethod == null) {
        boolean each = names.isAwaitEach(tree);
        diagnostics.errorContinue(
            tree,
            unit,
            each ? Tag.AsyncForEachForm : Tag.AsyncGeneratorForm,
            (each ? "awaitEach(..)" : "emit(..)")
                + " in a method that is not @Async; "
                + (each
                    ? "only an @Async body can await each element; loop in an @Async method"
                    : "only an @Async method that returns AsyncGenerator<T> emits")
                + ", or run it with AsyncIO.run(...) from plain code");
      }
      if (asyncMethod != null && nested == 0 && !isAwaited()) {
        String advice = blocking(tree);
        if (advice != null) {
          warn(tree, Tag.AsyncBlockingCall, advice);
        }
      }
      if (asyncMethod == null) {
        directStaticCall(tree);
      }
      return super.visitMethodInvocation(tree, unused);
    }

    private void directStaticCall(MethodInvocationTree tree) {
      ExpressionTree select = tree.getMethodSelect();
      String owner = null;
      String name = null;
      if (select instanceof MemberSelectTree member) {
        String qualifier = member.getExpression().toString();
        owner = qualifier.substring(qualifier.lastIndexOf('.') + 1);
        name = member.getIdentifier().toString();
      } else if (select instanceof IdentifierTree id && !owners.isEmpty()) {
        owner = rootType.getSimpleName().toString();
        name = id.getName().toString();
      }
      if (owner != null
          && asyncStatics.getOrDefault(owner, Set.of()).contains(name)
          && !owner.startsWith("Async")) {
        warn(
            tree,
            Tag.AsyncDirectStaticCall,
            "call of @Async static method "
                + owner
                + "."
                + name
                + "(...) through "
                + owner
                + ": its original body never runs (it throws); call Async"
                + owner
                + "."
                + name
                + "(...) instead");
      }
    }

    /**
     * Whether the current call is the argument of {@code await(...)}: then it returns something
     * awaitable (jasyncio's {@code queue.join()}, {@code semaphore.acquire()}), not a blocking
     * result, whatever its name.
     */
    private boolean isAwaited() {
      TreePath parent = getCurrentPath().getParentPath();
      while (parent != null && parent.getLeaf() instanceof ParenthesizedTree) {
        parent = parent.getParentPath();
      }
      return parent != null
          && parent.getLeaf() instanceof MethodInvocationTree call
          && names.isAwait(call);
    }

    /** Advice for a call that blocks the loop thread, or null. */
    private String blocking(MethodInvocationTree call) {
      ExpressionTree select = call.getMethodSelect();
      int args = call.getArguments().size();
      if (select instanceof IdentifierTree id) {
        String name = id.getName().toString();
        if (name.equals("wait") && args <= 2) {
          return "Object.wait() blocks the loop thread (and every task on it); use"
              + " io.jasyncio.sync.Condition or Event and await it";
        }
        return null;
      }
      if (!(select instanceof MemberSelectTree member)) {
        return null;
      }
      String name = member.getIdentifier().toString();
      String qualifier = member.getExpression().toString();
      String type = receiverType(member.getExpression());
      if (qualifier.equals("Thread") || qualifier.equals("java.lang.Thread")) {
        if (name.equals("sleep")) {
          return "Thread.sleep() blocks the loop thread (and every task on it); use"
              + " await(sleep(seconds))";
        }
      }
      if (qualifier.equals("Files") || qualifier.equals("java.nio.file.Files")) {
        return "Files." + name + "() does blocking file I/O on the loop thread; use"
            + " await(toThread(() -> Files." + name + "(...)))";
      }
      if (qualifier.equals("DriverManager")) {
        return "JDBC blocks the loop thread; run it with await(toThread(() -> ...))";
      }
      if (name.equals("join") && args == 0 && type != null && joinBlocks(type)) {
        return "join() blocks the loop thread until the other work is done; await(it) instead";
      }
      if (name.equals("wait") && args <= 2 && (type == null || !type.contains("Condition"))) {
        if (type != null || args > 0) {
          return "Object.wait() blocks the loop thread; use io.jasyncio.sync.Condition or Event";
        }
      }
      if (type == null) {
        return null;
      }
      String simple = type.replaceAll("<.*", "");
      simple = simple.substring(simple.lastIndexOf('.') + 1);
      if ((simple.endsWith("Future") || simple.equals("FutureTask"))
          && name.equals("get")
          && (args == 0 || args == 2)) {
        return simple + ".get() blocks the loop thread; await(future) instead";
      }
      if (simple.equals("HttpClient") && name.equals("send")) {
        return "HttpClient.send() blocks the loop thread; use await(client.sendAsync(...))";
      }
      if (Set.of("Connection", "Statement", "PreparedStatement", "CallableStatement", "ResultSet")
              .contains(simple)
          && isFrom(type, simple, "java.sql")) {
        return "JDBC call " + name + "() blocks the loop thread; run it with await(toThread(() -> ...))";
      }
      if (Set.of("InputStream", "OutputStream", "Socket", "ServerSocket", "BufferedReader", "Reader", "Writer", "BufferedWriter", "FileInputStream", "FileOutputStream")
              .contains(simple)
          && (isFrom(type, simple, "java.io") || isFrom(type, simple, "java.net"))
          && Set.of("read", "readLine", "readAllBytes", "readNBytes", "write", "accept", "connect", "transferTo")
              .contains(name)) {
        return simple
            + "."
            + name
            + "() is blocking I/O on the loop thread; use io.jasyncio.streams, or"
            + " await(toThread(() -> ...))";
      }
      if ((simple.equals("CountDownLatch") || simple.equals("CyclicBarrier")) && name.equals("await")) {
        return simple + ".await() blocks the loop thread; use io.jasyncio.sync.Event or Barrier";
      }
      if (simple.endsWith("BlockingQueue") && (name.equals("take") || name.equals("put"))) {
        return "BlockingQueue." + name + "() blocks the loop thread; use io.jasyncio.queues.Queue";
      }
      if (simple.equals("Semaphore") && name.equals("acquire") && !type.startsWith("io.jasyncio")) {
        return "java.util.concurrent.Semaphore.acquire() blocks the loop thread; use io.jasyncio.sync.Semaphore";
      }
      if (simple.equals("Process") && name.equals("waitFor")) {
        return "Process.waitFor() blocks the loop thread; await(toThread(process::waitFor))";
      }
      return null;
    }

    /** Whether {@code join()} on a receiver of this declared type waits for another thread. */
    private boolean joinBlocks(String type) {
      String simple = type.replaceAll("<.*", "");
      simple = simple.substring(simple.lastIndexOf('.') + 1);
      return simple.equals("Thread")
          || simple.equals("CompletableFuture")
          || simple.equals("ForkJoinTask")
          || simple.equals("RecursiveTask")
          || simple.equals("RecursiveAction");
    }

    /**
     * Whether {@code type} (as written, or fully qualified) names {@code simple} of package {@code
     * pkg}: written qualified, or imported by name or on demand. {@code io.jasyncio.streams.
     * Connection} is not {@code java.sql.Connection}.
     */
    private boolean isFrom(String type, String simple, String pkg) {
      String erased = type.replaceAll("<.*", "");
      if (erased.equals(pkg + "." + simple)) {
        return true;
      }
      if (erased.contains(".")) {
        return false;
      }
      for (ImportTree imported : unit.getImports()) {
        if (imported.isStatic()) {
          continue;
        }
        String name = imported.getQualifiedIdentifier().toString();
        if (name.equals(pkg + "." + simple) || name.equals(pkg + ".*")) {
          return true;
        }
      }
      return false;
    }

    /** The declared type of a local, parameter or field of the class, as written; or null. */
    private String receiverType(ExpressionTree receiver) {
      if (receiver instanceof IdentifierTree id) {
        String name = id.getName().toString();
        String local = localTypes.get(name);
        if (local != null) {
          return local;
        }
        for (Element member : env.getElementUtils().getAllMembers(rootType)) {
          if (member.getKind().isField() && member.getSimpleName().contentEquals(name)) {
            return member.asType().toString();
          }
        }
      }
      return null;
    }

    private boolean isAsync(ModifiersTree modifiers) {
      for (AnnotationTree annotation : modifiers.getAnnotations()) {
        String type = annotation.getAnnotationType().toString();
        if (type.equals("Async") || type.equals("io.jasyncio.annotations.Async")) {
          return true;
        }
      }
      return false;
    }

    private void warn(Tree tree, Tag tag, String message) {
      for (Tree owner : owners) {
        ModifiersTree modifiers =
            owner instanceof MethodTree m
                ? m.getModifiers()
                : owner instanceof ClassTree c ? c.getModifiers() : null;
        if (modifiers != null && suppresses(modifiers, tag)) {
          return;
        }
      }
      trees.printMessage(Diagnostic.Kind.WARNING, Diagnostics.format(tag, message), tree, unit);
    }

    private boolean suppresses(ModifiersTree modifiers, Tag tag) {
      for (AnnotationTree annotation : modifiers.getAnnotations()) {
        String type = annotation.getAnnotationType().toString();
        if (!type.equals("SuppressWarnings") && !type.equals("java.lang.SuppressWarnings")) {
          continue;
        }
        String text = source.text(annotation);
        for (String key : new String[] {"\"jasyncio\"", "\"" + tag.name() + "\"", "\"jasyncio:" + tag.name() + "\""}) {
          if (text.contains(key)) {
            return true;
          }
        }
      }
      return false;
    }
  }
}
