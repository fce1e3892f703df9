package io.jasyncio.protocols;

import java.nio.ByteBuffer;

/** A protocol for a stream connection (TCP, Unix domain socket), fed the bytes received. */
public interface Protocol extends BaseProtocol {
  /**
   * Bytes arrived: {@code data} holds them between its position and limit. It is the transport's
   * read buffer, valid only during this call: copy what you keep.
   */
  default void dataReceived(ByteBuffer data) {}

  /**
   * The peer closed its sending side (it may still read what this side writes). Return {@code
   * true} to keep the connection open for writing (close it yourself when done); {@code false},
   * the default, and the transport closes itself, as asyncio does.
   */
  default boolean eofReceived() {
    return false;
  }
}
