package io.jasyncio.streams;

import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import io.jasyncio.protocols.BaseProtocol;
import io.jasyncio.transports.Connected;
import io.jasyncio.Future;
import java.io.IOException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.util.function.Supplier;
import java.nio.file.Path;
import java.util.List;
import java.net.InetAddress;

/**
 * Opening TCP streams: asyncio's {@code open_connection} and {@code start_server}. Also reachable
 * as {@code AsyncIO.openConnection} and {@code AsyncIO.startServer}.
 *
 * <p>Host names are resolved on the loop's default executor, never on the loop thread; a literal
 * address ({@code "127.0.0.1"}, {@code "::1"}) needs no resolution. Sockets are non-blocking,
 * watched by the running loop's selector, with {@code TCP_NODELAY} on.
 */
public final class Streams {
  /** How many connections a server may have waiting to be accepted (CPython's default). */
  public static final int DEFAULT_BACKLOG = 100;

  private Streams() {}

  /**
   * Connects to {@code host:port}, trying each of the host's addresses in turn, and returns the
   * connection's reader (with the default 64 KiB limit) and writer.
   *
   * @throws IOException (when awaited) {@link java.net.UnknownHostException} if the name does not
   *     resolve; {@link java.net.ConnectException} "Connect call failed ..." if no address accepts
   *     the connection (several failures are reported as one, the others suppressed)
   */
  public static Coro<Connection> openConnection(String host, int port) throws IOException {
    return openConnection(host, port, StreamReader.DEFAULT_LIMIT);
  }

  /** {@link #openConnection(String, int)} with the reader's {@code limit}. */
  public static Coro<Connection> openConnection(String host, int port, int limit)
      throws IOException {
    checkPort(port);
    if (limit <= 0) {
      throw new IllegalArgumentException("Limit cannot be <= 0");
    }
    return new OpenConnection<>(
        EventLoop.getRunningLoop(), host, port, (loop, ch) -> OpenConnection.streams(loop, ch, limit));
  }

  /**
   * Listens on {@code host:port} and starts serving: every accepted connection runs {@code
   * handler} as a new task. {@code host} null or empty listens on every interface; a name that
   * resolves to several addresses listens on each. Port 0 picks a free port: see {@link
   * Server#addresses()}. The server socket reuses the address (SO_REUSEADDR), as CPython's does.
   *
   * @throws IOException (when awaited) {@link java.net.BindException} "error while attempting to
   *     bind on address ...: Address already in use" and the like; nothing stays open
   */
  public static Coro<Server> startServer(ClientConnectedHandler handler, String host, int port)
      throws IOException {
    return startServer(handler, host, port, StreamReader.DEFAULT_LIMIT, DEFAULT_BACKLOG);
  }

  /** {@link #startServer(ClientConnectedHandler, String, int)} with a reader limit and backlog. */
  public static Coro<Server> startServer(
      ClientConnectedHandler handler, String host, int port, int limit, int backlog)
      throws IOException {
    return startServer(handler, host, port, limit, backlog, false);
  }

  /**
   * {@link #startServer(ClientConnectedHandler, String, int, int, int)}; with {@code reusePort},
   * the listening sockets set {@code SO_REUSEPORT} (asyncio's {@code reuse_port}), so that several
   * servers, on several loops, can listen on the same port and the system spreads the incoming
   * connections over them (see {@link ServerGroup}). Where the platform has no such option, the
   * coroutine fails with an {@link UnsupportedOperationException}.
   */
  public static Coro<Server> startServer(
      ClientConnectedHandler handler,
      String host,
      int port,
      int limit,
      int backlog,
      boolean reusePort)
      throws IOException {
    return startServer(handler, host, port, limit, backlog, reusePort, null);
  }

