package io.jasyncio.streams;

import java.io.IOException;

/**
 * A separator was looked for beyond the reader's limit: asyncio's {@code LimitOverrunError},
 * raised by {@link StreamReader#readuntil}. The data stays in the reader; {@link #consumed()} tells
 * how many bytes to drop to get past it. An {@link IOException} here (Python's is a plain {@code
 * Exception}) so that one {@code catch (IOException e)} covers every failure of a stream read.
 */
public class LimitOverrunError extends IOException {
  private static final long serialVersionUID = 1L;

  private final int consumed;

  public LimitOverrunError(String message, int consumed) {
    super(message);
    this.consumed = consumed;
  }

  /** How many bytes of the buffer the search went over. */
  public int consumed() {
    return consumed;
  }
}
