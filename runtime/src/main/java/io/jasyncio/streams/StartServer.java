package io.jasyncio.streams;

import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.protocols.BaseProtocol;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code startServer(handler, host, port)} and {@code createServer(protocolFactory, host, port)}:
 * resolve off the loop, bind a listening socket per
 * address, start accepting, and yield once so the registrations take effect (as CPython does).
 *
 * <p>States: 0 start; 1 waiting for name resolution; 2 the final yield.
 */
final class StartServer extends Coro<Server> {
  private final EventLoop loop;
  private final Supplier<? extends BaseProtocol> protocolFactory;
  private final String host;
  private final int port;
  private final int backlog;
  private final boolean reusePort;
  private final List<Server> handOverTo;
  private Server server;

  StartServer(
      EventLoop loop,
      Supplier<? extends BaseProtocol> protocolFactory,
      String host,
      int port,
      int backlog,
      boolean reusePort,
      List<Server> handOverTo) {
    this.loop = loop;
    this.reusePort = reusePort;
    this.handOverTo = handOverTo;
    this.protocolFactory = protocolFactory;
    this.host = host;
    this.port = port;
    this.backlog = backlog;
  }

  @Override
  protected Object $resume(Object $in, Throwable $err) throws Throwable {
    if ($err != null) {
      throw $err;
    }
    switch ($label) {
      case 0:
        InetAddress[] addresses;
        if (host == null || host.isEmpty()) {
          addresses = new InetAddress[] {null}; // the wildcard address
        } else {
          addresses = Streams.literalAddress(host);
        }
        if (addresses == null) {
          String name = host;
          Future<InetAddress[]> lookup =
              loop.runInExecutor(null, () -> InetAddress.getAllByName(name));
          $label = 1;
          Object found = $await(lookup);
          if (found == $SUSPEND) {
            return $SUSPEND;
          }
          $in = found;
        } else {
          $in = addresses;
        }
        // fall through
      case 1:
        server = new Server(loop, bind((InetAddress[]) $in), protocolFactory, backlog);
        if (handOverTo != null) {
          List<Server> peers = new ArrayList<>(handOverTo.size() + 1);
          peers.add(server);
          peers.addAll(handOverTo);
          server.handOverTo(peers);
        }
        server.startAccepting();
        $label = 2;
        if ($await(AsyncIO.sleep(0)) == $SUSPEND) {
          return $SUSPEND;
        }
        // fall through
      default:
        return server;
    }
  }

  private List<ServerSocketChannel> bind(InetAddress[] addresses) throws IOException {
    List<ServerSocketChannel> sockets = new ArrayList<>(addresses.length);
    try {
      for (InetAddress address : addresses) {
        InetSocketAddress local =
            address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port);
        ServerSocketChannel socket = ServerSocketChannel.open();
        sockets.add(socket);
        socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        if (reusePort) {
          if (!socket.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
            throw new UnsupportedOperationException("reusePort is not supported on this platform");
          }
          socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
        try {
          socket.bind(local, backlog);
        } catch (IOException e) {
          BindException described =
              new BindException(
                  "error while attempting to bind on address " + local + ": " + e.getMessage());
          described.initCause(e);
          throw described;
        }
        socket.configureBlocking(false);
      }
    } catch (IOException | RuntimeException e) {
      for (ServerSocketChannel socket : sockets) {
        Streams.closeQuietly(socket);
      }
      throw e;
    }
    return sockets;
  }

  @Override
  protected StackTraceElement $where() {
    return new StackTraceElement(Streams.class.getName(), "startServer", null, -1);
  }
}