  static Coro<Server> startServer(
      ClientConnectedHandler handler,
      String host,
      int port,
      int limit,
      int backlog,
      boolean reusePort,
      List<Server> handOverTo)
      throws IOException {
    if (handler == null) {
      throw new IllegalArgumentException("handler must not be null");
    }
    checkPort(port);
    if (limit <= 0) {
      throw new IllegalArgumentException("Limit cannot be <= 0");
    }
    if (backlog <= 0) {
      throw new IllegalArgumentException("backlog must be > 0");
    }
    EventLoop loop = EventLoop.getRunningLoop();
    return new StartServer(
        loop,
        () -> new StreamProtocol(loop, new StreamReader(limit), handler),
        host,
        port,
        backlog,
        reusePort,
        handOverTo);
  }

  /**
   * Connects to {@code host:port} as {@link #openConnection(String, int)} does, and gives the
   * connection to a protocol made by {@code protocolFactory} (asyncio's {@code
   * loop.create_connection}): its {@link BaseProtocol#connectionMade} has run when the coroutine
   * completes.
   */
  public static <P extends BaseProtocol> Coro<Connected<P>> createConnection(
      Supplier<P> protocolFactory, String host, int port) {
    if (protocolFactory == null) {
      throw new IllegalArgumentException("protocolFactory must not be null");
    }
    checkPort(port);
    return new OpenConnection<>(
        EventLoop.getRunningLoop(),
        host,
        port,
        (loop, channel) -> {
          P protocol = protocolFactory.get();
          if (protocol == null) {
            Streams.closeQuietly(channel);
            throw new NullPointerException("the protocol factory returned null");
          }
          SocketTransport transport = new SocketTransport(loop, channel, protocol, null);
          transport.start();
          return new Connected<>(transport, protocol);
        });
  }

  /**
   * Listens on {@code host:port} as {@link #startServer(ClientConnectedHandler, String, int)}
   * does, each accepted connection getting a new protocol from {@code protocolFactory} (asyncio's
   * {@code loop.create_server}); no task is started per connection.
   */
  public static Coro<Server> createServer(
      Supplier<? extends BaseProtocol> protocolFactory, String host, int port) {
    if (protocolFactory == null) {
      throw new IllegalArgumentException("protocolFactory must not be null");
    }
    checkPort(port);
    return new StartServer(
        EventLoop.getRunningLoop(), protocolFactory, host, port, DEFAULT_BACKLOG, false, null);
  }

  /**
   * Connects to the Unix domain socket at {@code path} and returns the connection's reader (with
   * the default 64 KiB limit) and writer: {@link #openConnection(String, int)} for local peers,
   * without TCP (asyncio's {@code open_unix_connection}).
   *
   * @throws IOException (when awaited) {@link java.net.ConnectException} "Connect call failed
   *     PATH: ..." if nothing listens there
   */
  public static Coro<Connection> openUnixConnection(Path path) throws IOException {
    return openUnixConnection(path, StreamReader.DEFAULT_LIMIT);
  }

  /** {@link #openUnixConnection(Path)} with the reader's {@code limit}. */
  public static Coro<Connection> openUnixConnection(Path path, int limit) throws IOException {
    if (path == null) {
      throw new IllegalArgumentException("path must not be null");
    }
    if (limit <= 0) {
      throw new IllegalArgumentException("Limit cannot be <= 0");
    }
    return new OpenUnixConnection<>(
        EventLoop.getRunningLoop(), path, (loop, channel) -> OpenConnection.streams(loop, channel, limit));
  }

  /**
   * Listens on a Unix domain socket at {@code path} and starts serving, each accepted connection
   * running {@code handler} as a new task (asyncio's {@code start_unix_server}). A socket file
   * already at {@code path} (left by a server that did not close) is replaced; the server removes
   * its socket file when it closes. See {@link Server#localAddresses()}.
   *
   * @throws IOException (when awaited) {@link java.net.BindException} if the path cannot be bound
   */
  public static Coro<Server> startUnixServer(ClientConnectedHandler handler, Path path)
      throws IOException {
    if (handler == null) {
      throw new IllegalArgumentException("handler must not be null");
    }
    if (path == null) {
      throw new IllegalArgumentException("path must not be null");
    }
    EventLoop loop = EventLoop.getRunningLoop();
    return new StartUnixServer(
        loop,
        () -> new StreamProtocol(loop, new StreamReader(StreamReader.DEFAULT_LIMIT), handler),
        path,
        DEFAULT_BACKLOG);
  }

