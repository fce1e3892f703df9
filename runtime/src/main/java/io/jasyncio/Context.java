package io.jasyncio;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A set of {@link ContextVar} values: Python's {@code contextvars.Context}.
 *
 * <p>Every task runs in its own copy of the context that was current when it was created; a
 * callback scheduled with {@link EventLoop#callSoon} runs in a copy of the context current when it
 * was scheduled; a coroutine awaited directly shares its caller's context. {@link
 * AsyncIO#copyContext()} takes a copy of the current one, and {@link #run(Runnable)} runs code in
 * it, so that the values it sets stay in this context.
 *
 * <p>Copying is O(1): the values live in an immutable table that a {@code set} replaces. Not
 * thread-safe; a context is entered by one thread at a time.
 */
public final class Context {
  static final Object[] EMPTY_VARS = {};

  /** Immutable [var0, value0, var1, value1, ...]; replaced on every set, never mutated. */
  Object[] vars;

  private boolean entered;

  Context(Object[] vars) {
    this.vars = vars;
  }

  /** The variables of the current context of this thread (an immutable snapshot). */
  static Object[] currentVars() {
    return ThreadState.current().context.vars;
  }

  /**
   * The value {@code var} has in this context, or its default, or {@code null} if it has neither.
   */
  public <T> T get(ContextVar<T> var) {
    int i = indexOf(vars, var);
    if (i >= 0) {
      @SuppressWarnings("unchecked")
      T value = (T) vars[i + 1];
      return value;
    }
    return var.defaultValue;
  }

  /** Whether {@code var} has been set in this context. */
  public boolean contains(ContextVar<?> var) {
    return indexOf(vars, var) >= 0;
  }

  /**
   * Runs {@code body} in this context: the values it reads are this context's, and the values it
   * sets stay here when it returns.
   *
   * @throws IllegalStateException if this context is already entered
   */
  public void run(Runnable body) {
    Objects.requireNonNull(body, "body");
    run(
        () -> {
          body.run();
          return null;
        });
  }

  /** Like {@link #run(Runnable)}, returning what {@code body} returns. */
  public <T> T run(Supplier<T> body) {
    if (entered) {
      throw new IllegalStateException("cannot enter context: " + this + " is already entered");
    }
    Context cell = ThreadState.current().context;
    Object[] saved = cell.vars;
    cell.vars = vars;
    entered = true;
    try {
      return body.get();
    } finally {
      entered = false;
      vars = cell.vars;
      cell.vars = saved;
    }
  }

  static int indexOf(Object[] vars, ContextVar<?> var) {
    for (int i = 0; i < vars.length; i += 2) {
      if (vars[i] == var) {
        return i;
      }
    }
    return -1;
  }

  /** The table with {@code var} set to {@code value}; {@code vars} itself is left as it was. */
  static Object[] with(Object[] vars, ContextVar<?> var, Object value) {
    int i = indexOf(vars, var);
    Object[] copy;
    if (i >= 0) {
      copy = vars.clone();
      copy[i + 1] = value;
    } else {
      copy = java.util.Arrays.copyOf(vars, vars.length + 2);
      copy[vars.length] = var;
      copy[vars.length + 1] = value;
    }
    return copy;
  }

  /** The table without {@code var}. */
  static Object[] without(Object[] vars, ContextVar<?> var) {
    int i = indexOf(vars, var);
    if (i < 0) {
      return vars;
    }
    Object[] copy = new Object[vars.length - 2];
    System.arraycopy(vars, 0, copy, 0, i);
    System.arraycopy(vars, i + 2, copy, i, vars.length - i - 2);
    return copy;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("<Context");
    for (int i = 0; i < vars.length; i += 2) {
      text.append(i == 0 ? " " : ", ").append(((ContextVar<?>) vars[i]).name()).append('=');
      text.append(vars[i + 1]);
    }
    return text.append('>').toString();
  }
}
