package io.jasyncio.parity;

import java.util.ArrayList;
import java.util.List;

/** What a ported scenario prints, formatted as Python's {@code print} would. */
public final class Out {
  private final List<String> lines = new ArrayList<>();

  /** Python's {@code print(*parts)}: the parts joined by spaces. */
  public void print(Object... parts) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        line.append(' ');
      }
      line.append(str(parts[i]));
    }
    lines.add(line.toString());
  }

  /** Python's {@code str()} of the values these scenarios print. */
  static String str(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    return String.valueOf(value);
  }

  List<String> lines() {
    return lines;
  }
}
