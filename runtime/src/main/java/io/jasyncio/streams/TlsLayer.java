package io.jasyncio.streams;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.TimerHandle;
import io.jasyncio.protocols.BaseProtocol;
import io.jasyncio.protocols.BufferedProtocol;
import io.jasyncio.protocols.Protocol;
import io.jasyncio.transports.Transport;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * TLS between a socket transport and an application protocol (asyncio's {@code SSLProtocol}): to
 * the socket it is the protocol, fed ciphertext; to the application it is the transport, taking
 * plaintext. An {@link SSLEngine} does the cryptography, on the loop thread.
 *
 * <h2>States</h2>
 *
 * <table>
 *   <caption>TLS states</caption>
 *   <tr><th>State</th><th>What happens</th></tr>
 *   <tr><td>handshaking</td><td>handshake records go both ways; the application's writes wait;
 *       the handshake timeout runs</td></tr>
 *   <tr><td>open</td><td>the application has heard {@code connectionMade}; records in are
 *       decrypted to it, its writes are encrypted out</td></tr>
 *   <tr><td>closing</td><td>close_notify sent (after what was written); the socket closes</td></tr>
 *   <tr><td>lost</td><td>the application heard {@code connectionLost} once</td></tr>
 * </table>
 */
final class TlsLayer implements Protocol, Transport {
  private final EventLoop loop;
  private final SSLEngine engine;
  private BaseProtocol app;
  private final double handshakeTimeout;
  /** Completes when the handshake is done (with the layer), or fails with why it is not. */
  final Future<TlsLayer> handshake;

  private Transport socket;
  private ByteBuffer netIn = ByteBuffer.allocate(0);
  private ByteBuffer appIn;
  private ByteBuffer netOut;
  private final ArrayDeque<ByteBuffer> waitingWrites = new ArrayDeque<>();
  private TimerHandle timeout;
  /** For STARTTLS: what to do once the handshake is done, instead of a new connectionMade. */
  Runnable onUpgraded;
  private boolean open;
  private boolean closing;
  private boolean lost;

  TlsLayer(EventLoop loop, SSLEngine engine, BaseProtocol app, double handshakeTimeout) {
    this.loop = loop;
    this.engine = engine;
    this.app = app;
    this.handshakeTimeout = handshakeTimeout;
    this.handshake = loop.createFuture();
    this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
  }

  // ---------------------------------------------------------------------------------------------
  // Towards the socket

  @Override
  public void connectionMade(Transport socket) {
    this.socket = socket;
    timeout =
        loop.callLater(
            handshakeTimeout,
            () -> {
              if (!open && !lost) {
                fail(new SSLHandshakeException(
                    "TLS handshake timed out after " + handshakeTimeout + " s"));
              }
            });
    try {
      engine.beginHandshake();
      advance();
    } catch (SSLException | RuntimeException e) {
      fail(e);
    }
  }

  @Override
  public void dataReceived(ByteBuffer data) {
    if (lost) {
      return;
    }
    // netIn is kept in read mode; a partial record waits at its start for the rest.
    netIn.compact();
    if (netIn.remaining() < data.remaining()) {
      ByteBuffer grown =
          ByteBuffer.allocate(Math.max(2 * netIn.capacity(), netIn.position() + data.remaining()));
      netIn.flip();
      grown.put(netIn);
      netIn = grown;
    }
    netIn.put(data).flip();
    try {
      advance();
    } catch (SSLException | RuntimeException e) {
      fail(e);
    }
  }

  @Override
  public boolean eofReceived() {
    if (!open) {
      fail(new SSLHandshakeException("the peer closed the connection during the TLS handshake"));
      return true;
    }
    try {
      engine.closeInbound(); // throws if the peer sent no close_notify (a truncated stream)
    } catch (SSLException e) {
      // Many peers end without close_notify; the application still hears a plain end of input.
    }
    appEof();
    return false; // TLS has no half-close: the socket closes
  }

  @Override
  public void connectionLost(Exception error) {
    if (timeout != null) {
      timeout.cancel();
    }
    if (!handshake.isDone()) {
      handshake.setException(
          error != null ? error : new SSLHandshakeException("connection lost during the TLS handshake"));
      handshake.exception();
    }
    if (open && !lost) {
      lost = true;
      app.connectionLost(error);
    }
    lost = true;
  }

  @Override
  public void pauseWriting() {
    if (open) {
      app.pauseWriting();
    }
  }

  @Override
  public void resumeWriting() {
    if (open) {
      app.resumeWriting();
    }
  }

  /** Runs the engine as far as the bytes at hand allow: handshake, then records. */
  private void advance() throws SSLException {
    for (;;) {
      HandshakeStatus status = engine.getHandshakeStatus();
      switch (status) {
        case NEED_TASK:
          for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run();
          }
          continue;
        case NEED_WRAP:
          wrap(ByteBuffer.allocate(0));
          continue;
        case NEED_UNWRAP:
        case NEED_UNWRAP_AGAIN:
          if (!unwrap()) {
            return; // more bytes needed
          }
          continue;
        default:
          if (!open) {
            handshakeDone();
          }
          if (netIn.hasRemaining() && !lost) {
            if (!unwrap()) {
              return;
            }
            continue;
          }
          return;
      }
    }
  }

  private void handshakeDone() {
    open = true;
    timeout.cancel();
    if (onUpgraded != null) {
      onUpgraded.run();
    } else {
      app.connectionMade(this);
    }
    handshake.setResult(this);
    while (!waitingWrites.isEmpty() && !closing) {
      ByteBuffer next = waitingWrites.pollFirst();
      write(next.array(), next.position(), next.remaining());
    }
    if (closing) {
      sendCloseNotify();
    }
  }

  /** Encrypts {@code plain} (all of it) and sends the records. */
  private void wrap(ByteBuffer plain) throws SSLException {
    do {
      netOut.clear();
      SSLEngineResult result = engine.wrap(plain, netOut);
      if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
        netOut = ByteBuffer.allocate(netOut.capacity() * 2);
        continue;
      }
      netOut.flip();
      if (netOut.hasRemaining()) {
        socket.write(netOut);
      }
      if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
        return;
      }
    } while (plain.hasRemaining());
  }

  /** Decrypts one record from what arrived; false if a whole record is not there yet. */
  private boolean unwrap() throws SSLException {
    appIn.clear();
    SSLEngineResult result = engine.unwrap(netIn, appIn);
    switch (result.getStatus()) {
      case BUFFER_UNDERFLOW:
        return false;
      case BUFFER_OVERFLOW:
        appIn = ByteBuffer.allocate(appIn.capacity() * 2);
        return true;
      case CLOSED:
        // The peer's close_notify: answer it, and the application hears the end.
        if (!engine.isOutboundDone()) {
          engine.closeOutbound();
          wrap(ByteBuffer.allocate(0));
        }
        appEof();
        socket.close();
        return false;
      default:
        appIn.flip();
        if (appIn.hasRemaining() && open) {
          deliver(appIn);
        }
        return true;
    }
  }

  private void deliver(ByteBuffer plain) {
    if (app instanceof Protocol stream) {
      stream.dataReceived(plain);
    } else if (app instanceof BufferedProtocol buffered) {
      while (plain.hasRemaining()) {
        ByteBuffer into = buffered.getBuffer(plain.remaining());
        int n = Math.min(into.remaining(), plain.remaining());
        ByteBuffer slice = plain.slice();
        slice.limit(n);
        into.put(slice);
        plain.position(plain.position() + n);
        buffered.bufferUpdated(n);
      }
    }
  }

  private void appEof() {
    if (!open || lost) {
      return;
    }
    if (app instanceof Protocol stream) {
      stream.eofReceived();
    } else if (app instanceof BufferedProtocol buffered) {
      buffered.eofReceived();
    }
  }

  private void fail(Exception error) {
    if (lost) {
      return;
    }
    if (!open && !(error instanceof java.io.IOException)) {
      // The engine's own failures (a trust store it cannot use...) are handshake failures too.
      SSLHandshakeException described = new SSLHandshakeException(String.valueOf(error.getMessage()));
      described.initCause(error);
      error = described;
    }
    if (!handshake.isDone()) {
      handshake.setException(error);
      handshake.exception(); // whoever waits reads it; nobody else must be told it was missed
    }
    if (socket != null) {
      socket.abort();
    }
  }

  private void sendCloseNotify() {
    engine.closeOutbound();
    try {
      wrap(ByteBuffer.allocate(0));
    } catch (SSLException e) {
      // closing anyway
    }
    socket.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Towards the application

  @Override
  public void write(byte[] data, int offset, int length) {
    if (closing) {
      throw new IllegalStateException("write() on a closing TLS transport");
    }
    if (length == 0 || lost) {
      return;
    }
    if (!open) {
      byte[] copy = new byte[length];
      System.arraycopy(data, offset, copy, 0, length);
      waitingWrites.addLast(ByteBuffer.wrap(copy));
      return;
    }
    try {
      wrap(ByteBuffer.wrap(data, offset, length));
    } catch (SSLException e) {
      fail(e);
    }
  }

  @Override
  public void writeEof() {
    throw new UnsupportedOperationException("TLS has no half-close: use close()");
  }

  @Override
  public boolean canWriteEof() {
    return false;
  }

  @Override
  public void close() {
    if (closing || lost) {
      return;
    }
    closing = true;
    if (open) {
      sendCloseNotify();
    } else if (socket != null) {
      socket.close();
    }
  }

  @Override
  public void abort() {
    closing = true;
    if (socket != null) {
      socket.abort();
    }
  }

  @Override
  public boolean isClosing() {
    return closing || lost || socket.isClosing();
  }

  /**
   * The socket's facts, and: {@code "ssl_object"} (the {@link SSLEngine}), {@code "peercert"}
   * (the peer's certificate, or null), {@code "cipher"} (the cipher suite).
   */
  @Override
  public Object getExtraInfo(String name) {
    switch (name) {
      case "ssl_object":
        return engine;
      case "cipher":
        return engine.getSession().getCipherSuite();
      case "peercert":
        try {
          return engine.getSession().getPeerCertificates()[0];
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
          return null;
        }
      default:
        return socket.getExtraInfo(name);
    }
  }

  @Override
  public void setProtocol(BaseProtocol protocol) {
    this.app = protocol;
  }

  @Override
  public BaseProtocol getProtocol() {
    return app;
  }

  @Override
  public boolean isReading() {
    return socket.isReading();
  }

  @Override
  public void pauseReading() {
    socket.pauseReading();
  }

  @Override
  public void resumeReading() {
    socket.resumeReading();
  }

  @Override
  public long getWriteBufferSize() {
    return socket.getWriteBufferSize();
  }

  @Override
  public int[] getWriteBufferLimits() {
    return socket.getWriteBufferLimits();
  }

  @Override
  public void setWriteBufferLimits(Integer high, Integer low) {
    socket.setWriteBufferLimits(high, low);
  }

  @Override
  public String toString() {
    return "<TLS " + (open ? engine.getSession().getProtocol() : "handshaking") + " over " + socket + ">";
  }
}
