package io.jasyncio.streams;

import java.io.EOFException;

/**
 * The stream ended before a read could be satisfied: asyncio's {@code IncompleteReadError}, an
 * {@link EOFException} as Python's is an {@code EOFError}. Raised by {@link
 * StreamReader#readexactly} (with the expected size) and {@link StreamReader#readuntil} (expected
 * size unknown). The bytes that were read are in {@link #partial()} and are no longer in the
 * reader.
 */
public class IncompleteReadError extends EOFException {
  private static final long serialVersionUID = 1L;

  private final transient byte[] partial;
  private final Integer expected;

  /** {@code expected} is null when the size was not known ({@code readuntil}). */
  public IncompleteReadError(byte[] partial, Integer expected) {
    super(
        partial.length
            + " bytes read on a total of "
            + (expected == null ? "undefined" : expected.toString())
            + " expected bytes");
    this.partial = partial.clone();
    this.expected = expected;
  }

  /** The bytes read before the end of the stream (a copy). */
  public byte[] partial() {
    return partial.clone();
  }

  /** How many bytes were expected, or null if that was not known. */
  public Integer expected() {
    return expected;
  }
}
