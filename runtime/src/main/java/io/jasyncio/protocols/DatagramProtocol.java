package io.jasyncio.protocols;

import io.jasyncio.transports.DatagramTransport;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * A protocol for a UDP endpoint (asyncio's {@code DatagramProtocol}): datagrams as they arrive,
 * and the errors the system reports for earlier sends. Every method has an empty default.
 *
 * <p>Order: {@link #connectionMade} once, first; {@link #connectionLost} once, last, in a later
 * loop iteration than the {@code close()} or {@code abort()} that caused it. Callbacks run on the
 * loop thread.
 */
public interface DatagramProtocol {
  /** The endpoint is ready: {@code transport} sends and is closed through. */
  default void connectionMade(DatagramTransport transport) {}

  /**
   * A datagram arrived from {@code from}: {@code data} holds it between its position and limit,
   * and is valid only during this call (copy what you keep).
   */
  default void datagramReceived(ByteBuffer data, SocketAddress from) {}

  /**
   * The system reported an error for this endpoint, usually about an earlier send (for a connected
   * endpoint, {@link java.net.PortUnreachableException} when nothing listens at the peer). The
   * endpoint stays open.
   */
  default void errorReceived(Exception error) {}

  /** The endpoint is closed: {@code error} is null after {@code close()} or {@code abort()}. */
  default void connectionLost(Exception error) {}

  /** Datagrams waiting to be sent went above the high-water mark (64 KiB). */
  default void pauseWriting() {}

  /** They fell to the low-water mark (16 KiB) after a pause. */
  default void resumeWriting() {}
}
