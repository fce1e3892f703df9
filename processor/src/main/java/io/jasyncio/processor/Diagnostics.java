package io.jasyncio.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.tools.Diagnostic;

/**
 * Reports the processor's findings: errors abort only the element being processed (by throwing
 * {@link AbortElement}, caught per element), warnings never abort. Every message is tagged and,
 * whenever a tree is known, placed on the user's own line.
 */
final class Diagnostics {
  private final Messager messager;
  private final Trees trees;

  Diagnostics(Messager messager, Trees trees) {
    this.messager = messager;
    this.trees = trees;
  }

  /** Thrown after an error has been reported, to give up on the current element. */
  static final class AbortElement extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AbortElement() {
      super(null, null, false, false);
    }
  }

  /** Reports an error on {@code element} and aborts it. */
  AbortElement error(Element element, Tag tag, String message) {
    messager.printMessage(Diagnostic.Kind.ERROR, format(tag, message), element);
    return new AbortElement();
  }

  /** Reports an error on {@code tree}'s line and aborts the element. */
  AbortElement error(Tree tree, CompilationUnitTree unit, Tag tag, String message) {
    trees.printMessage(Diagnostic.Kind.ERROR, format(tag, message), tree, unit);
    return new AbortElement();
  }

  /** Reports an error on {@code tree}'s line without aborting (for reporting several). */
  void errorContinue(Tree tree, CompilationUnitTree unit, Tag tag, String message) {
    trees.printMessage(Diagnostic.Kind.ERROR, format(tag, message), tree, unit);
  }

  /**
   * Reports a warning on {@code tree}'s line unless {@code owner} (or an enclosing element)
   * suppresses it with {@code @SuppressWarnings("jasyncio")}, the tag, or {@code "jasyncio:Tag"}.
   */
  void warning(Element owner, Tree tree, CompilationUnitTree unit, Tag tag, String message) {
    if (suppressed(owner, tag)) {
      return;
    }
    trees.printMessage(Diagnostic.Kind.WARNING, format(tag, message), tree, unit);
  }

  /** Reports a note (not an error) on an element, for internal fallbacks. */
  void note(Element element, String message) {
    messager.printMessage(Diagnostic.Kind.NOTE, message, element);
  }

  static boolean suppressed(Element element, Tag tag) {
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      SuppressWarnings suppress = e.getAnnotation(SuppressWarnings.class);
      if (suppress != null) {
        for (String key : suppress.value()) {
          if (tag.suppressedBy(key)) {
            return true;
          }
        }
      }
      if (e instanceof ExecutableElement && e.getEnclosingElement() == null) {
        break;
      }
    }
    return false;
  }

  static String format(Tag tag, String message) {
    return "[" + tag.name() + "] " + message;
  }
}
