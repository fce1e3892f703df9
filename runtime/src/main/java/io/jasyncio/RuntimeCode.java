package io.jasyncio;

import java.security.CodeSource;

/** Tells the runtime's own classes from the user's, by where they were loaded from. */
final class RuntimeCode {
  private static final CodeSource OWN = RuntimeCode.class.getProtectionDomain().getCodeSource();

  private RuntimeCode() {}

  /** Whether {@code type} was loaded from the same jar or directory as the runtime. */
  static boolean contains(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    return OWN == null ? source == null : OWN.equals(source);
  }
}
