package io.jasyncio.processor;

import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Resolves a type as written in X's source to its element, as Java's scoping does for a name that
 * is not a local class: X's member types (declared or inherited), then those of the classes around
 * X, then single-type imports, X's package, on-demand imports and {@code java.lang}. Through the
 * element API only: asking javac to attribute code during processing ({@code Trees.getScope})
 * can fail inside javac on some shapes.
 */
final class TypeNames {
  private final Elements elements;
  private final ClassInfo info;

  TypeNames(Elements elements, ClassInfo info) {
    this.elements = elements;
    this.info = info;
  }

  /** The element {@code type} names, or null when it cannot be told here. */
  TypeElement resolve(Tree type) {
    if (type instanceof ParameterizedTypeTree parameterized) {
      return resolve(parameterized.getType());
    }
    if (type instanceof MemberSelectTree select) {
      TypeElement qualified = elements.getTypeElement(select.toString());
      if (qualified != null) {
        return qualified;
      }
      TypeElement outer = resolve(select.getExpression());
      return outer == null ? null : memberType(outer, select.getIdentifier().toString());
    }
    return simple(type.toString());
  }

  private TypeElement simple(String name) {
    TypeElement found = memberType(info.element, name);
    if (found != null) {
      return found;
    }
    for (Element outer = info.element.getEnclosingElement();
        outer instanceof TypeElement enclosing;
        outer = outer.getEnclosingElement()) {
      if (enclosing.getSimpleName().contentEquals(name)) {
        return enclosing;
      }
      found = memberType(enclosing, name);
      if (found != null) {
        return found;
      }
    }
    List<? extends ImportTree> imports = info.source.unit.getImports();
    for (ImportTree imp : imports) {
      String imported = imp.getQualifiedIdentifier().toString();
      if (!imp.isStatic() && !isModuleImport(imp) && imported.endsWith("." + name)) {
        found = elements.getTypeElement(imported);
        if (found != null) {
          return found;
        }
      }
    }
    found = elements.getTypeElement(info.packageName.isEmpty() ? name : info.packageName + "." + name);
    if (found != null) {
      return found;
    }
    for (ImportTree imp : imports) {
      String imported = imp.getQualifiedIdentifier().toString();
      if (imported.endsWith(".*")) {
        String owner = imported.substring(0, imported.length() - 2);
        found = elements.getTypeElement(owner + "." + name);
        if (found != null) {
          return found;
        }
      }
    }
    found = elements.getTypeElement("java.lang." + name);
    if (found != null) {
      return found;
    }
    // Java 25's "import module M;": the public types of the packages M exports, and of those of
    // the modules it requires transitively; shadowed by every other kind of import.
    for (ImportTree imp : imports) {
      if (isModuleImport(imp)) {
        found = moduleType(imp.getQualifiedIdentifier().toString(), name);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** Whether {@code imp} is {@code import module M;} (javac 23 and newer; never on javac 17). */
  static boolean isModuleImport(ImportTree imp) {
    if (IS_MODULE == null) {
      return false;
    }
    try {
      return (Boolean) IS_MODULE.invoke(imp);
    } catch (ReflectiveOperationException | RuntimeException unexpected) {
      return false;
    }
  }

  /** {@code ImportTree.isModule()}, public API from javac 23 on. */
  private static final java.lang.reflect.Method IS_MODULE = isModuleMethod();

  private static java.lang.reflect.Method isModuleMethod() {
    try {
      return ImportTree.class.getMethod("isModule");
    } catch (NoSuchMethodException olderJavac) {
      return null;
    }
  }

  private TypeElement moduleType(String moduleName, String name) {
    String key = moduleName + " " + name;
    if (info.moduleTypes.containsKey(key)) {
      return info.moduleTypes.get(key);
    }
    TypeElement found = moduleType0(moduleName, name);
    info.moduleTypes.put(key, found);
    return found;
  }

  private TypeElement moduleType0(String moduleName, String name) {
    javax.lang.model.element.ModuleElement module = elements.getModuleElement(moduleName);
    java.util.Set<javax.lang.model.element.ModuleElement> seen = new java.util.HashSet<>();
    java.util.ArrayDeque<javax.lang.model.element.ModuleElement> pending = new java.util.ArrayDeque<>();
    if (module != null) {
      pending.add(module);
    }
    while (!pending.isEmpty()) {
      javax.lang.model.element.ModuleElement next = pending.poll();
      if (!seen.add(next)) {
        continue;
      }
      for (javax.lang.model.element.ModuleElement.Directive directive : next.getDirectives()) {
        if (directive instanceof javax.lang.model.element.ModuleElement.ExportsDirective exports
            && exports.getTargetModules() == null) {
          // Looked up in the exporting module only: a lookup in every module costs a search of each.
          TypeElement found =
              elements.getTypeElement(next, exports.getPackage().getQualifiedName() + "." + name);
          if (found != null && found.getModifiers().contains(javax.lang.model.element.Modifier.PUBLIC)) {
            return found;
          }
        } else if (directive instanceof javax.lang.model.element.ModuleElement.RequiresDirective requires
            && requires.isTransitive()) {
          pending.add(requires.getDependency());
        }
      }
    }
    return null;
  }

  /**
   * Whether a static import ({@code import static a.B.name;} or {@code a.B.*}) brings a member
   * called {@code name} of the kinds given (fields, methods, member types).
   */
  boolean importedStatic(String name, java.util.Set<javax.lang.model.element.ElementKind> kinds) {
    for (ImportTree imp : info.source.unit.getImports()) {
      if (!imp.isStatic()) {
        continue;
      }
      String imported = imp.getQualifiedIdentifier().toString();
      int dot = imported.lastIndexOf('.');
      String member = imported.substring(dot + 1);
      if (!member.equals("*") && !member.equals(name)) {
        continue;
      }
      TypeElement owner = elements.getTypeElement(imported.substring(0, dot));
      if (owner == null) {
        return true; // an import javac will report itself: say nothing more
      }
      for (Element candidate : elements.getAllMembers(owner)) {
        if (candidate.getSimpleName().contentEquals(name)
            && kinds.contains(candidate.getKind())
            && candidate.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a simple type name resolves: as {@link #resolve} does, or by a static import. */
  boolean resolvesType(String name) {
    return info.generatedNames.contains(name)
        || simple(name) != null
        || importedStatic(
            name,
            java.util.Set.of(
                javax.lang.model.element.ElementKind.CLASS,
                javax.lang.model.element.ElementKind.INTERFACE,
                javax.lang.model.element.ElementKind.ENUM,
                javax.lang.model.element.ElementKind.RECORD,
                javax.lang.model.element.ElementKind.ANNOTATION_TYPE));
  }

  private TypeElement memberType(TypeElement owner, String name) {
    for (TypeElement member : ElementFilter.typesIn(elements.getAllMembers(owner))) {
      if (member.getSimpleName().contentEquals(name)) {
        return member;
      }
    }
    return null;
  }
}
