package io.jasyncio.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The text of one compilation unit and the positions of its trees: what copying by range needs. */
final class SourceFile {
  final CompilationUnitTree unit;
  final String text;
  final String fileName;
  private final SourcePositions positions;
  private final LineMap lines;

  SourceFile(CompilationUnitTree unit, Trees trees) {
    this.unit = unit;
    this.positions = trees.getSourcePositions();
    this.lines = unit.getLineMap();
    try {
      this.text = unit.getSourceFile().getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String name = unit.getSourceFile().getName();
    this.fileName = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  }

  int start(Tree tree) {
    return (int) positions.getStartPosition(unit, tree);
  }

  int end(Tree tree) {
    return (int) positions.getEndPosition(unit, tree);
  }

  /**
   * The original text of {@code tree}; empty for a tree javac made up (an implicit type, a
   * record's accessor), which has no end position.
   */
  String text(Tree tree) {
    int start = start(tree);
    int end = end(tree);
    if (start < 0 || end < start || end > text.length()) {
      return "";
    }
    return text.substring(start, end);
  }

  /** The line on which {@code tree} starts (1-based). */
  int line(Tree tree) {
    return (int) lines.getLineNumber(start(tree));
  }

  /**
   * The line of a variable's name, which is where javac marks its declaration (a type written on
   * the line before does not count): the first token of the declaration that is the name and is
   * followed by what may follow a declared name ({@code = ; , [ ) :}), so that neither a type of
   * the same name nor a C-style array's brackets mislead it.
   */
  int nameLine(com.sun.source.tree.VariableTree variable) {
    int from = start(variable);
    int to = Math.min(end(variable), text.length());
    String name = variable.getName().toString();
    for (int at = from < 0 || to <= from ? -1 : text.indexOf(name, from);
        at >= 0 && at < to;
        at = text.indexOf(name, at + 1)) {
      int after = at + name.length();
      if (at > 0 && Character.isJavaIdentifierPart(text.charAt(at - 1))
          || after < text.length() && Character.isJavaIdentifierPart(text.charAt(after))) {
        continue;
      }
      int next = pastSpaceAndComments(after);
      if (next >= text.length() || "=;,[):".indexOf(text.charAt(next)) >= 0) {
        return lineAt(at);
      }
    }
    return line(variable);
  }

  /** The first position from {@code at} that is neither white space nor in a comment. */
  private int pastSpaceAndComments(int at) {
    while (at < text.length()) {
      if (Character.isWhitespace(text.charAt(at))) {
        at++;
      } else if (text.startsWith("/*", at)) {
        int close = text.indexOf("*/", at + 2);
        at = close < 0 ? text.length() : close + 2;
      } else if (text.startsWith("//", at)) {
        int newline = text.indexOf('\n', at);
        at = newline < 0 ? text.length() : newline + 1;
      } else {
        break;
      }
    }
    return at;
  }

  int lineAt(int position) {
    return (int) lines.getLineNumber(position);
  }
}
