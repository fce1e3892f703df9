package io.jasyncio.processor.behaviour.plain;

import java.util.concurrent.Callable;

/** The plain-Java stand-in for a coroutine: its body runs when it is awaited, once. */
public final class Coro<T> {
  private final Callable<T> body;
  private boolean used;

  Coro(Callable<T> body) {
    this.body = body;
  }

  /** Runs the body; throws what it throws, unchanged. */
  public T run() throws Exception {
    if (used) {
      throw new IllegalStateException("cannot reuse already awaited coroutine");
    }
    used = true;
    return body.call();
  }
}
