package io.jasyncio.processor;

import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Produces the text of a tree as the user wrote it (comments, text blocks and layout included),
 * with targeted replacements spliced in: the transform never prints trees, it copies source ranges.
 * A replacement is chosen per tree, outermost first; the trees inside a replaced one are not
 * visited.
 */
final class Renderer {
  /** Chooses a replacement for a tree, or null to copy it (and look inside it). */
  interface Replacer {
    String replace(Tree tree);
  }

  private final SourceFile source;

  Renderer(SourceFile source) {
    this.source = source;
  }

  /** The text of {@code root} with replacements; {@code root} itself is not offered. */
  String render(Tree root, Replacer replacer) {
    int start = source.start(root);
    int end = source.end(root);
    List<Cut> cuts = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree == null) {
          return null;
        }
        if (tree != root) {
          String replacement = replacer.replace(tree);
          if (replacement != null) {
            int s = source.start(tree);
            int e = source.end(tree);
            if (tree instanceof com.sun.source.tree.IdentifierTree id
                && source.text.startsWith(id.getName().toString(), s)) {
              // javac ends a resource named by a variable after its semicolon: a name is its name.
              e = s + id.getName().length();
            }
            if (s >= start && e <= end && s <= e) {
              cuts.add(new Cut(s, e, replacement));
              return null;
            }
          }
        }
        return super.scan(tree, unused);
      }
    }.scan(root, null);
    cuts.sort(Comparator.comparingInt(Cut::start));
    StringBuilder out = new StringBuilder(end - start + 16);
    int cursor = start;
    for (Cut cut : cuts) {
      if (cut.start < cursor) {
        continue; // overlaps a previous cut (shared declarations): keep the first
      }
      out.append(source.text, cursor, cut.start).append(cut.text);
      cursor = cut.end;
    }
    out.append(source.text, cursor, end);
    return out.toString();
  }

  private record Cut(int start, int end, String text) {}
}
