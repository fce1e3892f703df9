package io.jasyncio.processor.behaviour;

import io.jasyncio.AsyncContext;
import io.jasyncio.AsyncIO;
import io.jasyncio.Awaitable;
import io.jasyncio.Coro;

/**
 * An async context for tests: logs its entry and exit (with the exception it receives), suspends
 * once in each, and can suppress the exception or replace it.
 */
public final class Scope implements AsyncContext {
  private final String name;
  private final boolean suppress;
  private final RuntimeException replacement;

  public Scope(String name) {
    this(name, false, null);
  }

  public Scope(String name, boolean suppress, RuntimeException replacement) {
    this.name = name;
    this.suppress = suppress;
    this.replacement = replacement;
  }

  @Override
  public Awaitable<?> aenter() {
    return new Step<Object>("enter " + name, null, null);
  }

  @Override
  public Awaitable<Boolean> aexit(Throwable inFlight) {
    return new Step<>(
        "exit " + name + " " + (inFlight == null ? "-" : inFlight.getMessage()),
        suppress,
        replacement);
  }

  /** Logs, suspends once, then returns the value or throws the replacement. */
  private static final class Step<T> extends Coro<T> {
    private final String message;
    private final T value;
    private final RuntimeException error;

    Step(String message, T value, RuntimeException error) {
      this.message = message;
      this.value = value;
      this.error = error;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      if ($err != null) {
        throw $err;
      }
      if ($label == 0) {
        Trace.log(message);
        $label = 1;
        if (($in = $await(AsyncIO.sleep(0))) == $SUSPEND) {
          return $SUSPEND;
        }
      }
      if (error != null) {
        throw error;
      }
      return value;
    }
  }
}
