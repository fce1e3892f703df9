package io.jasyncio.streams;

import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * {@code writer.startTls(...)}: puts a TLS layer between a live socket and its streams, then waits
 * for the handshake. Done when awaited, in the awaiting task, as asyncio's {@code start_tls}.
 *
 * <p>States: 0 start; 1 waiting for the handshake.
 */
final class StartTls extends Coro<Void> {
  private final StreamWriter writer;
  private final SSLContext ssl;
  private final String serverHostname;
  private final boolean serverSide;
  private final double handshakeTimeout;

  StartTls(StreamWriter writer, SSLContext ssl, String serverHostname, boolean serverSide, double handshakeTimeout) {
    this.writer = writer;
    this.ssl = ssl;
    this.serverHostname = serverHostname;
    this.serverSide = serverSide;
    this.handshakeTimeout = handshakeTimeout;
  }

  @Override
  protected Object $resume(Object $in, Throwable $err) throws Throwable {
    if ($err != null) {
      throw $err;
    }
    if ($label == 1) {
      return null;
    }
    if (!(writer.transport() instanceof SocketTransport socket) || socket.isClosing()) {
      throw new IllegalStateException("startTls needs an open plain socket connection, not " + writer.transport());
    }
    SSLEngine engine;
    if (serverSide) {
      engine = ssl.createSSLEngine();
      engine.setUseClientMode(false);
    } else {
      engine = ssl.createSSLEngine(serverHostname, -1);
      engine.setUseClientMode(true);
      SSLParameters parameters = engine.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      if (Streams.literalAddress(serverHostname) == null) {
        parameters.setServerNames(List.of(new SNIHostName(serverHostname)));
      }
      engine.setSSLParameters(parameters);
    }
    TlsLayer tls = new TlsLayer(EventLoop.getRunningLoop(), engine, socket.getProtocol(), handshakeTimeout);
    tls.onUpgraded = () -> writer.upgradedTo(tls);
    socket.setProtocol(tls);
    tls.connectionMade(socket);
    $label = 1;
    return $await(tls.handshake) == $SUSPEND ? $SUSPEND : null;
  }

  @Override
  protected StackTraceElement $where() {
    return new StackTraceElement(StreamWriter.class.getName(), "startTls", null, -1);
  }
}
