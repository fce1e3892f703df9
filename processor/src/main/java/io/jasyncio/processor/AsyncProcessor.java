package io.jasyncio.processor;

import com.google.auto.service.AutoService;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * The jasyncio transform: for each class X with {@code @Async} methods, writes {@code AsyncX}, in
 * which every such method is a state machine (see {@code io.jasyncio.Coro} for the contract).
 *
 * <p>The pipeline, per class: validate (class and method rules), model (scan each body for await
 * points, locals and jumps; lower it to states), write (JavaPoet). Problems are reported as tagged
 * errors on the user's own lines and abort only the class they concern; an unexpected exception
 * becomes an error on the class, never a javac crash. A class whose types are not resolved yet
 * (another processor has still to generate them) is retried in the next round. The processor
 * never claims annotations, and it needs javac: it reads method bodies through the {@code
 * com.sun.source} tree API, which Eclipse's compiler does not have.
 */
@AutoService(Processor.class)
public final class AsyncProcessor extends AbstractProcessor {
  private static final String ASYNC = "io.jasyncio.annotations.Async";

  private Trees trees;
  private Diagnostics diagnostics;
  private final Set<String> deferred = new LinkedHashSet<>();
  private final Set<String> finished = new HashSet<>();
  private final Map<String, SourceFile> sources = new HashMap<>();
  /**
   * Why the machine of an instance method (by {@link #methodKey}) cannot run on a subclass of its
   * class; empty when it can. Filled as classes are written, read for their subclasses.
   */
  private final Map<String, Set<String>> unportable = new HashMap<>();
  /** Simple names of every class this processor generates in this compilation. */
  private final Set<String> generatedNames = new HashSet<>();
  private boolean noTreesReported;

