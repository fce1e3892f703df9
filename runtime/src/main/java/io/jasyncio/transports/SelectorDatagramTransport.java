package io.jasyncio.transports;

import io.jasyncio.EventLoop;
import io.jasyncio.protocols.DatagramProtocol;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A non-blocking {@link DatagramChannel} driven by the loop's selector: asyncio's {@code
 * _SelectorDatagramTransport}.
 *
 * <h2>States</h2>
 *
 * <table>
 *   <caption>Datagram transport states</caption>
 *   <tr><th>State</th><th>Receiving</th><th>Sending</th></tr>
 *   <tr><td>open</td><td>watched</td><td>at once; what the system refuses waits, in order</td></tr>
 *   <tr><td>closing</td><td>stopped</td><td>what waits is sent, then the endpoint is lost</td></tr>
 *   <tr><td>lost</td><td>stopped</td><td>dropped (a warning after 5)</td></tr>
 * </table>
 */
final class SelectorDatagramTransport implements DatagramTransport {
  /** The largest UDP payload over IPv4. */
  private static final int MAX_DATAGRAM = 65_507;

  private static final int HIGH_WATER = 64 * 1024;
  private static final int LOW_WATER = HIGH_WATER / 4;
  private static final int LOG_THRESHOLD_FOR_LOST_SENDS = 5;
  /** Datagrams read per readiness, so that one busy endpoint does not hold the loop. */
  private static final int READS_PER_EVENT = 32;

  private static final System.Logger LOGGER = System.getLogger("io.jasyncio");

  private final EventLoop loop;
  private final DatagramChannel channel;
  /** The peer of a connected endpoint, else null. */
  private final SocketAddress peer;
  private DatagramProtocol protocol;
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);

  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private long bufferSize;
  private boolean protocolPaused;
  private boolean closing;
  private int lostCount;

  private record Waiting(ByteBuffer data, SocketAddress to) {}

  SelectorDatagramTransport(
      EventLoop loop, DatagramChannel channel, SocketAddress peer, DatagramProtocol protocol) {
    this.loop = loop;
    this.channel = channel;
    this.peer = peer;
    this.protocol = protocol;
  }

  /** Hands the transport to its protocol and starts receiving. */
  void start() {
    protocol.connectionMade(this);
    if (!closing) {
      loop.addReader(channel, this::readReady);
    }
  }

  private void readReady() {
    for (int i = 0; i < READS_PER_EVENT && lostCount == 0; i++) {
      readBuffer.clear();
      SocketAddress from;
      try {
        from = channel.receive(readBuffer);
      } catch (IOException e) {
        protocol.errorReceived(e);
        return;
      }
      if (from == null) {
        return;
      }
      readBuffer.flip();
      protocol.datagramReceived(readBuffer, from);
    }
  }

  @Override
  public void sendto(byte[] data, SocketAddress to) {
    Objects.requireNonNull(data, "data");
    if (peer != null && to != null && !to.equals(peer)) {
      throw new IllegalArgumentException("Invalid address: must be null or " + peer);
    }
    if (peer == null && to == null) {
      throw new IllegalArgumentException("an unconnected endpoint needs the address to send to");
    }
    if (lostCount > 0 || closing) {
      if (lostCount >= LOG_THRESHOLD_FOR_LOST_SENDS) {
        LOGGER.log(System.Logger.Level.WARNING, "sendto() on a closed endpoint: dropped (" + this + ")");
      }
      lostCount++;
      return;
    }
    ByteBuffer buffer = ByteBuffer.wrap(data);
    if (waiting.isEmpty()) {
      try {
        int sent = peer != null ? channel.write(buffer) : channel.send(buffer, to);
        if (sent > 0 || data.length == 0) {
          return;
        }
      } catch (IOException e) {
        protocol.errorReceived(e);
        return;
      } catch (RuntimeException e) {
        fatalError(e, "Fatal write error on datagram transport");
        return;
      }
      loop.addWriter(channel, this::writeReady);
    }
    // The caller may reuse its array: keep a copy.
    waiting.addLast(new Waiting(ByteBuffer.wrap(data.clone()), to));
    bufferSize += data.length;
    if (!protocolPaused && bufferSize > HIGH_WATER) {
      protocolPaused = true;
      protocol.pauseWriting();
    }
  }

  private void writeReady() {
    while (!waiting.isEmpty()) {
      Waiting next = waiting.peekFirst();
      try {
        int sent = peer != null ? channel.write(next.data()) : channel.send(next.data(), next.to());
        if (sent == 0 && next.data().capacity() > 0) {
          return; // still full: wait for the next writable event
        }
      } catch (IOException e) {
        protocol.errorReceived(e);
      }
      waiting.pollFirst();
      bufferSize -= next.data().capacity();
    }
    loop.removeWriter(channel);
    if (protocolPaused && bufferSize <= LOW_WATER) {
      protocolPaused = false;
      protocol.resumeWriting();
    }
    if (closing && lostCount == 0) {
      lost(null);
    }
  }

  @Override
  public Object getExtraInfo(String name) {
    try {
      switch (name) {
        case "peername":
          return peer;
        case "sockname":
          return channel.getLocalAddress();
        case "socket":
          return channel;
        default:
          return null;
      }
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public boolean isClosing() {
    return closing || lostCount > 0;
  }

  @Override
  public void close() {
    if (closing || lostCount > 0) {
      return;
    }
    closing = true;
    loop.removeReader(channel);
    if (waiting.isEmpty()) {
      lost(null);
    }
  }

  @Override
  public void abort() {
    if (lostCount > 0) {
      return;
    }
    closing = true;
    loop.removeReader(channel);
    if (!waiting.isEmpty()) {
      waiting.clear();
      bufferSize = 0;
      loop.removeWriter(channel);
    }
    lost(null);
  }

  private void fatalError(Exception e, String message) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("message", message);
    context.put("exception", e);
    context.put("transport", this);
    loop.callExceptionHandler(context);
    abort();
  }

  /** Ends the endpoint: the protocol hears of it in a later iteration, then the socket closes. */
  private void lost(Exception error) {
    lostCount++;
    loop.callSoon(
        () -> {
          try {
            protocol.connectionLost(error);
          } finally {
            try {
              channel.close();
            } catch (IOException ignored) {
              // closing: nothing to tell anyone
            }
          }
        });
  }

  @Override
  public long getWriteBufferSize() {
    return bufferSize;
  }

  @Override
  public DatagramProtocol getProtocol() {
    return protocol;
  }

  @Override
  public void setProtocol(DatagramProtocol protocol) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("<DatagramTransport");
    if (lostCount > 0) {
      out.append(" closed");
    } else if (closing) {
      out.append(" closing");
    }
    Object local = getExtraInfo("sockname");
    if (local != null) {
      out.append(" sockname=").append(local);
    }
    if (peer != null) {
      out.append(" peer=").append(peer);
    }
    return out.append('>').toString();
  }
}
