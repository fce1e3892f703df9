package io.jasyncio;

/**
 * Python's {@code GeneratorExit}: thrown into a generator body at its {@code await(emit(..))} by
 * {@link AsyncGenerator#aclose()}, so that its {@code finally} blocks run (they may await). The
 * body should let it pass; catching it and emitting again is an error. An {@code Error}, like
 * {@link CancelledError}, so that {@code catch (Exception e)} does not swallow it.
 */
public class GeneratorExit extends Error {
  private static final long serialVersionUID = 1L;

  public GeneratorExit() {
    super("generator closed", null, false, false);
  }
}
