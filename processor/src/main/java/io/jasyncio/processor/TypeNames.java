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
      if (!imp.isStatic() && imported.endsWith("." + name)) {
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
    return elements.getTypeElement("java.lang." + name);
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