  /** {@code -Ajasyncio.split=auto|always|never}: when machines get a method per state. */
  static final String SPLIT_OPTION = "jasyncio.split";

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(SPLIT_OPTION);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    try {
      trees = Trees.instance(env);
    } catch (IllegalArgumentException | LinkageError notJavac) {
      trees = null;
    }
    diagnostics = new Diagnostics(env.getMessager(), trees);
    stubCheck = StubCheck.install(env, trees);
  }

  /** Checks, after javac's attribution, that the stubs made for unknown names were right. */
  private StubCheck stubCheck;

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      processRound(round);
    } catch (Throwable unexpected) {
      StringWriter trace = new StringWriter();
      unexpected.printStackTrace(new PrintWriter(trace));
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR,
              Diagnostics.format(
                  Tag.AsyncInternalError,
                  "the jasyncio processor failed unexpectedly; please report this with the"
                      + " source that caused it:\n"
                      + trace));
    }
    return false;
  }

  private void processRound(RoundEnvironment round) {
    TypeElement async = processingEnv.getElementUtils().getTypeElement(ASYNC);
    if (async == null) {
      return;
    }
    Map<String, TypeElement> classes = new LinkedHashMap<>();
    for (String name : deferred) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        classes.put(name, type);
      }
    }
    deferred.clear();
    for (Element element : round.getElementsAnnotatedWith(async)) {
      if (element.getEnclosingElement() instanceof TypeElement owner) {
        classes.putIfAbsent(owner.getQualifiedName().toString(), owner);
      }
    }
    // Classes that declare no @Async method but inherit some: AsyncX must run those too.
    for (Element root : round.getRootElements()) {
      collectInheriting(root, async, classes);
    }
    if (trees == null) {
      if (!classes.isEmpty() && !noTreesReported) {
        noTreesReported = true;
        processingEnv
            .getMessager()
            .printMessage(
                Diagnostic.Kind.ERROR,
                "[AsyncNeedsJavac] the jasyncio processor reads method bodies through javac's"
                    + " com.sun.source API, which this compiler does not provide; build with javac"
                    + " (Eclipse's compiler is not supported)");
      }
      return;
    }
    // The classes generated here are known names, before they exist (a body may name its own).
    for (TypeElement type : classes.values()) {
      generatedNames.add(AsyncNames.generatedSimpleName(type));
    }
    // A superclass first: its machines' portability decides what its subclasses may inherit.
    List<Map.Entry<String, TypeElement>> ordered = new ArrayList<>(classes.entrySet());
    ordered.sort(java.util.Comparator.comparingInt(e -> superclassDepth(e.getValue())));
    for (Map.Entry<String, TypeElement> entry : ordered) {
      if (finished.contains(entry.getKey())) {
        continue;
      }
      if (processClass(entry.getValue(), async, round.processingOver())) {
        finished.add(entry.getKey());
      } else {
        deferred.add(entry.getKey());
      }
    }
    new Lints(processingEnv, trees, diagnostics, this::sourceOf).run(round, async);
    new TestClassRules(processingEnv, diagnostics).checkAsyncTestMethods(round, async);
    if (round.processingOver()) {
      for (String name : deferred) {
        TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
        processingEnv
            .getMessager()
            .printMessage(
                Diagnostic.Kind.ERROR,
                "[AsyncUnresolvedType] "
                    + name
                    + " uses types that were never generated or found, so its @Async methods"
                    + " could not be transformed; fix the errors about those types first",
                type);
      }
      deferred.clear();
    }
  }

  /**
   * Reports each {@code var} local of {@code method} whose initializer names a class this
   * processor generates (a body may call its own AsyncX): javac cannot tell such a local's type
   * until AsyncX exists, and AsyncX cannot be written without it. Returns whether there was one.
   */
  private boolean varTypedByGenerated(ExecutableElement method) {
    com.sun.source.util.TreePath path = trees.getPath(method);
    if (path == null) {
      return false;
    }
    com.sun.source.tree.CompilationUnitTree unit = path.getCompilationUnit();
    boolean[] found = {false};
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(com.sun.source.tree.VariableTree variable, Void unused) {
        if (variable.getType() == null || isVar(variable)) {
          String named = generatedNameIn(variable);
          if (named != null) {
            found[0] = true;
            diagnostics.errorContinue(
                variable,
                unit,
                Tag.AsyncUnnamedType,
                "local '"
                    + variable.getName()
                    + "' is declared with var and its type comes from "
                    + named
                    + ", which the processor is generating from this code: javac cannot tell that"
                    + " type before it exists; declare '"
                    + variable.getName()
                    + "' with its type");
          }
        }
        return super.visitVariable(variable, unused);
      }

      private boolean isVar(com.sun.source.tree.VariableTree variable) {
        com.sun.source.util.SourcePositions positions = trees.getSourcePositions();
        long start = positions.getStartPosition(unit, variable.getType());
        return start < 0;
      }

      /** The generated class the variable's initializer (or its loop's iterable) names, or null. */
      private String generatedNameIn(com.sun.source.tree.VariableTree variable) {
        com.sun.source.tree.Tree init = variable.getInitializer();
        com.sun.source.util.TreePath at = trees.getPath(unit, variable);
        if (init == null && at != null
            && at.getParentPath().getLeaf() instanceof com.sun.source.tree.EnhancedForLoopTree loop) {
          init = loop.getExpression();
        }
        if (init == null) {
          return null;
        }
        String text = init.toString();
        for (String name : generatedNames) {
          if (java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(name) + "\\b").matcher(text).find()) {
            return name;
          }
        }
        return null;
      }
    }.scan(path.getLeaf(), null);
    return found[0];
  }

  private void collectInheriting(Element element, TypeElement async, Map<String, TypeElement> classes) {
    if (!(element instanceof TypeElement type)) {
      return;
    }
    if (type.getKind() == javax.lang.model.element.ElementKind.CLASS
        && !classes.containsKey(type.getQualifiedName().toString())
        && !generatedByUs(type)
        && !ClassInfo.inheritedAsyncMethods(type, processingEnv.getElementUtils(), async).isEmpty()) {
      classes.put(type.getQualifiedName().toString(), type);
    }
    if ((type.getKind() == javax.lang.model.element.ElementKind.ENUM
            || type.getKind() == javax.lang.model.element.ElementKind.RECORD)
        && warnedFinalInheritors.add(type.getQualifiedName().toString())) {
      warnFinalInheritor(type, async);
    }
    for (Element member : type.getEnclosedElements()) {
      collectInheriting(member, async, classes);
    }
  }

  /** The enums and records warned about (once, whatever the round). */
  private final Set<String> warnedFinalInheritors = new java.util.HashSet<>();

  /**
   * An enum or a record that inherits an interface's {@code @Async} default method: it is final,
   * so no generated class runs the method, and the default body would run as plain Java.
   */
  private void warnFinalInheritor(TypeElement type, TypeElement async) {
    List<ExecutableElement> inherited =
        ClassInfo.inheritedAsyncMethods(type, processingEnv.getElementUtils(), async);
    TreePath path = trees == null ? null : trees.getPath(type);
    if (inherited.isEmpty() || path == null) {
      return;
    }
    ExecutableElement method = inherited.get(0);
    String kind = type.getKind() == javax.lang.model.element.ElementKind.ENUM ? "enum" : "record";
    diagnostics.warning(
        type,
        path.getLeaf(),
        path.getCompilationUnit(),
        Tag.AsyncInheritedMethod,
        kind
            + " '"
            + type.getSimpleName()
            + "' inherits @Async method "
            + method.getSimpleName()
            + "() from "
            + method.getEnclosingElement().getSimpleName()
            + ", but a "
            + kind
            + " is final and has no generated class to run it: on a "
            + type.getSimpleName()
            + " its body runs as plain Java and fails; implement "
            + method.getSimpleName()
            + "() in "
            + type.getSimpleName()
            + " without awaits, or use an abstract class and new Async"
            + type.getSimpleName()
            + "(..)");
  }

  private static boolean generatedByUs(TypeElement type) {
    return type.getSimpleName().toString().startsWith("Async")
        && type.getAnnotationMirrors().stream()
            .anyMatch(
                a ->
                    a.getAnnotationType().toString().equals("javax.annotation.processing.Generated")
                        && a.getElementValues().values().stream()
                            .anyMatch(v -> v.toString().contains("io.jasyncio.processor")));
  }

  private int superclassDepth(TypeElement type) {
    int depth = 0;
    for (TypeElement t = type; t != null; depth++) {
      javax.lang.model.type.TypeMirror superclass = t.getSuperclass();
      t = superclass.getKind() == javax.lang.model.type.TypeKind.DECLARED
          ? (TypeElement) processingEnv.getTypeUtils().asElement(superclass)
          : null;
    }
    return depth;
  }

  /** Every member of {@code type}, inherited ones included. */
  private List<? extends Element> elementsOf(TypeElement type) {
    return processingEnv.getElementUtils().getAllMembers(type);
  }

  /** A key for an instance method that names the same method in every round. */
  private static String methodKey(ExecutableElement method) {
    return ((TypeElement) method.getEnclosingElement()).getQualifiedName() + "#" + method;
  }

  /** Returns false if the class must wait for the next round. */
  private boolean processClass(TypeElement type, TypeElement async, boolean lastRound) {
    List<ExecutableElement> methods = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (method.getAnnotationMirrors().stream()
          .anyMatch(a -> a.getAnnotationType().asElement().equals(async))) {
        if (method.getModifiers().contains(Modifier.ABSTRACT)) {
          // A contract (Kotlin's abstract suspend fun): nothing to generate; its return type is
          // still checked, since the @Async methods implementing it must return the same.
          new Validation(diagnostics).checkReturnType(method);
        } else {
          methods.add(method);
        }
      }
    }
    List<ExecutableElement> inheritedMethods =
        ClassInfo.inheritedAsyncMethods(type, processingEnv.getElementUtils(), async);
    if (methods.isEmpty() && inheritedMethods.isEmpty()) {
      return true;
    }
    if (methods.isEmpty()
        && (!type.getModifiers().contains(Modifier.ABSTRACT)
            || type.getModifiers().contains(Modifier.FINAL))) {
      if (trees != null && trees.getPath(type) != null) {
        diagnostics.warning(
            type,
            trees.getPath(type).getLeaf(),
            trees.getPath(type).getCompilationUnit(),
            Tag.AsyncInheritedMethod,
            "class '"
                + type.getSimpleName()
                + "' inherits @Async method "
                + inheritedMethods.get(0).getSimpleName()
                + "() from "
                + inheritedMethods.get(0).getEnclosingElement().getSimpleName()
                + " but is not abstract, so no generated class runs it: on a "
                + type.getSimpleName()
                + " its body runs as plain Java and fails; make it abstract and create it with"
                + " new Async"
                + type.getSimpleName()
                + "(..)");
      }
      return true;
    }
    try {
      new Validation(diagnostics).checkClass(type, methods, Validation.isImplicitClass(trees, type));
      TreePath classPath = trees.getPath(type);
      if (classPath == null) {
        return true; // not from source in this compilation
      }
      // Trees.getPath(method) searches the whole file from its top: once per class, not per method.
      Map<Element, TreePath> methodPaths = new HashMap<>();
      for (com.sun.source.tree.Tree member :
          ((com.sun.source.tree.ClassTree) classPath.getLeaf()).getMembers()) {
        if (member instanceof com.sun.source.tree.MethodTree) {
          TreePath memberPath = new TreePath(classPath, member);
          Element element = trees.getElement(memberPath);
          if (element != null) {
            methodPaths.put(element, memberPath);
          }
        }
      }
      for (ExecutableElement method : methods) {
        methodPaths.computeIfAbsent(method, trees::getPath);
      }
      SourceFile source = sourceOf(classPath);
      ClassInfo info = new ClassInfo(type, source, processingEnv.getElementUtils());
      info.generatedNames = generatedNames;
      for (ExecutableElement method : methods) {
        if (method.getModifiers().contains(Modifier.STATIC)) {
          info.asyncStaticMethods.add(method.getSimpleName().toString());
        }
      }
      Map<String, Integer> namesake = new HashMap<>();
      for (ExecutableElement method : ElementFilter.methodsIn(elementsOf(type))) {
        namesake.merge(method.getSimpleName().toString(), 1, Integer::sum);
      }
      for (ExecutableElement method : methods) {
        String name = method.getSimpleName().toString();
        if (namesake.getOrDefault(name, 0) == 1 && !method.isVarArgs()) {
          info.directMachines.put(name, name + "$coro");
          if (method.getModifiers().contains(Modifier.STATIC)
              && method.getTypeParameters().isEmpty()
              && !Validation.isGenerator(method)) {
            info.machinesRunNow.add(name);
          }
        }
      }
      List<ClassWriter.Inherited> inherited = new ArrayList<>();
      for (ExecutableElement method : inheritedMethods) {
        ClassWriter.Inherited run = inheritedMachine(type, method);
        if (run == null) {
          return false;
        }
        inherited.add(run);
      }
      Validation validation = new Validation(diagnostics);
      MethodTransformer transformer =
          new MethodTransformer(
              trees,
              processingEnv.getTypeUtils(),
              processingEnv.getElementUtils(),
              diagnostics,
              info,
              async);
      transformer.lastRound = lastRound;
      String split = processingEnv.getOptions().get(SPLIT_OPTION);
      if (split != null) {
        try {
          transformer.splitMode = MethodTransformer.Split.valueOf(split.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
          processingEnv
              .getMessager()
              .printMessage(
                  Diagnostic.Kind.WARNING,
                  "-A" + SPLIT_OPTION + "=" + split + " is not auto, always or never; auto is used");
        }
      }
      List<MethodTransformer.MachineSource> machines = new ArrayList<>();
      // A method whose body does not compile, and what the processor saw wrong with it
      Map<ExecutableElement, String> stubs = new java.util.LinkedHashMap<>();
      Map<String, Integer> overloads = new HashMap<>();
      boolean failed = false;
      for (ExecutableElement method : methods) {
        if (!validation.checkMethod(method)) {
          failed = true;
          continue;
        }
        String name = method.getSimpleName().toString();
        int n = overloads.merge(name, 1, Integer::sum);
        String className = name + "$coro" + (n == 1 ? "" : Integer.toString(n));
        try {
          MethodTransformer.MachineSource machine =
              transformer.transform(method, methodPaths.get(method), className);
          machines.add(machine);
          if (!machine.isStatic()) {
            unportable.put(methodKey(method), machine.unportable());
          }
        } catch (Diagnostics.AbortElement abort) {
          failed = true;
        } catch (MethodTransformer.DoesNotCompile wrong) {
          stubs.put(method, wrong.found); // javac reports it on the user's line
          if (stubCheck != null) {
            stubCheck.stubbed(method, wrong.found);
          }
        } catch (LocalTypes.Deferred later) {
          if (!lastRound) {
            throw later;
          }
          if (varTypedByGenerated(method)) {
            failed = true; // said on the local: javac sees nothing wrong with it
          } else {
            stubs.put(method, "a type that does not exist"); // javac reports it
            if (stubCheck != null) {
              stubCheck.stubbed(method, "a type that does not exist");
            }
          }
        } catch (RuntimeException | StackOverflowError unexpected) {
          // A defect of ours: said on the method it concerns, and only that class is given up.
          StringWriter trace = new StringWriter();
          unexpected.printStackTrace(new PrintWriter(trace));
          processingEnv
              .getMessager()
              .printMessage(
                  Diagnostic.Kind.ERROR,
                  Diagnostics.format(
                      Tag.AsyncInternalError,
                      "the jasyncio processor failed on this method; please report this with its"
                          + " source:\n"
                          + trace),
                  method);
          failed = true;
        }
      }
      if (failed) {
        return true;
      }
      String text =
          new ClassWriter(processingEnv.getElementUtils(), processingEnv.getTypeUtils())
              .write(info, machines, inherited, stubs);
      write(info, text, type);
      boolean instanceMethods = !inherited.isEmpty();
      for (MethodTransformer.MachineSource machine : machines) {
        instanceMethods |= !machine.isStatic();
      }
      new TestClassRules(processingEnv, diagnostics).checkClass(type, instanceMethods);
      return true;
    } catch (LocalTypes.Deferred later) {
      return false;
    } catch (Diagnostics.AbortElement abort) {
      return true;
    }
  }

  /**
   * How AsyncX runs an {@code @Async} method X inherits: with the factory of the declaring class's
   * generated class. Null when that class is still to be processed (retry in the next round);
   * an error (aborting X) when its machine cannot run on X or was never generated.
   */
  private ClassWriter.Inherited inheritedMachine(TypeElement type, ExecutableElement method) {
    Elements elements = processingEnv.getElementUtils();
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    String generated = AsyncNames.generatedQualifiedName(owner, elements);
    String reference =
        elements.getPackageOf(owner).equals(elements.getPackageOf(type))
            ? AsyncNames.generatedSimpleName(owner)
            : generated;
    Set<String> reasons = unportable.get(methodKey(method));
    if (reasons == null) {
      TypeElement compiled = elements.getTypeElement(generated);
      if (compiled == null) {
        if (trees.getPath(owner) != null) {
          return null; // declared in this compilation: generated in this or a later round
        }
        throw diagnostics.error(
            type,
            Tag.AsyncInheritedMethod,
            "class '"
                + type.getSimpleName()
                + "' inherits @Async method "
                + method.getSimpleName()
                + "() from "
                + owner.getQualifiedName()
                + ", but "
                + generated
                + " does not exist: "
                + owner.getSimpleName()
                + " was compiled without the jasyncio processor; compile it with the processor");
      }
      boolean found = false;
      for (ExecutableElement factory : ElementFilter.methodsIn(compiled.getEnclosedElements())) {
        if (factory.getSimpleName().contentEquals(method.getSimpleName() + "$new")
            && factory.getParameters().size() == method.getParameters().size() + 1) {
          found = true;
        }
      }
      reasons =
          found
              ? Set.of()
              : Set.of("needs the access of " + generated + " itself (a super call, or a protected"
                  + " member of a class in another package)");
    }
    if (!reasons.isEmpty()) {
      throw diagnostics.error(
          type,
          Tag.AsyncInheritedMethod,
          "class '"
              + type.getSimpleName()
              + "' inherits @Async method "
              + method.getSimpleName()
              + "() from "
              + owner.getSimpleName()
              + ", whose body "
              + String.join(" and ", reasons)
              + ", so it can only run on an Async"
              + owner.getSimpleName()
              + "; override "
              + method.getSimpleName()
              + "() in "
              + type.getSimpleName()
              + ", or move that use into a non-@Async helper method of "
              + owner.getSimpleName());
    }
    return new ClassWriter.Inherited(method, reference);
  }

  SourceFile sourceOf(TreePath path) {
    String name = path.getCompilationUnit().getSourceFile().toUri().toString();
    return sources.computeIfAbsent(name, n -> new SourceFile(path.getCompilationUnit(), trees));
  }

  private void write(ClassInfo info, String text, TypeElement origin) {
    String name = info.packageName.isEmpty() ? info.generatedName : info.packageName + "." + info.generatedName;
    try {
      JavaFileObject file = processingEnv.getFiler().createSourceFile(name, origin);
      try (Writer writer = file.openWriter()) {
        writer.write(text);
      }
    } catch (IOException e) {
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR,
              "[AsyncInternalError] could not write " + name + ": " + e.getMessage(),
              origin);
    }
  }
}
