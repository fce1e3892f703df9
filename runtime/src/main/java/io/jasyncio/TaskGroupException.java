package io.jasyncio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The failures of a {@link TaskGroup}'s tasks (and body), thrown together when the group exits:
 * Python's {@code ExceptionGroup('unhandled errors in a TaskGroup', errors)}. {@link #exceptions()}
 * lists them in the order they happened, an exception of the body itself last; each is also
 * attached as a suppressed exception, so a stack trace shows them all. Failures of a nested group
 * arrive as a nested {@code TaskGroupException}.
 */
public class TaskGroupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<Throwable> exceptions;

  public TaskGroupException(String message, List<? extends Throwable> exceptions) {
    super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")");
    if (exceptions.isEmpty()) {
      throw new IllegalArgumentException("second argument (exceptions) must be a non-empty sequence");
    }
    this.exceptions = Collections.unmodifiableList(new ArrayList<>(exceptions));
    for (Throwable e : this.exceptions) {
      addSuppressed(e);
    }
  }

  /** The failures, in the order they happened. */
  public List<Throwable> exceptions() {
    return exceptions;
  }

  /**
   * The failures that are instances of {@code type}, searching nested groups too, in order: a
   * stand-in for Python's {@code except*}.
   */
  public <E extends Throwable> List<E> exceptionsOf(Class<E> type) {
    List<E> out = new ArrayList<>();
    collect(type, out);
    return out;
  }

  private <E extends Throwable> void collect(Class<E> type, List<E> out) {
    for (Throwable e : exceptions) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      } else if (e instanceof TaskGroupException nested) {
        nested.collect(type, out);
      }
    }
  }
}
