package io.jasyncio;

import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A context variable: Python's {@code contextvars.ContextVar}. Its value depends on the {@link
 * Context} current where it is read: each task sees the values of its own copy of the context
 * taken when the task was created, so a value set in one task is invisible to the others and to
 * the task's creator, while tasks created afterwards inherit it.
 *
 * <p>Declare them as constants: {@code static final ContextVar<String> REQUEST_ID = new
 * ContextVar<>("request_id");}
 *
 * @param <T> the type of the value
 */
public final class ContextVar<T> {
  private final String name;
  final T defaultValue;
  private final boolean hasDefault;

  /** A variable with no default: {@link #get()} throws until it is set. */
  public ContextVar(String name) {
    this.name = Objects.requireNonNull(name, "name");
    this.defaultValue = null;
    this.hasDefault = false;
  }

  /** A variable whose value is {@code defaultValue} in contexts where it was never set. */
  public ContextVar(String name, T defaultValue) {
    this.name = Objects.requireNonNull(name, "name");
    this.defaultValue = defaultValue;
    this.hasDefault = true;
  }

  /** The variable's name. */
  public String name() {
    return name;
  }

  /**
   * The value in the current context, else the default.
   *
   * @throws NoSuchElementException (Python's LookupError) if the variable is unset and has no
   *     default
   */
  public T get() {
    Object[] vars = Context.currentVars();
    int i = Context.indexOf(vars, this);
    if (i >= 0) {
      @SuppressWarnings("unchecked")
      T value = (T) vars[i + 1];
      return value;
    }
    if (hasDefault) {
      return defaultValue;
    }
    throw new NoSuchElementException("ContextVar '" + name + "' has no value");
  }

  /** The value in the current context, else {@code fallback} (the default is not consulted). */
  public T get(T fallback) {
    Object[] vars = Context.currentVars();
    int i = Context.indexOf(vars, this);
    if (i >= 0) {
      @SuppressWarnings("unchecked")
      T value = (T) vars[i + 1];
      return value;
    }
    return fallback;
  }

  /**
   * Sets the value in the current context and returns a token that {@link #reset} uses to restore
   * the previous value.
   */
  public Token<T> set(T value) {
    Context cell = ThreadState.current().context;
    int i = Context.indexOf(cell.vars, this);
    Token<T> token = new Token<>(this, i >= 0, i >= 0 ? cell.vars[i + 1] : null);
    cell.vars = Context.with(cell.vars, this, value);
    return token;
  }

  /**
   * Restores the value the variable had before the {@link #set} that returned {@code token}
   * (unset, if it was unset).
   *
   * @throws IllegalArgumentException if the token belongs to another variable
   * @throws IllegalStateException if the token was already used
   */
  public void reset(Token<T> token) {
    if (token.var != this) {
      throw new IllegalArgumentException(
          "Token was created by a different ContextVar (" + token.var.name + ")");
    }
    if (token.used) {
      throw new IllegalStateException("Token has already been used once");
    }
    token.used = true;
    Context cell = ThreadState.current().context;
    cell.vars =
        token.hadValue
            ? Context.with(cell.vars, this, token.oldValue)
            : Context.without(cell.vars, this);
  }

  @Override
  public String toString() {
    return "<ContextVar name='" + name + "'" + (hasDefault ? " default=" + defaultValue : "") + ">";
  }

  /**
   * What {@link ContextVar#set} returns: enough to undo it with {@link ContextVar#reset}.
   *
   * @param <T> the variable's type
   */
  public static final class Token<T> {
    private final ContextVar<T> var;
    private final boolean hadValue;
    private final Object oldValue;
    private boolean used;

    private Token(ContextVar<T> var, boolean hadValue, Object oldValue) {
      this.var = var;
      this.hadValue = hadValue;
      this.oldValue = oldValue;
    }

    /** The variable that was set. */
    public ContextVar<T> var() {
      return var;
    }

    /** Whether the variable had a value before the set. */
    public boolean hadValue() {
      return hadValue;
    }

    /** The value before the set, or {@code null} if there was none. */
    @SuppressWarnings("unchecked")
    public T oldValue() {
      return (T) oldValue;
    }
  }
}
