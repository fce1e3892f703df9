package io.jasyncio.processor;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParenthesizedTree;
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
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The class X that declares {@code @Async} methods, and what the transform needs to know about it:
 * names, members (private ones can't be reached from {@code AsyncX}), and the members of its
 * enclosing classes (which {@code AsyncOuter_Inner} must import to resolve names as X did).
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
  /** Private members of X's enclosing classes, by name. */
  final Set<String> enclosingPrivateNames = new HashSet<>();
  /** Every field X declares or inherits, and the enclosing classes' static fields: their types. */
  final Map<String, TypeMirror> fieldTypes = new LinkedHashMap<>();
  /** Single static imports AsyncOuter_Inner needs: simple name to qualified member. */
  final Map<String, String> enclosingImports = new LinkedHashMap<>();

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
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(element))) {
      allMethodNames.add(method.getSimpleName().toString());
    }
    for (VariableElement field : ElementFilter.fieldsIn(elements.getAllMembers(element))) {
      fieldTypes.putIfAbsent(field.getSimpleName().toString(), field.asType());
    }
    for (Element outer = element.getEnclosingElement();
        outer instanceof TypeElement enclosing;
        outer = outer.getEnclosingElement()) {
      for (VariableElement field : ElementFilter.fieldsIn(enclosing.getEnclosedElements())) {
        if (field.getModifiers().contains(Modifier.STATIC)) {
          fieldTypes.putIfAbsent(field.getSimpleName().toString(), field.asType());
        }
      }
    }
    collectEnclosing(elements);
  }

  /** The name of X's type as written inside AsyncX's package. */
  String qualifiedName() {
    return packageName.isEmpty() ? nestedName : packageName + "." + nestedName;
  }

  private void collectEnclosing(Elements elements) {
    Set<String> taken = new HashSet<>(allMethodNames);
    for (Element member : elements.getAllMembers(element)) {
      taken.add(member.getSimpleName().toString());
    }
    Set<String> explicitlyImported = explicitImports(source.unit);
    for (Element outer = element.getEnclosingElement();
        outer instanceof TypeElement enclosing;
        outer = outer.getEnclosingElement()) {
      String owner = enclosing.getQualifiedName().toString();
      for (Element member : enclosing.getEnclosedElements()) {
        String name = member.getSimpleName().toString();
        if (member.getModifiers().contains(Modifier.PRIVATE)) {
          enclosingPrivateNames.add(name);
          continue;
        }
        boolean importable =
            member.getModifiers().contains(Modifier.STATIC)
                || member.getKind().isClass()
                || member.getKind().isInterface();
        if (!importable || member.getKind() == ElementKind.CONSTRUCTOR || member == element) {
          continue;
        }
        if (taken.contains(name) || explicitlyImported.contains(name) || name.isEmpty()) {
          continue;
        }
        enclosingImports.putIfAbsent(name, owner + "." + name);
      }
    }
  }

  private static Set<String> explicitImports(CompilationUnitTree unit) {
    Set<String> names = new HashSet<>();
    for (ImportTree imp : unit.getImports()) {
      String name = imp.getQualifiedIdentifier().toString();
      if (!name.endsWith(".*")) {
        names.add(name.substring(name.lastIndexOf('.') + 1));
      }
    }
    return names;
  }

  /** Whether an unqualified name (that is not a local) names a field visible in X. */
  boolean isFieldName(String name) {
    return fieldTypes.containsKey(name);
  }

  /**
   * The type of an assignment target that is a field or an array element, as source text, or
   * null when it cannot be known without attribution.
   */
  String lvalueType(ExpressionTree lhs, Lowering lowering) {
    TypeMirror type = lvalueMirror(lhs, lowering);
    if (type != null && LocalTypes.nameable(type)) {
      return type.toString();
    }
    if (lhs instanceof ArrayAccessTree access
        && access.getExpression() instanceof IdentifierTree id
        && lowering.scan.references.get(id) != null) {
      String array = lowering.types.text(lowering.scan.references.get(id));
      if (array.endsWith("[]")) {
        return array.substring(0, array.length() - 2).trim();
      }
    }
    return null;
  }

  private TypeMirror lvalueMirror(ExpressionTree lhs, Lowering lowering) {
    if (lhs instanceof ParenthesizedTree parenthesized) {
      return lvalueMirror(parenthesized.getExpression(), lowering);
    }
    if (lhs instanceof IdentifierTree id && !lowering.scan.references.containsKey(id)) {
      return fieldTypes.get(id.getName().toString());
    }
    if (lhs instanceof MemberSelectTree select) {
      String qualifier = select.getExpression().toString();
      if (qualifier.equals("this")
          || qualifier.equals(simpleName + ".this")
          || qualifier.equals(simpleName)
          || qualifier.equals(nestedName)) {
        return fieldTypes.get(select.getIdentifier().toString());
      }
      return null;
    }
    if (lhs instanceof ArrayAccessTree access) {
      TypeMirror array = lvalueMirror(access.getExpression(), lowering);
      if (array instanceof ArrayType arrayType) {
        return arrayType.getComponentType();
      }
    }
    return null;
  }

  boolean isTopLevelOrStaticNested() {
    return element.getNestingKind() == NestingKind.TOP_LEVEL
        || (element.getNestingKind() == NestingKind.MEMBER
            && element.getModifiers().contains(Modifier.STATIC));
  }
}