  /**
   * {@link #createConnection} over a Unix domain socket (asyncio's {@code
   * loop.create_unix_connection}).
   */
  public static <P extends BaseProtocol> Coro<Connected<P>> createUnixConnection(
      Supplier<P> protocolFactory, Path path) {
    if (protocolFactory == null || path == null) {
      throw new IllegalArgumentException("protocolFactory and path are required");
    }
    return new OpenUnixConnection<>(
        EventLoop.getRunningLoop(),
        path,
        (loop, channel) -> {
          P protocol = protocolFactory.get();
          if (protocol == null) {
            Streams.closeQuietly(channel);
            throw new NullPointerException("the protocol factory returned null");
          }
          SocketTransport transport = new SocketTransport(loop, channel, protocol, null);
          transport.start();
          return new Connected<>(transport, protocol);
        });
  }

  /**
   * {@link #createServer} on a Unix domain socket (asyncio's {@code loop.create_unix_server}), with
   * the socket-file handling of {@link #startUnixServer}.
   */
  public static Coro<Server> createUnixServer(
      Supplier<? extends BaseProtocol> protocolFactory, Path path) {
    if (protocolFactory == null || path == null) {
      throw new IllegalArgumentException("protocolFactory and path are required");
    }
    return new StartUnixServer(EventLoop.getRunningLoop(), protocolFactory, path, DEFAULT_BACKLOG);
  }

  /**
   * A reader fed from a blocking {@link java.io.InputStream}, such as a child process's output:
   * asyncio's {@code connect_read_pipe} with a {@link StreamReader}. A daemon thread named {@code
   * jasyncio-pipe-<name>} reads the stream and hands the bytes to the running loop; when the
   * reader holds more than twice its limit the thread stops reading until it is read down, so the
   * writer at the other end is held back. The stream is closed at its end.
   */
  public static StreamReader readPipe(java.io.InputStream in, String name) {
    EventLoop loop = EventLoop.getRunningLoop();
    StreamReader reader = new StreamReader();
    StreamProtocol protocol = new StreamProtocol(loop, reader, null);
    new PipeReadTransport(loop, java.util.Objects.requireNonNull(in, "in"), name, protocol).start();
    return reader;
  }

  /**
   * A writer to a blocking {@link java.io.OutputStream}, such as a child process's input:
   * asyncio's {@code connect_write_pipe} with a {@link StreamWriter}. Writes never block the loop:
   * a daemon thread named {@code jasyncio-pipe-<name>} writes the chunks in order; {@code drain()}
   * waits while more than 64 KiB wait, and fails once the pipe is broken. {@code close()} closes
   * the stream after what was written.
   */
  public static StreamWriter writePipe(java.io.OutputStream out, String name) {
    EventLoop loop = EventLoop.getRunningLoop();
    StreamProtocol protocol = new StreamProtocol(loop, new StreamReader(), null);
    new PipeWriteTransport(loop, java.util.Objects.requireNonNull(out, "out"), name, protocol).start();
    return protocol.writer();
  }

  /** How long a TLS handshake may take before the connection is dropped (asyncio's default). */
  public static final double DEFAULT_TLS_HANDSHAKE_TIMEOUT = 60.0;

