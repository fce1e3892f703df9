package io.jasyncio.transports;

import io.jasyncio.protocols.DatagramProtocol;
import java.net.SocketAddress;

/**
 * A UDP endpoint driven by the loop (asyncio's {@code DatagramTransport}). Sending never blocks:
 * a datagram the system cannot take now waits in a buffer and goes out, in order, when the socket
 * is writable. Not thread-safe: use it on its loop's thread.
 */
public interface DatagramTransport {
  /**
   * Sends {@code data} as one datagram to {@code to}; {@code to} must be null or the peer for a
   * connected endpoint. After {@link #close()} the data is dropped (a warning after 5). Errors the
   * system reports for a send reach {@link DatagramProtocol#errorReceived}.
   *
   * @throws IllegalArgumentException if {@code to} is missing for an unconnected endpoint, or is
   *     another address than a connected endpoint's peer
   */
  void sendto(byte[] data, SocketAddress to);

  /** Sends {@code data} to the peer of a connected endpoint. */
  default void sendto(byte[] data) {
    sendto(data, null);
  }

  /**
   * {@code "peername"} (the peer of a connected endpoint, else null), {@code "sockname"}, {@code
   * "socket"} (the {@link java.nio.channels.DatagramChannel}); null for any other name.
   */
  Object getExtraInfo(String name);

  /** Whether it is closing or closed. */
  boolean isClosing();

  /**
   * Closes once the waiting datagrams are sent; {@code connectionLost(null)} follows in a later
   * iteration. Closing again does nothing.
   */
  void close();

  /** Closes at once, dropping the waiting datagrams; {@code connectionLost(null)} follows. */
  void abort();

  /** How many bytes of datagrams wait to be sent. */
  long getWriteBufferSize();

  /** The protocol that hears now. */
  DatagramProtocol getProtocol();

  /** Makes {@code protocol} the one that hears from now on. */
  void setProtocol(DatagramProtocol protocol);
}
