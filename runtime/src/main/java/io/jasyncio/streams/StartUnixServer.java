package io.jasyncio.streams;

import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import java.io.IOException;
import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code startUnixServer(handler, path)} and {@code createUnixServer(protocolFactory, path)}: remove a stale socket file, bind, start accepting, and
 * yield once so the registration takes effect (as {@link StartServer} does).
 *
 * <p>States: 0 start; 1 the final yield.
 */
final class StartUnixServer extends Coro<Server> {
  private final EventLoop loop;
  private final java.util.function.Supplier<? extends io.jasyncio.protocols.BaseProtocol> protocolFactory;
  private final Path path;
  private final int backlog;
  private Server server;

  StartUnixServer(
      EventLoop loop,
      java.util.function.Supplier<? extends io.jasyncio.protocols.BaseProtocol> protocolFactory,
      Path path,
      int backlog) {
    this.loop = loop;
    this.protocolFactory = protocolFactory;
    this.path = path;
    this.backlog = backlog;
  }

  @Override
  protected Object $resume(Object $in, Throwable $err) throws Throwable {
    if ($err != null) {
      throw $err;
    }
    if ($label == 0) {
      server = new Server(loop, List.of(bind()), protocolFactory, backlog);
      server.ownsSocketFiles(List.of(path));
      server.startAccepting();
      $label = 1;
      if ($await(AsyncIO.sleep(0)) == $SUSPEND) {
        return $SUSPEND;
      }
    }
    return server;
  }

  private ServerSocketChannel bind() throws IOException {
    UnixSocketFiles.removeSocket(path); // a stale socket from a server that did not close
    ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      socket.bind(UnixDomainSocketAddress.of(path), backlog);
      socket.configureBlocking(false);
      return socket;
    } catch (IOException e) {
      Streams.closeQuietly(socket);
      BindException described =
          new BindException("error while attempting to bind on address " + path + ": " + e.getMessage());
      described.initCause(e);
      throw described;
    }
  }

  @Override
  protected StackTraceElement $where() {
    return new StackTraceElement(Streams.class.getName(), "startUnixServer", null, -1);
  }
}
