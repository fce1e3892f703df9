package io.jasyncio.protocols;

import java.nio.ByteBuffer;

/**
 * A protocol that owns the buffer the transport reads into: no copy between the socket and the
 * protocol (asyncio's {@code BufferedProtocol}).
 */
public interface BufferedProtocol extends BaseProtocol {
  /**
   * The buffer to read into next, between its position and limit (at least one byte free);
   * {@code sizeHint} is how much the transport would like, 64 KiB here (a hint only).
   */
  ByteBuffer getBuffer(int sizeHint);

  /**
   * {@code nbytes} bytes were read into the buffer {@link #getBuffer} returned, from its position
   * on; its position has moved past them.
   */
  void bufferUpdated(int nbytes);

  /** As {@link Protocol#eofReceived()}. */
  default boolean eofReceived() {
    return false;
  }
}
