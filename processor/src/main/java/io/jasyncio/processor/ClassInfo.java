package io.jasyncio.processor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The class X that declares {@code @Async} methods, and what the transform needs to know about it:
 * its names, and what each simple name in its bodies means when it is not a local variable. A
 * state machine is a static nested class of {@code AsyncX} that holds X in {@code $self}, so every
 * instance member of X must be reached through {@code $self}, and every member of a class
 * enclosing X through that class's name; the sets below say which names those are.
 */
final class ClassInfo {
  final TypeElement element;
  final String packageName;
  final String simpleName;
  /** {@code Outer.Inner}: the name as written from the package. */
  final String nestedName;
  /** {@code AsyncOuter_Inner}. */
  final String generatedName;
  /** {@code pkg.Outer$Inner}: the name stack traces use. */
  final String binaryName;
  final SourceFile source;

  /** Names of fields, methods and member types X declares privately. */
  final Set<String> privateFields = new HashSet<>();
  final Set<String> privateMethods = new HashSet<>();
  final Set<String> nonPrivateMethods = new HashSet<>();
  final Set<String> privateTypes = new HashSet<>();
  /** Methods X itself declares (for super.m() checks), by name. */
  final Set<String> declaredMethods = new HashSet<>();
  /** Every method name X declares or inherits (a method named await shadows the import). */
  final Set<String> allMethodNames = new HashSet<>();
  /** @Async static methods of X: qualified calls X.m(...) go to the twin AsyncX.m(...). */
  final Set<String> asyncStaticMethods = new HashSet<>();
  /**
   * The machine class of each {@code @Async} method X declares under a name no other method of X
   * has (and without varargs): an await of a call of it can resume that class directly, a call the
   * JIT can inline (see Machine#awaitDirect).
   */
  final java.util.Map<String, String> directMachines = new java.util.HashMap<>();
  /**
   * Of {@link #directMachines}, the static methods without type parameters that are not
   * generators: their machine class has a static {@code $now(caller, ..)} entry that creates the
   * machine and runs it, and an await of a call of one is that single call.
   */
  final Set<String> machinesRunNow = new HashSet<>();
  /** Private members of X's enclosing classes, by name. */
  final Set<String> enclosingPrivateNames = new HashSet<>();
  /** Simple names of the classes the processor generates in this compilation (known before). */
  Set<String> generatedNames = Set.of();
  /** Every field X declares or inherits: its type. */
  final Map<String, TypeMirror> fieldTypes = new LinkedHashMap<>();

  /** Methods X declares or inherits that are not private. */
  final Set<String> visibleMethods = new HashSet<>();
  /** Instance fields X declares or inherits: reached as {@code $self.f}. */
  final Set<String> instanceFields = new HashSet<>();
  /** Static fields (and enum constants) X declares or inherits, by name. */
  final Set<String> staticFields = new HashSet<>();
  /** Methods of X with an instance overload: called as {@code $self.m(..)}. */
  final Set<String> instanceMethods = new HashSet<>();
  /** Member types X declares or inherits (they shadow the enclosing classes' names). */
  final Set<String> memberTypes = new HashSet<>();
  /** Inner (non-static) member classes of X: created as {@code $self.new Inner()}. */
  final Set<String> innerMemberClasses = new HashSet<>();
  /**
   * Protected instance members X inherits from a class of another package: only code in a
   * subclass, through a reference of that subclass's type, may touch them ({@code $self} is then
   * an {@code AsyncX}, and the machine cannot run on other subclasses of X).
   */
  final Set<String> privilegedNames = new HashSet<>();

  /**
   * Names that X's bodies see from its enclosing classes (static fields and methods, member
   * types, and the enclosing classes' own names), with the qualifier that reaches them from the
   * generated file: {@code Outer} or {@code Outer.Middle}. Names X itself has are not here.
   */
  final Map<String, String> outerFields = new LinkedHashMap<>();
  /** The types of the fields in {@link #outerFields}. */
  final Map<String, TypeMirror> outerFieldTypes = new LinkedHashMap<>();
  final Map<String, String> outerMethods = new LinkedHashMap<>();
  final Map<String, String> outerTypes = new LinkedHashMap<>();

