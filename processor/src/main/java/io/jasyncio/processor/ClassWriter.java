package io.jasyncio.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.ImportTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Writes {@code AsyncX}: the subclass of X with mirrored constructors, an override (or a static
 * twin) per {@code @Async} method, and one state machine class per method.
 *
 * <p>A machine is a static nested class that holds X in {@code $self}. For an instance method that
 * makes it usable on any object of X: AsyncX's override creates it on itself, and the generated
 * class of a subclass of X, which cannot extend AsyncX, creates it through the public factory
 * {@code AsyncX.m$new(self, ..)} for every {@code @Async} method it inherits. Types are written as
 * javac names them, fully qualified, so that nothing JavaPoet would import can clash with X's own
 * imports, which are copied verbatim (X's method bodies depend on them).
 */
final class ClassWriter {
  private static final String PROCESSOR = "io.jasyncio.processor.AsyncProcessor";
  private static final String SOURCE_PLACEHOLDER = "/*jasyncio:source*/";
  private static final String MEMBERS_PLACEHOLDER = "$localClasses$";
  private static final String LINT_KEYS =
      "{\"all\", \"auxiliaryclass\", \"cast\", \"deprecation\", \"divzero\", \"empty\","
          + " \"fallthrough\", \"finally\", \"lossy-conversions\", \"overloads\", \"rawtypes\","
          + " \"removal\", \"serial\", \"static\", \"try\", \"unchecked\", \"varargs\"}";

  /** An {@code @Async} method X inherits: AsyncX overrides it with the owner's machine. */
  record Inherited(ExecutableElement method, String factoryOwner) {}

  private final Elements elements;
  private final Types types;

  ClassWriter(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** A type written exactly as given (JavaPoet prints a type variable's name verbatim). */
  static TypeName raw(String text) {
    return TypeVariableName.get(text);
  }

  static TypeName type(TypeMirror mirror) {
    if (namesAnUnknownType(mirror)) {
      throw new LocalTypes.Deferred();
    }
    return raw(TypeText.of(mirror));
  }

  /**
   * Whether a type javac could not find appears anywhere in {@code mirror}, also as a type
   * argument ({@code AsyncGenerator<Undefined>}), an array's element or a wildcard's bound.
   */
  static boolean namesAnUnknownType(TypeMirror mirror) {
    switch (mirror.getKind()) {
      case ERROR:
        return true;
      case DECLARED:
        for (TypeMirror argument : ((javax.lang.model.type.DeclaredType) mirror).getTypeArguments()) {
          if (namesAnUnknownType(argument)) {
            return true;
          }
        }
        return false;
      case ARRAY:
        return namesAnUnknownType(((javax.lang.model.type.ArrayType) mirror).getComponentType());
      case WILDCARD: {
        javax.lang.model.type.WildcardType wildcard = (javax.lang.model.type.WildcardType) mirror;
        return wildcard.getExtendsBound() != null && namesAnUnknownType(wildcard.getExtendsBound())
            || wildcard.getSuperBound() != null && namesAnUnknownType(wildcard.getSuperBound());
      }
      default:
        return false;
    }
  }

  String write(
      ClassInfo info,
      List<MethodTransformer.MachineSource> machines,
      List<Inherited> inherited,
      Map<ExecutableElement, String> stubs) {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(info.generatedName)
            .addJavadoc(
                onlyStatic(machines, inherited)
                    ? "The coroutines of {@link $L}: call its static @Async methods here to get"
                        + " {@code Coro}\nobjects to await.\n"
                    : "The coroutines of {@link $L}: create instances of this class and call its"
                        + " @Async methods\n(static ones here too) to get {@code Coro} objects to"
                        + " await.\n",
                info.nestedName)
            .addAnnotation(
                AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                    .addMember("value", "$S", PROCESSOR)
                    .addMember("comments", "$S", "from " + info.source.fileName)
                    .build())
            .addAnnotation(
                // What javac says of the user's code it says on the user's lines; the same code
                // copied here must not say it twice.
                AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", "$L", LINT_KEYS)
                    .build());
    if (info.element.getKind() == javax.lang.model.element.ElementKind.INTERFACE) {
      type.addSuperinterface(type(info.element.asType())); // AsyncI implements I
    } else {
      type.superclass(type(info.element.asType()));
    }
    if (info.element.getModifiers().contains(Modifier.PUBLIC)) {
      type.addModifiers(Modifier.PUBLIC);
    }
    if (info.element.getModifiers().contains(Modifier.SEALED)) {
      type.addModifiers(Modifier.NON_SEALED); // a permitted subclass (Validation checked it is)
    }
    if (hasAbstractMethods(info) || onlyStatic(machines, inherited)) {
      // Abstract also when there is nothing to instantiate it for: a concrete AsyncX would inherit
      // X's JUnit @Test methods and a test runner would run them twice, once as X and once as AsyncX.
      type.addModifiers(Modifier.ABSTRACT);
    }
    for (TypeParameterElement parameter : info.element.getTypeParameters()) {
      type.addTypeVariable(typeVariable(parameter));
    }
    if (info.enclosingInstance != null) {
      type.addField(
          FieldSpec.builder(
                  type(info.enclosingInstance.asType()), ClassInfo.ENCLOSING, Modifier.FINAL)
              .addJavadoc(
                  "The $L this inner class's instance belongs to ($L.this in its bodies).\n",
                  info.enclosingInstance.getSimpleName(),
                  info.enclosingInstance.getSimpleName())
              .build());
    }
    for (ExecutableElement constructor :
        ElementFilter.constructorsIn(info.element.getEnclosedElements())) {
      if (!constructor.getModifiers().contains(Modifier.PRIVATE)) {
        type.addMethod(constructor(info, constructor));
      }
    }
    for (MethodTransformer.MachineSource machine : machines) {
      type.addMethod(entryMethod(info, machine));
    }
    for (Inherited method : inherited) {
      type.addMethod(inheritedOverride(info, method));
    }
    for (Map.Entry<ExecutableElement, String> stub : stubs.entrySet()) {
      addStub(info, stub.getKey(), stub.getValue(), type);
    }
    for (MethodTransformer.MachineSource machine : machines) {
      if (!machine.isStatic() && machine.unportable().isEmpty()) {
        type.addMethod(factory(info, machine));
      }
    }
    addBridges(info, machines, type);
    for (MethodTransformer.MachineSource machine : machines) {
      type.addType(machineClass(info, machine));
    }
    JavaFile file =
        JavaFile.builder(info.packageName, type.build())
            .addFileComment("Generated by jasyncio from $L. Do not edit.", info.source.fileName)
            .skipJavaLangImports(true)
            .indent("  ")
            .build();
    return withLineTables(
        withMemberClasses(withImports(file.toString(), info)), info.source.fileName);
  }

  /**
   * Fills each machine's {@code $SOURCE} table from the {@code // File.java:N} comments of its
   * code, now that the file's layout is final (the table is on one line, so filling it moves
   * nothing).
   */
  static String withLineTables(String text, String fileName) {
    String[] lines = text.split("\n", -1);
    java.util.regex.Pattern marker =
        java.util.regex.Pattern.compile(
            Machine.lineComment(fileName) + "$");
    List<Integer> placeholders = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(SOURCE_PLACEHOLDER)) {
        placeholders.add(i);
      }
    }
    for (int p = 0; p < placeholders.size(); p++) {
      int from = placeholders.get(p);
      int to = p + 1 < placeholders.size() ? placeholders.get(p + 1) : lines.length;
      StringJoiner pairs = new StringJoiner(", ");
      for (int i = from + 1; i < to; i++) {
        java.util.regex.Matcher m = marker.matcher(lines[i]);
        if (m.find() && m.group(2) != null) {
          // A range, marked from above: the lines below it are those of the source, one by one.
          int first = Integer.parseInt(m.group(1));
          int last = Integer.parseInt(m.group(2));
          pairs.add((i + 1) + ", " + first);
          for (int j = 0; j <= last - first; j++) {
            pairs.add((i + 2 + j) + ", " + (first + j));
          }
        } else if (m.find(0)) {
          pairs.add((i + 1) + ", " + m.group(1));
        }
      }
      lines[from] = lines[from].replace(SOURCE_PLACEHOLDER, pairs.toString());
    }
    return String.join("\n", lines);
  }

  /**
   * X's own imports, which its bodies need. Names of the classes around X are qualified in the
   * bodies instead of imported (an import from the unnamed package is not legal Java).
   */
  private static String withImports(String text, ClassInfo info) {
    StringBuilder imports = new StringBuilder();
    for (ImportTree imp : info.source.unit.getImports()) {
      imports.append(info.source.text(imp).trim()).append('\n');
    }
    if (imports.length() == 0) {
      return text;
    }
    int at = 0;
    if (!info.packageName.isEmpty()) {
      int packageLine = text.indexOf("package " + info.packageName + ";");
      at = text.indexOf('\n', packageLine) + 1;
    } else {
      int comment = text.indexOf("Do not edit.");
      at = comment < 0 ? 0 : text.indexOf('\n', comment) + 1;
    }
    return text.substring(0, at) + "\n" + imports + text.substring(at);
  }

  private static boolean onlyStatic(
      List<MethodTransformer.MachineSource> machines, List<Inherited> inherited) {
    if (!inherited.isEmpty()) {
      return false;
    }
    for (MethodTransformer.MachineSource machine : machines) {
      if (!machine.isStatic()) {
        return false;
      }
    }
    return true;
  }

  private boolean hasAbstractMethods(ClassInfo info) {
    List<ExecutableElement> members = ElementFilter.methodsIn(elements.getAllMembers(info.element));
    for (ExecutableElement method : members) {
      if (method.getModifiers().contains(Modifier.ABSTRACT) && !implemented(method, members, info)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a concrete member implements {@code method} in X: an interface's method that a
   * superclass implements ({@code List.size()} in a subclass of {@code AbstractList}) is still
   * among the members javac lists.
   */
  private boolean implemented(
      ExecutableElement method, List<ExecutableElement> members, ClassInfo info) {
    for (ExecutableElement candidate : members) {
      if (candidate != method
          && !candidate.getModifiers().contains(Modifier.ABSTRACT)
          && candidate.getSimpleName().contentEquals(method.getSimpleName())
          && elements.overrides(candidate, method, info.element)) {
        return true;
      }
    }
    return false;
  }

  private static TypeVariableName typeVariable(TypeParameterElement parameter) {
    List<TypeName> bounds = new ArrayList<>();
    for (TypeMirror bound : parameter.getBounds()) {
      if (!bound.toString().equals("java.lang.Object")) {
        bounds.add(type(bound));
      }
    }
    return TypeVariableName.get(parameter.getSimpleName().toString(), bounds.toArray(new TypeName[0]));
  }

  private static TypeVariableName typeVariable(TypeVariable variable) {
    TypeMirror upper = variable.getUpperBound();
    List<TypeName> bounds = new ArrayList<>();
    if (upper.getKind() == TypeKind.INTERSECTION) {
      for (TypeMirror bound : ((javax.lang.model.type.IntersectionType) upper).getBounds()) {
        bounds.add(type(bound));
      }
    } else if (!upper.toString().equals("java.lang.Object")) {
      bounds.add(type(upper));
    }
    return TypeVariableName.get(variable.toString(), bounds.toArray(new TypeName[0]));
  }

  /**
   * AsyncX's constructor for one of X's: the same parameters, passed on; for an inner X, first
   * the enclosing instance, which {@code outer.super(..)} gives X and AsyncX keeps
   * ({@code new AsyncOuter_Inner(outer, ..)} for {@code outer.new Inner(..)}).
   */
  private static MethodSpec constructor(ClassInfo info, ExecutableElement constructor) {
    MethodSpec.Builder builder = MethodSpec.constructorBuilder();
    access(constructor, builder);
    if (info.enclosingInstance != null) {
      builder.addParameter(type(info.enclosingInstance.asType()), ClassInfo.ENCLOSING);
    }
    signature(constructor, builder);
    StringJoiner args = new StringJoiner(", ");
    for (VariableElement parameter : constructor.getParameters()) {
      args.add(parameter.getSimpleName());
    }
    if (info.enclosingInstance == null) {
      return builder.addStatement("super($L)", args.toString()).build();
    }
    return builder
        .addStatement("$L.super($L)", ClassInfo.ENCLOSING, args.toString())
        .addStatement("this.$L = $L", ClassInfo.ENCLOSING, ClassInfo.ENCLOSING)
        .build();
  }

  private static MethodSpec entryMethod(ClassInfo info, MethodTransformer.MachineSource machine) {
    ExecutableElement method = machine.method();
    MethodSpec.Builder builder = MethodSpec.methodBuilder(method.getSimpleName().toString());
    access(method, builder);
    if (machine.isStatic()) {
      builder.addModifiers(Modifier.STATIC);
      builder.addJavadoc("The @Async static method $L, as a coroutine.\n", method.getSimpleName());
    } else {
      builder.addAnnotation(Override.class);
    }
    builder.returns(type(method.getReturnType()));
    signature(method, builder);
    List<String> arguments = new ArrayList<>();
    if (!machine.isStatic()) {
      arguments.add("this");
    }
    for (VariableElement parameter : method.getParameters()) {
      arguments.add(parameter.getSimpleName().toString());
    }
    builder.addStatement(
        "return new $L$L($L)$L",
        machine.className(),
        typeArguments(machine),
        String.join(", ", arguments),
        machine.generator() ? ".$generator()" : "");
    return builder.build();
  }

  /**
   * A method whose body does not compile (javac says why, on the user's line): an override (and
   * factory) with the same signature that throws, so that AsyncX and its subclasses still compile
   * and nothing else is reported. A signature that names unknown types is left out altogether.
   */
  private void addStub(ClassInfo info, ExecutableElement method, String found, TypeSpec.Builder type) {
    // Said only if javac, against what the processor saw, compiled the body: then a defect of ours.
    String said =
        "jasyncio: " + info.nestedName + "." + method.getSimpleName()
            + " was not transformed: its body does not compile (the processor found "
            + (found.length() > 200 ? found.substring(0, 200) + "..." : found)
            + "; if javac reported no error there, please report this to jasyncio)";
    String message = com.palantir.javapoet.CodeBlock.of("$S", said).toString();
    try {
      MethodSpec.Builder entry = MethodSpec.methodBuilder(method.getSimpleName().toString());
      access(method, entry);
      if (method.getModifiers().contains(Modifier.STATIC)) {
        entry.addModifiers(Modifier.STATIC);
      } else {
        entry.addAnnotation(Override.class);
      }
      entry.returns(type(method.getReturnType()));
      signature(method, entry);
      entry.addStatement("throw new java.lang.IllegalStateException($L)", message);
      type.addMethod(entry.build());
      String machine = info.directMachines.get(method.getSimpleName().toString());
      if (machine != null) {
        type.addType(standIn(machine, message));
      }
      if (!method.getModifiers().contains(Modifier.STATIC)) {
        MethodSpec.Builder factory =
            MethodSpec.methodBuilder(method.getSimpleName() + "$new")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(type(method.getReturnType()));
        for (TypeParameterElement parameter : info.element.getTypeParameters()) {
          factory.addTypeVariable(typeVariable(parameter));
        }
        factory.addParameter(type(info.element.asType()), "$self");
        signature(method, factory);
        factory.addStatement("throw new java.lang.IllegalStateException($L)", message);
        type.addMethod(factory.build());
      }
    } catch (LocalTypes.Deferred unknownType) {
      // The signature names a type that does not exist: no override, nothing to say twice.
    }
  }

  /**
   * A class in place of the machine of a method whose body does not compile, so that the awaits
   * of it in other methods of the class, which name its machine ({@code m$coro.$now(..)}, {@code
   * instanceof m$coro}), still compile: javac's error on the user's line stays the only one.
   */
  private static TypeSpec standIn(String machine, String message) {
    return TypeSpec.classBuilder(machine)
        .addJavadoc("Stands in for the machine of a method whose body does not compile.\n")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .superclass(raw("io.jasyncio.Coro<java.lang.Object>"))
        .addMethod(
            MethodSpec.methodBuilder("$now")
                .addModifiers(Modifier.STATIC)
                .returns(raw("java.lang.Object"))
                .addParameter(com.palantir.javapoet.ArrayTypeName.of(com.palantir.javapoet.ClassName.get(Object.class)), "arguments")
                .varargs(true)
                .addStatement("throw new java.lang.IllegalStateException($L)", message)
                .build())
        .addMethod(
            MethodSpec.methodBuilder("$resume")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(raw("java.lang.Object"))
                .addParameter(raw("java.lang.Object"), "in")
                .addParameter(raw("java.lang.Throwable"), "error")
                .addStatement("throw new java.lang.IllegalStateException($L)", message)
                .build())
        .build();
  }

  /** The machine's type arguments: X's type parameters, then the method's. */
  private static String typeArguments(MethodTransformer.MachineSource machine) {
    StringJoiner all = new StringJoiner(", ", "<", ">").setEmptyValue("");
    if (!machine.classTypeArguments().isEmpty()) {
      all.add(machine.classTypeArguments());
    }
    if (!machine.typeArguments().isEmpty()) {
      all.add(machine.typeArguments());
    }
    return all.toString();
  }

  private static String typeParameters(MethodTransformer.MachineSource machine) {
    StringJoiner all = new StringJoiner(", ", "<", "> ").setEmptyValue("");
    if (!machine.classTypeParameters().isEmpty()) {
      all.add(machine.classTypeParameters());
    }
    if (!machine.typeParameters().isEmpty()) {
      all.add(machine.typeParameters());
    }
    return all.toString();
  }

  /**
   * {@code public static <..> Coro<R> m$new(X self, ..)}: the machine of an instance method, for
   * any object of X. The generated class of a subclass of X runs the methods it inherits with it,
   * and {@code super.m(..)} in a subclass's {@code @Async} body is exactly this call.
   */
  private static MethodSpec factory(ClassInfo info, MethodTransformer.MachineSource machine) {
    ExecutableElement method = machine.method();
    String self = machine.names().self;
    List<String> arguments = new ArrayList<>(List.of(self));
    arguments.addAll(machine.parameterNames());
    return MethodSpec.methodBuilder(method.getSimpleName() + "$new")
        .addJavadoc(
            "The machine of {@link $L#$L} run on {@code $L}, for generated subclasses.\n",
            info.nestedName,
            method.getSimpleName(),
            self)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addTypeVariables(factoryTypeVariables(machine))
        .returns(type(method.getReturnType()))
        .addParameters(factoryParameters(info, machine))
        .varargs(method.isVarArgs())
        .addExceptions(thrown(method))
        .addStatement(
            "return new $L$L($L)$L",
            machine.className(),
            typeArguments(machine),
            String.join(", ", arguments),
            machine.generator() ? ".$generator()" : "")
        .build();
  }

  private static List<TypeVariableName> factoryTypeVariables(MethodTransformer.MachineSource machine) {
    List<TypeVariableName> variables = new ArrayList<>();
    for (String declaration : splitTopLevel(machine.classTypeParameters())) {
      variables.add(declared(declaration));
    }
    for (String declaration : splitTopLevel(machine.typeParameters())) {
      variables.add(declared(declaration));
    }
    return variables;
  }

  /** A type variable from its declaration text ({@code T extends Comparable<T>}), verbatim. */
  private static TypeVariableName declared(String declaration) {
    int space = declaration.indexOf(' ');
    if (space < 0) {
      return TypeVariableName.get(declaration);
    }
    String name = declaration.substring(0, space);
    String rest = declaration.substring(space).trim();
    if (!rest.startsWith("extends ")) {
      return TypeVariableName.get(declaration);
    }
    List<TypeName> bounds = new ArrayList<>();
    for (String bound : rest.substring("extends ".length()).split("&")) {
      bounds.add(raw(bound.trim()));
    }
    return TypeVariableName.get(name, bounds.toArray(new TypeName[0]));
  }

  /** Splits {@code A extends B<C, D>, E} at the commas outside angle brackets. */
  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '<') {
        depth++;
      } else if (c == '>') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i).trim());
        start = i + 1;
      }
    }
    if (!text.isBlank()) {
      parts.add(text.substring(start).trim());
    }
    return parts;
  }

  private static List<ParameterSpec> factoryParameters(
      ClassInfo info, MethodTransformer.MachineSource machine) {
    List<ParameterSpec> parameters = new ArrayList<>();
    parameters.add(ParameterSpec.builder(raw(selfType(info, machine, true)), machine.names().self).build());
    ExecutableElement method = machine.method();
    for (int i = 0; i < machine.parameterNames().size(); i++) {
      TypeName parameterType = raw(machine.parameterTypes().get(i));
      if (method.isVarArgs() && i == machine.parameterNames().size() - 1) {
        TypeMirror array = method.getParameters().get(i).asType();
        parameterType = ArrayTypeName.of(type(((ArrayType) array).getComponentType()));
      }
      parameters.add(ParameterSpec.builder(parameterType, machine.parameterNames().get(i)).build());
    }
    return parameters;
  }

  private static List<TypeName> thrown(ExecutableElement method) {
    List<TypeName> thrown = new ArrayList<>();
    for (TypeMirror type : method.getThrownTypes()) {
      thrown.add(type(type));
    }
    return thrown;
  }

  /**
   * The type of {@code $self}: X, or AsyncX when the machine needs AsyncX's own access (bridges,
   * protected members of a class in another package); {@code portable} asks for X.
   */
  private static String selfType(
      ClassInfo info, MethodTransformer.MachineSource machine, boolean portable) {
    String arguments =
        machine.classTypeArguments().isEmpty() ? "" : "<" + machine.classTypeArguments() + ">";
    return (portable ? info.qualifiedName() : info.generatedName) + arguments;
  }

  /** An {@code @Async} method X inherits: run the machine of the class that declares it. */
  private MethodSpec inheritedOverride(ClassInfo info, Inherited inherited) {
    ExecutableElement method = inherited.method();
    ExecutableType asMember =
        (ExecutableType) types.asMemberOf((DeclaredType) info.element.asType(), method);
    MethodSpec.Builder builder =
        MethodSpec.methodBuilder(method.getSimpleName().toString())
            .addAnnotation(Override.class)
            .addJavadoc(
                "The @Async method {@link $L#$L}, inherited: its own machine, run on this object.\n",
                ((TypeElement) method.getEnclosingElement()).getQualifiedName(),
                method.getSimpleName());
    access(method, builder);
    for (TypeVariable variable : asMember.getTypeVariables()) {
      builder.addTypeVariable(typeVariable(variable));
    }
    builder.returns(type(asMember.getReturnType()));
    List<String> arguments = new ArrayList<>(List.of("this"));
    List<? extends TypeMirror> parameterTypes = asMember.getParameterTypes();
    for (int i = 0; i < parameterTypes.size(); i++) {
      String name = method.getParameters().get(i).getSimpleName().toString();
      TypeName parameterType = type(parameterTypes.get(i));
      if (method.isVarArgs() && i == parameterTypes.size() - 1) {
        parameterType = ArrayTypeName.of(type(((ArrayType) parameterTypes.get(i)).getComponentType()));
      }
      builder.addParameter(parameterType, name);
      arguments.add(name);
    }
    builder.varargs(method.isVarArgs());
    for (TypeMirror thrown : asMember.getThrownTypes()) {
      builder.addException(type(thrown));
    }
    builder.addStatement(
        "return $L.$L$$new($L)",
        inherited.factoryOwner(),
        method.getSimpleName(),
        String.join(", ", arguments));
    return builder.build();
  }

  /** {@code super.m(..)} and {@code I.super.m(..)} bridges, for machines that need them. */
  private void addBridges(
      ClassInfo info, List<MethodTransformer.MachineSource> machines, TypeSpec.Builder type) {
    Map<String, List<ExecutableElement>> superBridges = new java.util.LinkedHashMap<>();
    Map<TypeElement, Set<String>> interfaceBridges = new java.util.LinkedHashMap<>();
    for (MethodTransformer.MachineSource machine : machines) {
      superBridges.putAll(machine.superBridges());
      machine.interfaceBridges()
          .forEach((i, names) -> interfaceBridges.computeIfAbsent(i, k -> new java.util.LinkedHashSet<>()).addAll(names));
    }
    for (Map.Entry<String, List<ExecutableElement>> bridge : superBridges.entrySet()) {
      for (ExecutableElement method : bridge.getValue()) {
        type.addMethod(
            bridge((DeclaredType) info.element.getSuperclass(), method, "$super$" + bridge.getKey(), "super." + bridge.getKey()));
      }
    }
    for (Map.Entry<TypeElement, Set<String>> bridge : interfaceBridges.entrySet()) {
      TypeElement face = bridge.getKey();
      DeclaredType faceType = null;
      for (TypeMirror candidate : info.element.getInterfaces()) {
        if (types.asElement(candidate).equals(face)) {
          faceType = (DeclaredType) candidate;
        }
      }
      // Named again here so that the JVM lets AsyncX call its default methods specially.
      type.addSuperinterface(type(faceType));
      String simple = face.getSimpleName().toString();
      int handles = 0;
      for (String name : bridge.getValue()) {
        for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(face))) {
          if (method.getSimpleName().contentEquals(name)
              && !method.getModifiers().contains(Modifier.STATIC)
              && !method.getModifiers().contains(Modifier.ABSTRACT)) {
            String handle = "$super$" + simple + "$" + name + "$" + (handles++);
            type.addField(defaultMethodHandle(info, face, method, handle));
            type.addMethod(defaultBridge(faceType, method, "$super$" + simple + "$" + name, handle));
          }
        }
      }
    }
  }

  /** The special handle of {@code I.m}, found with AsyncX's lookup (see io.jasyncio.SuperCall). */
  private FieldSpec defaultMethodHandle(
      ClassInfo info, TypeElement face, ExecutableElement method, String name) {
    StringJoiner classes = new StringJoiner(", ");
    classes.add("java.lang.invoke.MethodHandles.lookup()");
    classes.add(types.erasure(face.asType()) + ".class");
    classes.add("\"" + method.getSimpleName() + "\"");
    classes.add(info.generatedName + ".class");
    classes.add(types.erasure(method.getReturnType()) + ".class");
    for (VariableElement parameter : method.getParameters()) {
      classes.add(types.erasure(parameter.asType()) + ".class");
    }
    return FieldSpec.builder(
            raw("java.lang.invoke.MethodHandle"), name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("io.jasyncio.SuperCall.defaultMethod($L)", classes)
        .build();
  }

  /** {@code private R $super$I$m(P p) { return (R) handle.invoke(this, p); }}. */
  private MethodSpec defaultBridge(
      DeclaredType owner, ExecutableElement method, String name, String handle) {
    ExecutableType asMember = (ExecutableType) types.asMemberOf(owner, method);
    MethodSpec.Builder builder =
        MethodSpec.methodBuilder(name)
            .addJavadoc(
                "Bridge: {@code $L.super.$L(..)} for the machines, which cannot call it.\n",
                owner.asElement().getSimpleName(),
                method.getSimpleName())
            .addAnnotation(
                AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build())
            .addModifiers(Modifier.PRIVATE);
    for (TypeVariable variable : asMember.getTypeVariables()) {
      builder.addTypeVariable(typeVariable(variable));
    }
    builder.returns(type(asMember.getReturnType()));
    StringJoiner arguments = new StringJoiner(", ");
    arguments.add("this");
    List<? extends TypeMirror> parameterTypes = asMember.getParameterTypes();
    for (int i = 0; i < parameterTypes.size(); i++) {
      String parameter = "p" + i;
      TypeName parameterType = type(parameterTypes.get(i));
      if (method.isVarArgs() && i == parameterTypes.size() - 1) {
        parameterType = ArrayTypeName.of(type(((ArrayType) parameterTypes.get(i)).getComponentType()));
      }
      builder.addParameter(parameterType, parameter);
      arguments.add(parameter);
    }
    builder.varargs(method.isVarArgs());
    for (TypeMirror thrown : asMember.getThrownTypes()) {
      builder.addException(type(thrown));
    }
    TypeMirror returned = asMember.getReturnType();
    String call = handle + ".invoke(" + arguments + ")";
    builder.beginControlFlow("try");
    if (returned.getKind() == TypeKind.VOID) {
      builder.addStatement("$L", call);
    } else {
      builder.addStatement("return ($L) $L", returned, call);
    }
    builder.nextControlFlow("catch (java.lang.Throwable e)");
    builder.addStatement("throw io.jasyncio.SuperCall.rethrow(e)");
    builder.endControlFlow();
    return builder.build();
  }

  /** {@code private R name(P p) { return target(p); }}, typed as a member of {@code owner}. */
  private MethodSpec bridge(DeclaredType owner, ExecutableElement method, String name, String target) {
    ExecutableType asMember = (ExecutableType) types.asMemberOf(owner, method);
    MethodSpec.Builder builder =
        MethodSpec.methodBuilder(name)
            .addJavadoc("Bridge: {@code $L(..)} for the machines, which cannot call it.\n", target)
            .addModifiers(Modifier.PRIVATE);
    for (TypeVariable variable : asMember.getTypeVariables()) {
      builder.addTypeVariable(typeVariable(variable));
    }
    builder.returns(type(asMember.getReturnType()));
    StringJoiner arguments = new StringJoiner(", ");
    List<? extends TypeMirror> parameterTypes = asMember.getParameterTypes();
    for (int i = 0; i < parameterTypes.size(); i++) {
      String parameter = "p" + i;
      TypeName parameterType = type(parameterTypes.get(i));
      if (method.isVarArgs() && i == parameterTypes.size() - 1) {
        parameterType = ArrayTypeName.of(type(((ArrayType) parameterTypes.get(i)).getComponentType()));
      }
      builder.addParameter(parameterType, parameter);
      arguments.add(parameter);
    }
    builder.varargs(method.isVarArgs());
    for (TypeMirror thrown : asMember.getThrownTypes()) {
      builder.addException(type(thrown));
    }
    if (asMember.getReturnType().getKind() == TypeKind.VOID) {
      builder.addStatement("$L($L)", target, arguments);
    } else {
      builder.addStatement("return $L($L)", target, arguments);
    }
    return builder.build();
  }

  private static void access(ExecutableElement element, MethodSpec.Builder builder) {
    for (Modifier modifier : element.getModifiers()) {
      if (modifier == Modifier.PUBLIC || modifier == Modifier.PROTECTED) {
        builder.addModifiers(modifier);
      }
    }
  }

  private static void signature(ExecutableElement element, MethodSpec.Builder builder) {
    for (TypeParameterElement parameter : element.getTypeParameters()) {
      builder.addTypeVariable(typeVariable(parameter));
    }
    List<? extends VariableElement> parameters = element.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      VariableElement parameter = parameters.get(i);
      TypeName type;
      if (element.isVarArgs() && i == parameters.size() - 1) {
        type = ArrayTypeName.of(type(((ArrayType) parameter.asType()).getComponentType()));
      } else {
        type = type(parameter.asType());
      }
      ParameterSpec.Builder spec = ParameterSpec.builder(type, parameter.getSimpleName().toString());
      if (parameter.getModifiers().contains(Modifier.FINAL)) {
        spec.addModifiers(Modifier.FINAL);
      }
      builder.addParameter(spec.build());
    }
    builder.varargs(element.isVarArgs());
    for (TypeMirror thrown : element.getThrownTypes()) {
      builder.addException(type(thrown));
    }
  }

  /** Local classes moved into machines: the text that replaces each marker field. */
  private final Map<String, String> memberTexts = new java.util.LinkedHashMap<>();

  /** Puts the moved local classes where their markers are, indented like them. */
  private String withMemberClasses(String text) {
    for (Map.Entry<String, String> member : memberTexts.entrySet()) {
      String line = "private int " + member.getKey() + ";";
      int at = text.indexOf(line);
      int lineStart = text.lastIndexOf('\n', at) + 1;
      String indent = text.substring(lineStart, at);
      StringBuilder replacement = new StringBuilder();
      for (String part : member.getValue().split("\n", -1)) {
        replacement.append(part.isEmpty() ? "" : indent).append(part).append('\n');
      }
      text = text.substring(0, lineStart) + replacement + text.substring(at + line.length() + 1);
    }
    return text;
  }

  /** Whether awaits of {@code method} in the class are calls of its machine's {@code $now}. */
  private static boolean runsNow(ClassInfo info, ExecutableElement method) {
    return method.getModifiers().contains(Modifier.STATIC)
        && info.machinesRunNow.contains(method.getSimpleName().toString());
  }

  /**
   * {@code static Object $now(Coro<?> parent, ..)}: a new machine, awaited by {@code parent} (its
   * value, or {@code $SUSPEND}): an await of the method in the class is this one call, so that the
   * machine is created in the method that runs it (see {@code Coro.$runIn}).
   */
  private static MethodSpec nowEntry(MethodTransformer.MachineSource machine) {
    java.util.Set<String> taken = new java.util.HashSet<>(machine.parameterNames());
    String parent = unused("$parent", taken);
    String created = unused("$machine", taken);
    String out = unused("$out", taken);
    String thrown = unused("$thrown", taken);
    MethodSpec.Builder now =
        MethodSpec.methodBuilder("$now")
            .addJavadoc(
                "A new machine of this method, awaited by {@code $L} right here: its value, or"
                    + " {@code $$SUSPEND}.\n",
                parent)
            .addModifiers(Modifier.STATIC)
            .returns(raw("java.lang.Object"))
            .addParameter(raw("io.jasyncio.Coro<?>"), parent)
            .addException(raw("java.lang.Throwable"));
    for (int i = 0; i < machine.parameterNames().size(); i++) {
      now.addParameter(raw(machine.parameterTypes().get(i)), machine.parameterNames().get(i));
    }
    return now.addStatement(
            "$L $L = new $L($L)",
            machine.className(),
            created,
            machine.className(),
            String.join(", ", machine.parameterNames()))
        .beginControlFlow("if (!$L.$$enteredBy($L))", created, parent)
        .addStatement("return $$SUSPEND")
        .endControlFlow()
        .addStatement("java.lang.Object $L", out)
        .beginControlFlow("try")
        .addStatement("$L = $L.$$resume(null, null)", out, created)
        .nextControlFlow("catch (java.lang.Throwable $L)", thrown)
        .addComment("The machine described, not passed, so that it need not exist (Coro.$$failedAt)")
        .addStatement(
            "throw $$failedAt($L, $L.class, $$whereAt($L.$$label), $$SOURCE)",
            thrown,
            machine.className(),
            created)
        .endControlFlow()
        .addStatement("return $L.$$leftTo($L, $L)", created, parent, out)
        .build();
  }

  /** {@code name}, or {@code name} with {@code $}s added until no name in {@code taken} is it. */
  private static String unused(String name, java.util.Set<String> taken) {
    while (!taken.add(name)) {
      name += "$";
    }
    return name;
  }

  private TypeSpec machineClass(ClassInfo info, MethodTransformer.MachineSource machine) {
    ExecutableElement method = machine.method();
    MachineNames names = machine.names();
    TypeSpec.Builder type =
        TypeSpec.classBuilder(machine.className())
            .addJavadoc(
                "State machine of {@link $L#$L}, $L:$L.\n",
                info.nestedName,
                method.getSimpleName(),
                info.source.fileName,
                machine.methodLine())
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .superclass(
                raw(
                    (machine.generator() ? "io.jasyncio.GeneratorBody<" : "io.jasyncio.Coro<")
                        + machine.resultType()
                        + ">"));
    type.addTypeVariables(factoryTypeVariables(machine));
    StringJoiner lines = new StringJoiner(", ");
    for (int line : machine.lines()) {
      lines.add(Integer.toString(line));
    }
    type.addField(
        FieldSpec.builder(raw("int[]"), "$LINES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The original line of each state.\n")
            .initializer("{$L}", lines.toString())
            .build());
    type.addField(
        FieldSpec.builder(raw("int[]"), "$SOURCE", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("Pairs of (line in this file, original line), for stack traces.\n")
            .initializer("{$L}", SOURCE_PLACEHOLDER)
            .build());
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
    if (!machine.isStatic()) {
      String selfType = selfType(info, machine, machine.unportable().isEmpty());
      type.addField(
          FieldSpec.builder(raw(selfType), names.self, Modifier.FINAL)
              .addJavadoc("The object this call runs on: {@code this} in the method's body.\n")
              .build());
      constructor.addParameter(raw(selfType), names.self);
      constructor.addStatement("this.$L = $L", names.self, names.self);
    }
    for (int i = 0; i < machine.parameterNames().size(); i++) {
      String name = machine.parameterNames().get(i);
      String parameterType = machine.parameterTypes().get(i);
      type.addField(
          FieldSpec.builder(raw(parameterType), name).addJavadoc("Parameter.\n").build());
      constructor.addParameter(raw(parameterType), name);
      constructor.addStatement("this.$L = $L", name, name);
    }
    for (Machine.Field field : machine.fields()) {
      FieldSpec.Builder spec =
          FieldSpec.builder(raw(field.type()), field.name())
              .addJavadoc("$L.\n", capitalize(field.comment()));
      if (field.constant() != null) {
        spec.addModifiers(Modifier.FINAL).initializer("$L", field.constant());
      }
      type.addField(spec.build());
    }
    type.addMethod(constructor.build());
    if (runsNow(info, machine.method())) {
      type.addMethod(nowEntry(machine));
    }
    if (!machine.memberTypes().isEmpty()) {
      // JavaPoet writes no class from text: a marker field, replaced by the classes afterwards.
      String marker = MEMBERS_PLACEHOLDER + memberTexts.size();
      memberTexts.put(marker, String.join("\n\n", machine.memberTypes()));
      type.addField(FieldSpec.builder(TypeName.INT, marker, Modifier.PRIVATE).build());
    }
    boolean split = machine.stateMethods() != null;
    if (split) {
      type.addField(
          FieldSpec.builder(raw("java.lang.Object"), names.in)
              .addJavadoc("What the last await produced (a split machine's states share it).\n")
              .build());
    }
    type.addMethod(
        MethodSpec.methodBuilder("$resume")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PROTECTED)
            .returns(raw("java.lang.Object"))
            .addParameter(raw("java.lang.Object"), split ? names.inArgument : names.in)
            .addParameter(raw("java.lang.Throwable"), names.err)
            .addException(raw("java.lang.Throwable"))
            .addCode(split ? CodeBlock.of("$L = $L;\n", names.in, names.inArgument) : CodeBlock.of(""))
            .addCode(CodeBlock.of("$L", machine.resumeBody()))
            .build());
    if (split) {
      for (Map.Entry<Integer, String> state : machine.stateMethods().entrySet()) {
        type.addMethod(
            MethodSpec.methodBuilder("$s" + state.getKey())
                .addModifiers(Modifier.PRIVATE)
                .returns(raw("java.lang.Object"))
                .addException(raw("java.lang.Throwable"))
                .addCode(CodeBlock.of("$L", state.getValue()))
                .build());
      }
    }
    type.addMethod(
        MethodSpec.methodBuilder("$sourceLine")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PROTECTED)
            .returns(TypeName.INT)
            .addParameter(TypeName.INT, "generatedLine")
            .addStatement("return $$lookup($$SOURCE, generatedLine)")
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("$where")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PROTECTED)
            .returns(raw("java.lang.StackTraceElement"))
            .addStatement("return $$whereAt($$label)")
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("$whereAt")
            .addJavadoc("Where a frame of this machine is when in state {@code label}.\n")
            .addModifiers(Modifier.STATIC)
            .returns(raw("java.lang.StackTraceElement"))
            .addParameter(TypeName.INT, "label")
            .addStatement(
                "return new java.lang.StackTraceElement($S, $S, $S, label >= 0 && label < $$LINES.length"
                    + " ? $$LINES[label] : -1)",
                info.binaryName,
                method.getSimpleName().toString(),
                info.source.fileName)
            .build());
    return type.build();
  }

  private static String capitalize(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
