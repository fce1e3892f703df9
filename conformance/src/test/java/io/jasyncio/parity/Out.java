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
    if (value instanceof byte[] bytes) {
      return bytesRepr(bytes);
    }
    return String.valueOf(value);
  }

  /** Python's {@code repr(bytes)}: {@code b'...'}, with backslash escapes as Python writes them. */
  static String bytesRepr(byte[] bytes) {
    StringBuilder out = new StringBuilder("b'");
    for (byte b : bytes) {
      int c = b & 0xFF;
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        case '\'' -> out.append("\\'");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            out.append(String.format("\\x%02x", c));
          } else {
            out.append((char) c);
          }
        }
      }
    }
    return out.append('\'').toString();
  }

  List<String> lines() {
    return lines;
  }
}
