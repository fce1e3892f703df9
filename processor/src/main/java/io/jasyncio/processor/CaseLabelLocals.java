package io.jasyncio.processor;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.util.TreeScanner;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The locals named in case labels that keep their own names in generated code.
 *
 * <p>{@code final int RED = 6; ... switch (s) { case RED -> .. }}: the label is the local if
 * {@code s} is an int, and the enum's constant {@code RED} if {@code s} is of an enum type that
 * has one, whatever locals are in scope. The processor runs before attribution and cannot type
 * every selector ({@code Color.values()[i]}, {@code list.get(0)}). A local renamed to
 * {@code RED$1} makes the label right in one case only; a local that keeps its name makes it
 * right in both. That is safe where nothing else the method mentions is called so: no other local
 * or parameter, and no name that means something else (a field, a method, a type). A case label
 * of that name out of the local's scope is no obstacle where no field or static import of the
 * class's world has the name: it can then only be an enum's constant, which no local hides.
 */
final class CaseLabelLocals {
  private CaseLabelLocals() {}

  static Set<LocalVar> keepingTheirNames(BodyScan scan, ClassInfo info) {
    Set<LocalVar> labels = Collections.newSetFromMap(new IdentityHashMap<>());
    for (IdentifierTree label : scan.caseLabelSelectors.keySet()) {
      LocalVar var = scan.references.get(label);
      if (var != null && var.kind == LocalVar.Kind.LOCAL && !var.binding && var.name.indexOf('$') < 0) {
        labels.add(var);
      }
    }
    if (labels.isEmpty()) {
      return labels;
    }
    Map<String, Integer> declared = new HashMap<>();
    for (LocalVar var : scan.declarations.values()) {
      declared.merge(var.name, 1, Integer::sum);
    }
    labels.removeIf(var -> declared.get(var.name) != 1);
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree id, Void unused) {
        LocalVar named = scan.references.get(id);
        boolean enumConstant =
            named == null && scan.caseLabels.contains(id) && !namesAFieldHere(id.getName().toString(), info);
        labels.removeIf(var -> var != named && !enumConstant && id.getName().contentEquals(var.name));
        return null;
      }
    }.scan(scan.method, null);
    return labels;
  }

  /**
   * Whether {@code name} may name a field where the class is: one of the class or a class around
   * it, or one a static import brings (by name, or any on-demand one but jasyncio's).
   */
  private static boolean namesAFieldHere(String name, ClassInfo info) {
    if (info.isFieldName(name)) {
      return true;
    }
    for (ImportTree imp : info.source.unit.getImports()) {
      if (imp.isStatic() && imp.getQualifiedIdentifier() instanceof MemberSelectTree imported) {
        String member = imported.getIdentifier().toString();
        if (member.equals(name)
            || member.equals("*") && !imported.getExpression().toString().startsWith("io.jasyncio.")) {
          return true;
        }
      }
    }
    return false;
  }
}