  /**
   * {@link #openConnection(String, int)} over TLS: the handshake with {@code ssl}'s engine is done
   * when the coroutine completes. The server's certificate must match {@code host} (hostname
   * verification, as HTTPS does) and {@code host}, when a name, is sent as the server name
   * indication.
   *
   * @throws IOException (when awaited) {@link javax.net.ssl.SSLHandshakeException} if the
   *     certificate is not trusted, does not match, or the handshake takes longer than 60 s
   */
  public static Coro<Connection> openConnection(String host, int port, SSLContext ssl)
      throws IOException {
    return openConnection(host, port, ssl, DEFAULT_TLS_HANDSHAKE_TIMEOUT);
  }

  /** {@link #openConnection(String, int, SSLContext)} with a handshake timeout in seconds. */
  public static Coro<Connection> openConnection(
      String host, int port, SSLContext ssl, double handshakeTimeout) throws IOException {
    checkPort(port);
    if (ssl == null) {
      throw new IllegalArgumentException("ssl must not be null");
    }
    if (!(handshakeTimeout > 0)) {
      throw new IllegalArgumentException("handshakeTimeout must be > 0");
    }
    String name = host == null ? "localhost" : host;
    boolean literal = literalAddress(name) != null; // an address is not sent as a server name
    Coro<Future<Connection>> connecting =
        new OpenConnection<>(
            EventLoop.getRunningLoop(),
            host,
            port,
            (loop, channel) -> {
              SSLEngine engine = ssl.createSSLEngine(name, port);
              engine.setUseClientMode(true);
              SSLParameters parameters = engine.getSSLParameters();
              parameters.setEndpointIdentificationAlgorithm("HTTPS");
              if (!literal) {
                parameters.setServerNames(List.of(new SNIHostName(name)));
              }
              engine.setSSLParameters(parameters);
              StreamReader reader = new StreamReader();
              StreamProtocol app = new StreamProtocol(loop, reader, null);
              TlsLayer tls = new TlsLayer(loop, engine, app, handshakeTimeout);
              new SocketTransport(loop, channel, tls, null).start();
              Future<Connection> ready = loop.createFuture();
              tls.handshake.addDoneCallback(
                  done -> {
                    if (done.isCancelled()) {
                      ready.cancel();
                    } else if (done.exception() != null) {
                      ready.setException(done.exception());
                    } else {
                      ready.setResult(new Connection(reader, app.writer()));
                    }
                  });
              return ready;
            });
    return new AwaitAwaited<>(connecting, "openConnection");
  }

  /**
   * {@link #startServer(ClientConnectedHandler, String, int)} over TLS with {@code ssl}'s
   * certificate: each connection's handler starts once its handshake is done; a connection whose
   * handshake fails or takes longer than 60 s is dropped.
   */
  public static Coro<Server> startServer(
      ClientConnectedHandler handler, String host, int port, SSLContext ssl) throws IOException {
    if (handler == null) {
      throw new IllegalArgumentException("handler must not be null");
    }
    if (ssl == null) {
      throw new IllegalArgumentException("ssl must not be null");
    }
    checkPort(port);
    EventLoop loop = EventLoop.getRunningLoop();
    return new StartServer(
        loop,
        () -> {
          SSLEngine engine = ssl.createSSLEngine();
          engine.setUseClientMode(false);
          return new TlsLayer(
              loop,
              engine,
              new StreamProtocol(loop, new StreamReader(), handler),
              DEFAULT_TLS_HANDSHAKE_TIMEOUT);
        },
        host,
        port,
        DEFAULT_BACKLOG,
        false,
        null);
  }

  private static void checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** Closes {@code channel}, ignoring a failure: for sockets that already failed or are dropped. */
  static void closeQuietly(java.nio.channels.Channel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // The socket is closed either way; the error that matters was reported before.
    }
  }

  /** The addresses of {@code host} if it is a literal IP address (no lookup needed), else null. */
  static InetAddress[] literalAddress(String host) throws IOException {
    if (host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return new InetAddress[] {InetAddress.getByName(host)}; // parses; does not look anything up
    }
    return null;
  }
}