  /**
   * When X is an inner class, the class whose instance encloses X's ({@code Outer.this}); null
   * otherwise. AsyncX keeps that instance in {@link #ENCLOSING}, as it has no other way to it.
   */
  final TypeElement enclosingInstance;
  /** How the generated file names {@link #enclosingInstance}'s class: {@code Outer}. */
  final String enclosingQualifier;
  /** The name of AsyncX's field that holds the enclosing instance of an inner X. */
  static final String ENCLOSING = "$enclosing";
  /** Instance fields of the enclosing instance's class that X's bodies name simply. */
  final Set<String> enclosingInstanceFields = new HashSet<>();
  /** Instance methods of the enclosing instance's class that X's bodies call by simple name. */
  final Set<String> enclosingInstanceMethods = new HashSet<>();
  /** Inner member classes of the enclosing instance's class: created on the enclosing instance. */
  final Set<String> enclosingInnerClasses = new HashSet<>();

  /**
   * Types looked up by simple name in the modules X's file imports ({@code import module M;}),
   * with what was found (null: none), for every body of X: a miss walks every package M exports.
   */
  final Map<String, TypeElement> moduleTypes = new java.util.HashMap<>();

  ClassInfo(TypeElement element, SourceFile source, Elements elements) {
    this.element = element;
    this.source = source;
    PackageElement pkg = elements.getPackageOf(element);
    this.packageName = pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
    this.simpleName = element.getSimpleName().toString();
    List<String> chain = new ArrayList<>();
    for (Element e = element; e instanceof TypeElement; e = e.getEnclosingElement()) {
      chain.add(0, e.getSimpleName().toString());
    }
    this.nestedName = String.join(".", chain);
    this.generatedName = "Async" + String.join("_", chain);
    this.binaryName = elements.getBinaryName(element).toString();
    this.enclosingInstance = isInnerClass(element) ? (TypeElement) element.getEnclosingElement() : null;
    this.enclosingQualifier = enclosingInstance == null ? null : qualifierOf(enclosingInstance);

    for (Element member : element.getEnclosedElements()) {
      boolean isPrivate = member.getModifiers().contains(Modifier.PRIVATE);
      String name = member.getSimpleName().toString();
      switch (member.getKind()) {
        case FIELD, ENUM_CONSTANT -> {
          if (isPrivate) {
            privateFields.add(name);
          }
        }
        case METHOD -> {
          declaredMethods.add(name);
          (isPrivate ? privateMethods : nonPrivateMethods).add(name);
        }
        case CLASS, INTERFACE, ENUM, RECORD, ANNOTATION_TYPE -> {
          if (isPrivate) {
            privateTypes.add(name);
          }
        }
        default -> {}
      }
    }
    for (Element member : elements.getAllMembers(element)) {
      String name = member.getSimpleName().toString();
      boolean isStatic = member.getModifiers().contains(Modifier.STATIC);
      switch (member.getKind()) {
        case FIELD, ENUM_CONSTANT -> {
          fieldTypes.putIfAbsent(name, member.asType());
          if (isStatic) {
            staticFields.add(name);
          }
          if (!isStatic && !member.getModifiers().contains(Modifier.PRIVATE)) {
            instanceFields.add(name);
          }
        }
        case METHOD -> {
          allMethodNames.add(name);
          if (!member.getModifiers().contains(Modifier.PRIVATE)) {
            visibleMethods.add(name);
            if (!isStatic) {
              instanceMethods.add(name);
            }
          }
        }
        case CLASS, INTERFACE, ENUM, RECORD, ANNOTATION_TYPE -> {
          memberTypes.add(name);
          if (!isStatic && member.getKind() == ElementKind.CLASS) {
            innerMemberClasses.add(name);
          }
        }
        default -> {}
      }
      if (!isStatic
          && member.getModifiers().contains(Modifier.PROTECTED)
          && (member.getKind() == ElementKind.FIELD || member.getKind() == ElementKind.METHOD)
          && !elements.getPackageOf(member).equals(pkg)) {
        privilegedNames.add(name);
      }
    }
    collectEnclosing(elements);
  }

  /** The name of X's type as written inside AsyncX's package. */
  String qualifiedName() {
    return packageName.isEmpty() ? nestedName : packageName + "." + nestedName;
  }

