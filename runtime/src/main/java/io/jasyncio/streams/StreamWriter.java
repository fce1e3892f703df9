package io.jasyncio.streams;

import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import io.jasyncio.transports.Transport;
import java.io.IOException;
import java.util.Objects;

/**
 * The writing half of a stream: asyncio's {@code StreamWriter}.
 *
 * <p>{@link #write} never blocks: bytes the kernel does not take at once are buffered in the
 * transport. Await {@link #drain()} after writing to wait while that buffer is above its high-water
 * mark (64 KiB) until it falls to its low-water mark (16 KiB); this is what keeps a fast writer and
 * a slow reader from filling memory. {@link #close()} sends what is buffered, then closes; {@link
 * #waitClosed()} waits for that.
 *
 * <p>After the connection is lost, writes are dropped (logged from the fifth on) and {@code
 * drain()} raises {@link java.net.SocketException} "Connection lost", or the error that broke the
 * connection. Loop thread only.
 */
public final class StreamWriter {
  /** The socket, or the TLS layer over it once {@link #startTls} is done. */
  private Transport transport;
  private final StreamProtocol protocol;
  private final StreamReader reader;

  StreamWriter(Transport transport, StreamProtocol protocol, StreamReader reader) {
    this.transport = transport;
    this.protocol = protocol;
    this.reader = reader;
  }

  /**
   * Sends {@code data}, or buffers what cannot be sent now. The array may be reused as soon as
   * this returns.
   *
   * @throws IllegalStateException "Cannot call write() after write_eof()"
   */
  public void write(byte[] data) {
    transport.write(data, 0, data.length);
  }

  /** Sends {@code length} bytes of {@code data} from {@code offset}; see {@link #write(byte[])}. */
  public void write(byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, data.length);
    transport.write(data, offset, length);
  }

  /** Writes each array in turn. */
  public void writelines(Iterable<byte[]> data) {
    for (byte[] chunk : data) {
      transport.write(chunk, 0, chunk.length);
    }
  }

  /** Shuts the sending side once the buffer is sent (a TCP half-close); reading goes on. */
  public void writeEof() {
    transport.writeEof();
  }

  /** Always true for TCP. */
  public boolean canWriteEof() {
    return true;
  }

  /**
   * Waits until it is appropriate to write again: at once unless the transport's buffer is over its
   * high-water mark, else until it is down to the low-water mark.
   *
   * @throws IOException (when awaited) the reader's exception if the connection broke, or {@link
   *     java.net.SocketException} "Connection lost" if it was closed
   */
  public Coro<Void> drain() throws IOException {
    return new Drain(this);
  }

  /** Closes the connection once the buffered data is sent. Calling it again does nothing. */
  public void close() {
    transport.close();
  }

  /** Closes the connection at once, dropping buffered data. */
  public void abort() {
    transport.abort();
  }

  /** Whether {@link #close()} was called or the connection is lost. */
  public boolean isClosing() {
    return transport.isClosing();
  }

  /**
   * Waits until the connection is closed.
   *
   * @throws IOException (when awaited) the error that broke the connection, if one did
   */
  public Coro<Void> waitClosed() throws IOException {
    return new AwaitFuture<>(protocol.closed(), StreamWriter.class, "waitClosed");
  }

  /**
   * Python's {@code get_extra_info}: {@code "peername"} and {@code "sockname"} give an {@link
   * java.net.InetSocketAddress}, {@code "socket"} the {@link java.nio.channels.SocketChannel}
   * (do not read or write it); anything else gives null.
   */
  public Object getExtraInfo(String name) {
    return transport.getExtraInfo(name);
  }

  /**
   * Upgrades this connection to TLS in place (STARTTLS; asyncio's {@code writer.start_tls}), as the
   * client: the handshake is done when the coroutine completes, the server's certificate checked
   * against {@code serverHostname}; from then on this writer and its reader go through TLS.
   *
   * @throws IOException (when awaited) {@link javax.net.ssl.SSLHandshakeException} if the
   *     handshake fails or takes more than 60 s
   */
  public Coro<Void> startTls(javax.net.ssl.SSLContext ssl, String serverHostname) throws IOException {
    if (ssl == null || serverHostname == null) {
      throw new IllegalArgumentException("ssl and serverHostname are required");
    }
    return new StartTls(this, ssl, serverHostname, false, Streams.DEFAULT_TLS_HANDSHAKE_TIMEOUT);
  }

  /** {@link #startTls} as the server of the handshake, with {@code ssl}'s certificate. */
  public Coro<Void> startTlsAsServer(javax.net.ssl.SSLContext ssl) throws IOException {
    if (ssl == null) {
      throw new IllegalArgumentException("ssl is required");
    }
    return new StartTls(this, ssl, null, true, Streams.DEFAULT_TLS_HANDSHAKE_TIMEOUT);
  }

  /** The handshake of {@link #startTls} is done: reads and writes go through {@code tls}. */
  void upgradedTo(Transport tls) {
    transport = tls;
    reader.setTransport(tls);
  }

  /** The transport under this writer (asyncio's {@code writer.transport}). */
  public Transport transport() {
    return transport;
  }

  /** How many written bytes wait in the transport's buffer. */
  public long writeBufferSize() {
    return transport.getWriteBufferSize();
  }

  /**
   * Sets the transport's water marks; a null one is derived from the other (high = 4 × low, low =
   * high / 4).
   *
   * @throws IllegalArgumentException unless high &gt;= low &gt;= 0
   */
  public void setWriteBufferLimits(Integer high, Integer low) {
    transport.setWriteBufferLimits(high, low);
  }

  @Override
  public String toString() {
    return "<StreamWriter transport=" + transport + " reader=" + reader + ">";
  }

  /** {@code drain()}: the reader's error first, one yield if closing, then the flow-control wait. */
  private static final class Drain extends Coro<Void> {
    private final StreamWriter writer;

    Drain(StreamWriter writer) {
      this.writer = writer;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      if ($err != null) {
        throw $err;
      }
      switch ($label) {
        case 0:
          Throwable broken = writer.reader.exception();
          if (broken != null) {
            throw broken;
          }
          if (writer.transport.isClosing()) {
            // Let connectionLost run first, so that the wait below sees the connection is gone.
            $label = 1;
            if ($await(AsyncIO.sleep(0)) == $SUSPEND) {
              return $SUSPEND;
            }
          }
          // fall through
        case 1:
          $label = 2;
          return $await(writer.protocol.drainHelper());
        default:
          return null;
      }
    }

    @Override
    protected StackTraceElement $where() {
      return new StackTraceElement(StreamWriter.class.getName(), "drain", null, -1);
    }
  }
}
