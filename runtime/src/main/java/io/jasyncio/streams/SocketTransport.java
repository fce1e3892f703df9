package io.jasyncio.streams;

import io.jasyncio.EventLoop;
import io.jasyncio.protocols.BaseProtocol;
import io.jasyncio.protocols.BufferedProtocol;
import io.jasyncio.protocols.Protocol;
import io.jasyncio.transports.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connected, non-blocking socket (TCP or Unix domain) driven by the loop's selector: asyncio's
 * {@code _SelectorSocketTransport}, feeding a {@link Protocol} (the streams' {@link
 * StreamProtocol} among them) or a {@link BufferedProtocol}.
 *
 * <h2>States</h2>
 *
 * <table>
 *   <caption>Transport states</caption>
 *   <tr><th>State</th><th>Reading</th><th>Writing</th></tr>
 *   <tr><td>open</td><td>watched unless paused by the reader</td>
 *       <td>sent at once; what the kernel refuses is buffered and sent when writable</td></tr>
 *   <tr><td>eof written</td><td>as open</td><td>{@code write} refused; output shut after the
 *       buffer drains</td></tr>
 *   <tr><td>closing</td><td>stopped</td><td>the buffer drains, then the connection is lost</td></tr>
 *   <tr><td>lost</td><td>stopped</td><td>writes are dropped (counted, logged after 5)</td></tr>
 * </table>
 *
 * Losing the connection, normally or through an error, calls {@link
 * BaseProtocol#connectionLost} once, in a later iteration ({@code callSoon}), and then closes the
 * socket.
 *
 * <p>Write flow control: above the high-water mark (64 KiB) the protocol is paused, so {@code
 * drain()} waits; at or below the low-water mark (16 KiB) it is resumed.
 */
final class SocketTransport implements Transport {
  private static final int READ_SIZE = 64 * 1024;
  private static final int LOG_THRESHOLD_FOR_LOST_WRITES = 5;
  private static final int GATHER = 64;

  /** One read buffer per loop thread: a read copies straight out of it into the reader. */
  private static final ThreadLocal<ByteBuffer> READ_BUFFER =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(READ_SIZE));

  private static final System.Logger LOGGER = System.getLogger("io.jasyncio");

  final EventLoop loop;
  final SocketChannel channel;
  private BaseProtocol protocol;
  /** The server that accepted the connection (it counts its live connections), or null. */
  private final Server server;
  private final Runnable onReadable = this::readReady;
  private final Runnable onWritable = this::writeReady;

  private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
  private ByteBuffer[] gather;
  private long bufferSize;
  private final WriteFlowControl flow = new WriteFlowControl();

  private boolean readingPaused;
  private boolean eofWritten;
  private boolean closing;
  private int lostCount;

  SocketTransport(EventLoop loop, SocketChannel channel, BaseProtocol protocol, Server server) {
    this.loop = loop;
    this.channel = channel;
    this.protocol = protocol;
    this.server = server;
  }

  /** Hands the transport to its protocol and starts reading. */
  void start() {
    if (server != null) {
      server.attach(this);
    }
    protocol.connectionMade(this);
    if (!closing) {
      loop.addReader(channel, onReadable);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  private void readReady() {
    if (lostCount > 0) {
      return;
    }
    if (protocol instanceof BufferedProtocol buffered) {
      readInto(buffered);
      return;
    }
    ByteBuffer buffer = READ_BUFFER.get();
    buffer.clear();
    int n;
    try {
      n = channel.read(buffer);
    } catch (IOException e) {
      fatalError(e, "Fatal read error on socket transport");
      return;
    }
    if (n < 0) {
      readEof();
    } else if (n > 0) {
      buffer.flip();
      try {
        if (protocol instanceof Protocol stream) {
          stream.dataReceived(buffer);
        }
      } catch (RuntimeException e) {
        fatalError(e, "Fatal error: protocol.data_received() call failed.");
      }
    }
  }

  /** A read straight into the protocol's own buffer. */
  private void readInto(BufferedProtocol buffered) {
    ByteBuffer buffer;
    try {
      buffer = buffered.getBuffer(READ_SIZE);
      if (buffer == null || !buffer.hasRemaining()) {
        throw new IllegalStateException("getBuffer() returned an empty buffer");
      }
    } catch (RuntimeException e) {
      fatalError(e, "Fatal error: protocol.get_buffer() call failed.");
      return;
    }
    int n;
    try {
      n = channel.read(buffer);
    } catch (IOException e) {
      fatalError(e, "Fatal read error on socket transport");
      return;
    }
    if (n < 0) {
      readEof();
    } else if (n > 0) {
      try {
        buffered.bufferUpdated(n);
      } catch (RuntimeException e) {
        fatalError(e, "Fatal error: protocol.buffer_updated() call failed.");
      }
    }
  }

  private void readEof() {
    // The peer sends no more. The protocol says whether this side goes on writing (half-close):
    // then only reading stops; else the transport closes.
    loop.removeReader(channel);
    boolean keepOpen;
    try {
      keepOpen =
          protocol instanceof Protocol stream
              ? stream.eofReceived()
              : protocol instanceof BufferedProtocol buffered && buffered.eofReceived();
    } catch (RuntimeException e) {
      fatalError(e, "Fatal error: protocol.eof_received() call failed.");
      return;
    }
    if (!keepOpen) {
      close();
    }
  }

  @Override
  public boolean isReading() {
    return !readingPaused && !closing;
  }

  @Override
  public void pauseReading() {
    if (closing || readingPaused) {
      return;
    }
    readingPaused = true;
    loop.removeReader(channel);
  }

  @Override
  public void resumeReading() {
    if (closing || !readingPaused) {
      return;
    }
    readingPaused = false;
    loop.addReader(channel, onReadable);
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  @Override
  public void write(byte[] data, int offset, int length) {
    if (eofWritten) {
      throw new IllegalStateException("Cannot call write() after write_eof()");
    }
    if (length == 0) {
      return;
    }
    if (lostCount > 0) {
      if (lostCount >= LOG_THRESHOLD_FOR_LOST_WRITES) {
        LOGGER.log(
                System.Logger.Level.WARNING,
                "write() on a lost connection: the data is dropped (" + this + ")");
      }
      lostCount++;
      return;
    }
    if (pending.isEmpty()) {
      int sent;
      try {
        sent = channel.write(ByteBuffer.wrap(data, offset, length));
      } catch (IOException e) {
        fatalError(e, "Fatal write error on socket transport");
        return;
      }
      if (sent == length) {
        return;
      }
      offset += sent;
      length -= sent;
      loop.addWriter(channel, onWritable);
    }
    // The caller may reuse its array: keep a copy of what the kernel did not take.
    byte[] copy = new byte[length];
    System.arraycopy(data, offset, copy, 0, length);
    pending.addLast(ByteBuffer.wrap(copy));
    bufferSize += length;
    maybePauseProtocol();
  }

  /**
   * Sends the buffer's remaining bytes: straight to the socket when nothing waits (no copy), the
   * rest copied into the write buffer.
   */
  @Override
  public void write(ByteBuffer data) {
    int length = data.remaining();
    if (!pending.isEmpty() || eofWritten || lostCount > 0 || length == 0) {
      Transport.super.write(data);
      return;
    }
    int sent;
    try {
      sent = channel.write(data);
    } catch (IOException e) {
      fatalError(e, "Fatal write error on socket transport");
      return;
    }
    if (sent == length) {
      return;
    }
    loop.addWriter(channel, onWritable);
    ByteBuffer copy = ByteBuffer.allocate(data.remaining());
    copy.put(data).flip();
    pending.addLast(copy);
    bufferSize += copy.remaining();
    maybePauseProtocol();
  }

  private void writeReady() {
    if (lostCount > 0) {
      return;
    }
    long sent;
    try {
      sent = writePending();
    } catch (IOException e) {
      loop.removeWriter(channel);
      pending.clear();
      bufferSize = 0;
      fatalError(e, "Fatal write error on socket transport");
      return;
    }
    bufferSize -= sent;
    maybeResumeProtocol();
    if (pending.isEmpty()) {
      loop.removeWriter(channel);
      if (closing) {
        callConnectionLost(null);
      } else if (eofWritten) {
        shutdownOutput();
      }
    }
  }

  /** One gathering write of the buffered data; drops what was sent. */
  private long writePending() throws IOException {
    int count = Math.min(pending.size(), GATHER);
    if (gather == null) {
      gather = new ByteBuffer[GATHER];
    }
    int i = 0;
    for (ByteBuffer b : pending) {
      if (i == count) {
        break;
      }
      gather[i++] = b;
    }
    long sent = channel.write(gather, 0, count);
    java.util.Arrays.fill(gather, 0, count, null);
    while (!pending.isEmpty() && !pending.peekFirst().hasRemaining()) {
      pending.pollFirst();
    }
    return sent;
  }

  @Override
  public void writeEof() {
    if (closing || eofWritten) {
      return;
    }
    eofWritten = true;
    if (pending.isEmpty()) {
      shutdownOutput();
    }
  }

  private void shutdownOutput() {
    try {
      channel.shutdownOutput();
    } catch (IOException e) {
      fatalError(e, "Fatal error on shutdown of socket transport");
    }
  }

  @Override
  public long getWriteBufferSize() {
    return bufferSize;
  }

  @Override
  public int[] getWriteBufferLimits() {
    return flow.limits();
  }

  @Override
  public void setWriteBufferLimits(Integer high, Integer low) {
    flow.setLimits(high, low);
    maybePauseProtocol();
  }

  private void maybePauseProtocol() {
    if (!flow.pauseAt(bufferSize)) {
      return;
    }
    try {
      protocol.pauseWriting();
    } catch (RuntimeException e) {
      protocolCallbackFailed(e, "protocol.pause_writing() failed");
    }
  }

  private void maybeResumeProtocol() {
    if (flow.resumeAt(bufferSize)) {
      try {
        protocol.resumeWriting();
      } catch (RuntimeException e) {
        protocolCallbackFailed(e, "protocol.resume_writing() failed");
      }
    }
  }

  private void protocolCallbackFailed(RuntimeException e, String message) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("message", message);
    context.put("exception", e);
    context.put("transport", this);
    context.put("protocol", protocol);
    loop.callExceptionHandler(context);
  }

  // ---------------------------------------------------------------------------------------------
  // Closing

  @Override
  public boolean isClosing() {
    return closing;
  }

  /** Closes after the buffered data is sent; the protocol hears of it in a later iteration. */
  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    loop.removeReader(channel);
    if (pending.isEmpty()) {
      lostCount++;
      loop.removeWriter(channel);
      loop.callSoon(() -> callConnectionLost(null));
    }
  }

  /** Closes at once, dropping buffered data. */
  @Override
  public void abort() {
    forceClose(null);
  }

  private void fatalError(Exception e, String message) {
    if (!(e instanceof IOException)) {
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("message", message);
      context.put("exception", e);
      context.put("transport", this);
      loop.callExceptionHandler(context);
    }
    forceClose(e);
  }

  private void forceClose(Exception error) {
    if (lostCount > 0) {
      return;
    }
    if (!pending.isEmpty()) {
      pending.clear();
      bufferSize = 0;
      loop.removeWriter(channel);
    }
    if (!closing) {
      closing = true;
      loop.removeReader(channel);
    }
    lostCount++;
    loop.callSoon(() -> callConnectionLost(error));
  }

  private void callConnectionLost(Exception error) {
    try {
      protocol.connectionLost(error);
    } finally {
      Streams.closeQuietly(channel);
      if (server != null) {
        server.detach(this);
      }
    }
  }

  @Override
  public void setProtocol(BaseProtocol protocol) {
    this.protocol = java.util.Objects.requireNonNull(protocol, "protocol");
  }

  @Override
  public BaseProtocol getProtocol() {
    return protocol;
  }

  /** Python's {@code get_extra_info}: "peername", "sockname" or "socket"; null otherwise. */
  @Override
  public Object getExtraInfo(String name) {
    try {
      switch (name) {
        case "peername":
          return channel.getRemoteAddress();
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
  public String toString() {
    StringBuilder out = new StringBuilder("<SocketTransport");
    if (lostCount > 0 && !channel.isOpen()) {
      out.append(" closed");
    } else if (closing) {
      out.append(" closing");
    }
    Object peer = getExtraInfo("peername");
    if (peer != null) {
      out.append(" peer=").append(peer);
    }
    if (readingPaused) {
      out.append(" read=paused");
    }
    if (bufferSize > 0) {
      out.append(" write=<bufsize=").append(bufferSize).append('>');
    }
    return out.append('>').toString();
  }
}