  /**
   * The members of the classes enclosing X, innermost first, that X's bodies can name simply; a
   * name X has itself (declared or inherited), or that an inner enclosing class has, hides it.
   */
  private void collectEnclosing(Elements elements) {
    Set<String> fieldsSeen = new HashSet<>(fieldTypes.keySet());
    Set<String> methodsSeen = new HashSet<>(allMethodNames);
    Set<String> typesSeen = new HashSet<>(memberTypes);
    // X's own simple name and those of the classes around it: Outer.Inner from the package.
    List<TypeElement> enclosing = new ArrayList<>();
    for (Element outer = element.getEnclosingElement();
        outer instanceof TypeElement type;
        outer = outer.getEnclosingElement()) {
      enclosing.add(type);
    }
    if (!enclosing.isEmpty() && !typesSeen.contains(simpleName)) {
      outerTypes.put(simpleName, qualifierOf(enclosing.get(0)));
      typesSeen.add(simpleName);
    }
    for (TypeElement outer : enclosing) {
      String qualifier = qualifierOf(outer);
      Set<String> methodsBefore = new HashSet<>(methodsSeen); // an outer class's overloads all count
      for (Element member : elements.getAllMembers(outer)) {
        String name = member.getSimpleName().toString();
        if (member.getModifiers().contains(Modifier.PRIVATE)) {
          if (outer.getEnclosedElements().contains(member)) {
            enclosingPrivateNames.add(name);
          }
          continue;
        }
        boolean isStatic = member.getModifiers().contains(Modifier.STATIC);
        boolean ofTheEnclosingInstance = outer.equals(enclosingInstance) && !isStatic;
        switch (member.getKind()) {
          case FIELD, ENUM_CONSTANT -> {
            if (isStatic && fieldsSeen.add(name)) {
              outerFields.put(name, qualifier);
              outerFieldTypes.put(name, member.asType());
            } else if (ofTheEnclosingInstance && fieldsSeen.add(name)) {
              enclosingInstanceFields.add(name);
              outerFieldTypes.put(name, member.asType());
            }
          }
          case METHOD -> {
            if (!methodsBefore.contains(name)) {
              methodsSeen.add(name);
              if (ofTheEnclosingInstance) {
                // an instance overload: every overload is called on the enclosing instance
                enclosingInstanceMethods.add(name);
                outerMethods.remove(name);
              } else if (isStatic && !enclosingInstanceMethods.contains(name)) {
                outerMethods.put(name, qualifier);
              }
            }
          }
          case CLASS, INTERFACE, ENUM, RECORD, ANNOTATION_TYPE -> {
            if (typesSeen.add(name)) {
              outerTypes.put(name, qualifier);
              if (ofTheEnclosingInstance && member.getKind() == ElementKind.CLASS) {
                enclosingInnerClasses.add(name);
              }
            }
          }
          default -> {}
        }
      }
      String outerName = outer.getSimpleName().toString();
      Element around = outer.getEnclosingElement();
      if (around instanceof TypeElement aroundType && typesSeen.add(outerName)) {
        outerTypes.put(outerName, qualifierOf(aroundType));
      }
    }
  }

  /** {@code Outer} or {@code Outer.Middle}: how the generated file names an enclosing class. */
  private static String qualifierOf(TypeElement type) {
    List<String> chain = new ArrayList<>();
    for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      chain.add(0, t.getSimpleName().toString());
    }
    return String.join(".", chain);
  }

  /** Whether an unqualified name (that is not a local) names a field visible in X. */
  boolean isFieldName(String name) {
    return fieldTypes.containsKey(name)
        || outerFields.containsKey(name)
        || enclosingInstanceFields.contains(name);
  }

  /**
   * Whether {@code type} is an inner class: a member class that is not static (a member of an
   * interface, and a member enum, record or interface, are static).
   */
  static boolean isInnerClass(TypeElement type) {
    return type.getNestingKind() == NestingKind.MEMBER
        && type.getKind() == ElementKind.CLASS
        && !type.getModifiers().contains(Modifier.STATIC)
        && !type.getEnclosingElement().getKind().isInterface();
  }

  /** The {@code @Async} instance methods X inherits without overriding them: AsyncX runs them. */
  static List<ExecutableElement> inheritedAsyncMethods(
      TypeElement type, Elements elements, TypeElement async) {
    List<ExecutableElement> inherited = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      if (method.getEnclosingElement().equals(type)
          || method.getModifiers().contains(Modifier.STATIC)
          || method.getModifiers().contains(Modifier.PRIVATE)
          || method.getModifiers().contains(Modifier.ABSTRACT)) {
        continue; // an abstract one is a contract: the class, or a subclass, implements it
      }
      if (method.getAnnotationMirrors().stream()
          .anyMatch(a -> a.getAnnotationType().asElement().equals(async))) {
        inherited.add(method);
      }
    }
    return inherited;
  }

  /**
   * Whether a static member of X with this name must be qualified: the machine inherits Coro's
   * members, all named with a leading {@code $}, and they would hide X's.
   */
  static boolean collidesWithMachineNames(String name) {
    return name.startsWith("$");
  }

  /** Fields of X by name, as elements (for constants used as case labels). */
  static VariableElement field(TypeElement type, Elements elements, String name) {
    for (VariableElement field : ElementFilter.fieldsIn(elements.getAllMembers(type))) {
      if (field.getSimpleName().contentEquals(name)) {
        return field;
      }
    }
    return null;
  }
}
