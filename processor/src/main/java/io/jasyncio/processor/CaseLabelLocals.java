package io.jasyncio.processor;

import com.sun.source.tree.IdentifierTree;
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
 * or parameter, and no name that means something else (a field, a method, a type).
 */
final class CaseLabelLocals {
  private CaseLabelLocals() {}

  static Set<LocalVar> keepingTheirNames(BodyScan scan) {
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
        labels.removeIf(var -> var != named && id.getName().contentEquals(var.name));
        return null;
      }
    }.scan(scan.method, null);
    return labels;
  }
}
