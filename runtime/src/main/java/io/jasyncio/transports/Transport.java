package io.jasyncio.transports;

import io.jasyncio.protocols.BaseProtocol;
import java.nio.ByteBuffer;

/**
 * A stream connection driven by the loop (asyncio's {@code Transport}: read and write transport in
 * one). Writes never block: what the system does not take at once is buffered and sent when the
 * socket is writable; above the high-water mark the protocol hears {@link
 * BaseProtocol#pauseWriting()}, at the low-water mark {@link BaseProtocol#resumeWriting()}.
 *
 * <h2>States</h2>
 *
 * <table>
 *   <caption>Transport states</caption>
 *   <tr><th>State</th><th>Reading</th><th>Writing</th></tr>
 *   <tr><td>open</td><td>unless paused</td><td>accepted</td></tr>
 *   <tr><td>eof written ({@link #writeEof})</td><td>unless paused</td>
 *       <td>refused; output shut once the buffer is sent</td></tr>
 *   <tr><td>closing ({@link #close})</td><td>stopped</td>
 *       <td>the buffer is sent, then the connection is lost</td></tr>
 *   <tr><td>lost</td><td>stopped</td><td>dropped (a warning after 5)</td></tr>
 * </table>
 *
 * <p>Not thread-safe: use it on its loop's thread.
 */
public interface Transport {
  /**
   * Facts about the connection: {@code "peername"} and {@code "sockname"} (socket addresses),
   * {@code "socket"} (the {@link java.nio.channels.SocketChannel}); null for any other name.
   */
  Object getExtraInfo(String name);

  /** {@link #getExtraInfo(String)}, or {@code otherwise} where that is null. */
  default Object getExtraInfo(String name, Object otherwise) {
    Object value = getExtraInfo(name);
    return value != null ? value : otherwise;
  }

  /** Whether the transport is closing or closed. */
  boolean isClosing();

  /**
   * Closes after the buffered data is sent; the protocol's {@link BaseProtocol#connectionLost}
   * then runs with null, in a later iteration. Closing again does nothing.
   */
  void close();

  /** Closes at once, dropping the buffered data; {@code connectionLost(null)} follows. */
  void abort();

  /** Makes {@code protocol} the one that hears from now on. */
  void setProtocol(BaseProtocol protocol);

  /** The protocol that hears now. */
  BaseProtocol getProtocol();

  /** Whether the transport reads (not paused, not closing). */
  boolean isReading();

  /** Stops reading (the peer is then held back by TCP flow control) until {@link #resumeReading}. */
  void pauseReading();

  /** Reads again after {@link #pauseReading}. */
  void resumeReading();

  /**
   * Sends {@code length} bytes of {@code data} from {@code offset}; the array may be reused once
   * this returns.
   *
   * @throws IllegalStateException after {@link #writeEof()}
   */
  void write(byte[] data, int offset, int length);

  /** {@link #write(byte[], int, int)} of the whole array. */
  default void write(byte[] data) {
    write(data, 0, data.length);
  }

  /** Sends the bytes between the buffer's position and limit, and moves its position past them. */
  default void write(ByteBuffer data) {
    byte[] copy = new byte[data.remaining()];
    data.get(copy);
    write(copy, 0, copy.length);
  }

  /** Writes each chunk in order. */
  default void writelines(Iterable<byte[]> chunks) {
    for (byte[] chunk : chunks) {
      write(chunk, 0, chunk.length);
    }
  }

  /** Half-closes: shuts the output once the buffered data is sent; reading goes on. */
  void writeEof();

  /** Whether {@link #writeEof()} is possible: always, for sockets. */
  default boolean canWriteEof() {
    return true;
  }

  /** How many bytes wait in the write buffer. */
  long getWriteBufferSize();

  /** The water marks: {@code {low, high}}. */
  int[] getWriteBufferLimits();

  /**
   * Sets the water marks; a null one is derived from the other (high = 4 × low, low = high / 4;
   * both null: 64 KiB and 16 KiB).
   *
   * @throws IllegalArgumentException unless high &gt;= low &gt;= 0
   */
  void setWriteBufferLimits(Integer high, Integer low);
}
