package io.jasyncio.protocols;

import io.jasyncio.transports.Transport;

/**
 * What every protocol hears: the connection made and lost, and write flow control. Every method
 * has an empty default; override those you need.
 *
 * <p>Order: {@link #connectionMade} once, first; then the data callbacks of the subinterface; then
 * {@link #connectionLost} once, last, in a later loop iteration than the event that lost the
 * connection. {@link #pauseWriting} and {@link #resumeWriting} alternate, starting with a pause,
 * between the two.
 */
public interface BaseProtocol {
  /** The connection is made: {@code transport} is the protocol's until the connection is lost. */
  default void connectionMade(Transport transport) {}

  /**
   * The connection is lost or closed: {@code error} is null after a normal close (by either side)
   * or {@link Transport#abort()}, else the error that broke it. The transport is closed after this
   * returns.
   */
  default void connectionLost(Exception error) {}

  /**
   * The transport's write buffer went above its high-water mark: stop writing until {@link
   * #resumeWriting()} (writes are still accepted and buffered).
   */
  default void pauseWriting() {}

  /** The transport's write buffer fell to its low-water mark after a pause. */
  default void resumeWriting() {}
}
