package io.jasyncio.processor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fragment of generated Java: its text, and the hoisted locals that lambdas or nested classes in
 * it capture. Those read a local snapshot ({@code final T x$c1 = x$1;}) that must be declared
 * right before the statement that finally contains the fragment: a lambda must see the value the
 * variable had when the lambda was created, not whatever the field holds later (a loop may run the
 * declaration again).
 */
record Code(String text, Map<LocalVar, String> captures) {
  static Code of(String text) {
    return new Code(text, Map.of());
  }

  /** This fragment's captures together with {@code other}'s. */
  static Map<LocalVar, String> merge(Map<LocalVar, String> a, Map<LocalVar, String> b) {
    if (b.isEmpty()) {
      return a;
    }
    if (a.isEmpty()) {
      return b;
    }
    Map<LocalVar, String> all = new LinkedHashMap<>(a);
    all.putAll(b);
    return all;
  }

  @Override
  public String toString() {
    return text;
  }
}
