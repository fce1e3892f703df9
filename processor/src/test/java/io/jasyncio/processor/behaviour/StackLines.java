package io.jasyncio.processor.behaviour;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Frames of a stack trace as "method +offset: line text", where the offset counts from the
 * method's declaration in the source the frame's class was compiled from: the same in the plain
 * and the async build of a program (their sources differ above the bodies, in their imports, and
 * in how a generator's body is declared), so that the two traces compare line for line.
 */
final class StackLines {
  private StackLines() {}

  /**
   * The last source split into lines, with the declarations found in it, per thread: a batch asks
   * about one source for each of its programs, and splitting and scanning it each time was a tenth
   * of a large run.
   */
  private static final class Split {
    final String source;
    final String[] lines;
    final java.util.Map<String, Integer> declarations = new java.util.HashMap<>();

    /** The lines where a name is followed by '(', by that name: the only lines a header can be on. */
    final java.util.Map<String, List<Integer>> calls = new java.util.HashMap<>();

    Split(String source) {
      this.source = source;
      this.lines = source.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i];
        for (int open = line.indexOf('('); open >= 0; open = line.indexOf('(', open + 1)) {
          int start = open;
          while (start > 0 && Character.isJavaIdentifierPart(line.charAt(start - 1))) {
            start--;
          }
          if (start < open) {
            List<Integer> at = calls.computeIfAbsent(line.substring(start, open), name -> new ArrayList<>());
            if (at.isEmpty() || at.get(at.size() - 1).intValue() != i) {
              at.add(i);
            }
          }
        }
      }
    }
  }

  private static final ThreadLocal<List<Split>> LAST = ThreadLocal.withInitial(ArrayList::new);

  private static Split split(String source) {
    List<Split> last = LAST.get();
    for (Split split : last) {
      if (split.source == source) {
        return split;
      }
    }
    Split split = new Split(source);
    last.add(0, split);
    if (last.size() > 2) { // the plain and the async source of the batch
      last.remove(2);
    }
    return split;
  }

  static List<String> of(List<StackTraceElement> frames, String source) {
    if (frames.isEmpty()) {
      return List.of();
    }
    Split split = split(source);
    String[] lines = split.lines;
    List<String> out = new ArrayList<>();
    for (StackTraceElement frame : frames) {
      // A plain generator's body is the method g_n_kbody behind g_n_k.
      String method = frame.getMethodName().replaceAll("^(g_\\d+_\\d+)body$", "$1");
      int declared = split.declarations.computeIfAbsent(frame.getMethodName(), name -> declaration(split, name));
      int line = frame.getLineNumber();
      // The plain build evaluates an async for-each loop's source in a try-with-resources written
      // where the async build has a comment, the line above its loop: the same place.
      if (line >= 1 && line < lines.length && lines[line - 1].trim().startsWith("try (var it$")) {
        line++;
      }
      // And javac puts that try's close() at its closing brace, where the async build closes the
      // generator at the loop's header (StackTracesTest pins that): the loop's header, too.
      int opened = line >= 1 && line <= lines.length && lines[line - 1].trim().equals("}") ? opening(lines, line) : -1;
      if (opened >= 1 && opened < lines.length && lines[opened - 1].trim().startsWith("try (var it$")) {
        line = opened + 1;
      }
      // The async build's methods are annotated @Async (on the same line, for a one-line helper).
      String text = line >= 1 && line <= lines.length ? lines[line - 1].trim().replace("@Async ", "") : "?";
      if (declared < 0) {
        // A constructor, say: counted from World's declaration, below which both builds agree.
        declared = split.declarations.computeIfAbsent("class World", name -> declaration(split, name));
      }
      // A body's frame by its offset (its lines read alike but for async for-each loops); any other
      // method's (a helper of World, a method of a class declared in a body) by its line's text.
      out.add((method.matches("[bg]_\\d+(_\\d+)?") ? method + " +" + (line - declared) : method) + ": " + text);
    }
    return out;
  }

  /**
   * The line of the '{' that the '}' on line {@code closing} (1-based) closes, or -1. Braces are
   * counted as written: one in a string literal makes the count wrong, and the frame is then left
   * where it is (a false alarm, never a hidden difference).
   */
  static int opening(String[] lines, int closing) {
    int depth = 0;
    for (int i = closing - 1; i >= 0; i--) {
      String text = lines[i];
      for (int c = (i == closing - 1 ? text.lastIndexOf('}') : text.length() - 1); c >= 0; c--) {
        char ch = text.charAt(c);
        if (ch == '}') {
          depth++;
        } else if (ch == '{' && --depth == 0) {
          return i + 1;
        }
      }
    }
    return -1;
  }

  /**
   * Whether two traces name the same places. A plain generator's body runs on a thread of its
   * own, so its trace ends with the body's frames, where the async one goes on with the frames of
   * the loop that asked for the element, as Python's does: those are left out.
   */
  static boolean samePlaces(List<String> plain, List<String> async) {
    List<String> p = places(plain);
    List<String> a = places(async);
    if (!p.isEmpty() && p.get(p.size() - 1).startsWith("g_") && a.size() > p.size()) {
      a = a.subList(0, p.size());
    }
    return p.equals(a);
  }

  /** The frames without their lines' text (an async for-each loop's line reads differently). */
  private static List<String> places(List<String> frames) {
    List<String> out = new ArrayList<>();
    for (String frame : frames) {
      out.add(frame.contains(" +") ? frame.substring(0, frame.indexOf(": ")) : frame);
    }
    return out;
  }

  /** The line number of the declaration of a method named {@code name} (or "class World"), or -1. */
  private static int declaration(Split split, String name) {
    String[] lines = split.lines;
    if (name.startsWith("class ")) {
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].contains(name + " ")) {
          return i + 1;
        }
      }
      return -1;
    }
    Pattern header =
        Pattern.compile(
            "^\\s*(?:@\\w+\\s+)*(?:[\\w<>?,\\[\\]]+\\s+)+"
                + Pattern.quote(name)
                + "\\([^)]*\\)\\s*(?:throws [\\w., ]+)?\\{");
    // A header has the name right before its '(' and after a space: a line in the name's list.
    for (int i : split.calls.getOrDefault(name, List.of())) {
      if (header.matcher(lines[i]).find()) {
        return i + 1;
      }
    }
    return -1;
  }
}
