package io.jasyncio.streams;

import io.jasyncio.AsyncContext;
import io.jasyncio.AsyncIO;
import io.jasyncio.Awaitable;
import io.jasyncio.CancelledError;
import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.protocols.BaseProtocol;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A listening TCP server made by {@link Streams#startServer}: asyncio's {@code Server}. Each
 * accepted connection gets a {@link StreamReader}, a {@link StreamWriter} and its own task running
 * the {@link ClientConnectedHandler}.
 *
 * <h2>States</h2>
 *
 * <table>
 *   <caption>Server states</caption>
 *   <tr><th>State</th><th>{@link #isServing()}</th><th>{@link #sockets()}</th><th>{@link
 *       #waitClosed()}</th></tr>
 *   <tr><td>serving</td><td>true</td><td>the listening sockets</td><td>waits</td></tr>
 *   <tr><td>closed, connections live</td><td>false</td><td>empty</td>
 *       <td>waits for the last connection to close</td></tr>
 *   <tr><td>closed, no connection</td><td>false</td><td>empty</td><td>returns at once</td></tr>
 * </table>
 *
 * {@link #close()} stops accepting and closes the listening sockets; connections already accepted
 * go on until their handlers close them (or {@link #closeClients()} does), as in CPython 3.13.
 * It is an {@code async with} resource: leaving {@code try (Server s = ...)} closes it and waits
 * for it to be closed.
 *
 * <p>Loop thread only.
 */
public final class Server implements AsyncContext {
  /** How long accepting pauses after the system ran out of resources (file descriptors). */
  private static final double ACCEPT_RETRY_DELAY = 1.0;

  private final EventLoop loop;
  /** Makes the protocol of each accepted connection. */
  private final Supplier<? extends BaseProtocol> protocolFactory;
  private final int backlog;
  /** The listening sockets; null once closed. */
  private List<ServerSocketChannel> sockets;
  private final Set<SocketTransport> clients = new LinkedHashSet<>();
  /** Who waits in waitClosed(); null once closed with no connection left. */
  private List<Future<Void>> waiters = new ArrayList<>();
  private boolean serving;
  private Future<Void> servingForever;
  /**
   * With a {@link ServerGroup} that hands connections over: the servers of the group, this one
   * among them, that accepted connections go to in turn; null otherwise. Set before accepting.
   */
  private List<Server> handOverTo;
  private int nextPeer;
  /** The socket files of a Unix domain socket server, removed when it closes; else empty. */
  private List<Path> unixPaths = List.of();

  Server(
      EventLoop loop,
      List<ServerSocketChannel> sockets,
      ClientConnectedHandler handler,
      int limit,
      int backlog) {
    this(loop, sockets, () -> new StreamProtocol(loop, new StreamReader(limit), handler), backlog);
  }

  /** A server whose connections each get a protocol from {@code protocolFactory}. */
  Server(
      EventLoop loop,
      List<ServerSocketChannel> sockets,
      Supplier<? extends BaseProtocol> protocolFactory,
      int backlog) {
    this.loop = loop;
    this.sockets = new ArrayList<>(sockets);
    this.protocolFactory = protocolFactory;
    this.backlog = backlog;
  }

  /** The listening sockets; empty once closed. Do not accept on them. */
  public List<ServerSocketChannel> sockets() {
    return sockets == null ? List.of() : Collections.unmodifiableList(sockets);
  }

  /**
   * The TCP addresses the server listens on (with the actual port if it was 0); empty once closed,
   * and for a Unix domain socket server (see {@link #localAddresses()}).
   */
  public List<InetSocketAddress> addresses() {
    List<InetSocketAddress> out = new ArrayList<>();
    for (SocketAddress address : localAddresses()) {
      if (address instanceof InetSocketAddress inet) {
        out.add(inet);
      }
    }
    return out;
  }

  /**
   * The addresses the server listens on, whatever their family: {@link InetSocketAddress}es, or
   * a {@link java.net.UnixDomainSocketAddress}; empty once closed.
   */
  public List<SocketAddress> localAddresses() {
    List<SocketAddress> out = new ArrayList<>();
    for (ServerSocketChannel socket : sockets()) {
      try {
        out.add(socket.getLocalAddress());
      } catch (IOException e) {
        // A socket closed under us has no address to report.
      }
    }
    return out;
  }

  /** Whether the server accepts connections. */
  public boolean isServing() {
    return serving;
  }

  public EventLoop getLoop() {
    return loop;
  }

  /** Starts accepting connections, if not already; returns after one loop iteration. */
  public Coro<Void> startServing() {
    startAccepting();
    return AsyncIO.sleep(0);
  }

  void startAccepting() {
    if (serving || sockets == null) {
      return;
    }
    serving = true;
    for (ServerSocketChannel socket : sockets) {
      watch(socket);
    }
  }

  private void watch(ServerSocketChannel socket) {
    loop.addReader(socket, () -> accept(socket));
  }

  /** Accepts what is pending, at most {@code backlog} connections per readiness. */
  private void accept(ServerSocketChannel socket) {
    for (int i = 0; i < backlog; i++) {
      SocketChannel channel;
      try {
        channel = socket.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        // Most likely out of file descriptors: say so, and stop accepting for a while.
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", "socket.accept() out of system resource");
        context.put("exception", e);
        context.put("socket", socket);
        loop.callExceptionHandler(context);
        loop.removeReader(socket);
        loop.callLater(
            ACCEPT_RETRY_DELAY,
            () -> {
              if (serving && socket.isOpen()) {
                watch(socket);
              }
            });
        return;
      }
      if (channel == null) {
        return;
      }
      try {
        channel.configureBlocking(false);
        if (unixPaths.isEmpty()) {
          channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
      } catch (IOException e) {
        Streams.closeQuietly(channel); // the peer is gone already
        continue;
      }
      List<Server> peers = handOverTo;
      Server target = this;
      if (peers != null) {
        target = peers.get(nextPeer);
        nextPeer = (nextPeer + 1) % peers.size();
      }
      if (target == this) {
        adopt(channel);
      } else {
        Server receiver = target;
        try {
          receiver.loop.callSoonThreadsafe(() -> receiver.adopt(channel));
        } catch (IllegalStateException closed) {
          Streams.closeQuietly(channel); // its loop is closed
        }
      }
    }
  }

  /** Serves an accepted connection on this server's loop (a closed server drops it). */
  private void adopt(SocketChannel channel) {
    if (!serving) {
      Streams.closeQuietly(channel);
      return;
    }
    BaseProtocol protocol;
    try {
      protocol = java.util.Objects.requireNonNull(protocolFactory.get(), "the protocol factory returned null");
    } catch (RuntimeException e) {
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("message", "the protocol factory failed; the connection is closed");
      context.put("exception", e);
      loop.callExceptionHandler(context);
      Streams.closeQuietly(channel);
      return;
    }
    new SocketTransport(loop, channel, protocol, this).start();
  }

  /** Says which socket files this server bound, to be removed when it closes. */
  void ownsSocketFiles(List<Path> paths) {
    unixPaths = List.copyOf(paths);
  }

  /** Makes this server, which has not started accepting, hand connections to {@code peers}. */
  void handOverTo(List<Server> peers) {
    handOverTo = List.copyOf(peers);
  }

  /**
   * A server with no socket of its own, serving what another server of a {@link ServerGroup}
   * accepts and hands to it.
   */
  static Server receiving(EventLoop loop, Supplier<? extends BaseProtocol> protocolFactory) {
    Server server = new Server(loop, List.of(), protocolFactory, 1);
    server.serving = true;
    return server;
  }

  void attach(SocketTransport transport) {
    clients.add(transport);
  }

  void detach(SocketTransport transport) {
    clients.remove(transport);
    if (clients.isEmpty() && sockets == null) {
      wakeUp();
    }
  }

  private void wakeUp() {
    List<Future<Void>> waiting = waiters;
    waiters = null;
    if (waiting == null) {
      return;
    }
    for (Future<Void> waiter : waiting) {
      if (!waiter.isDone()) {
        waiter.setResult(null);
      }
    }
  }

  /**
   * Stops listening and closes the listening sockets. Accepted connections stay open. A task in
   * {@link #serveForever()} is cancelled. Calling it again does nothing.
   */
  public void close() {
    List<ServerSocketChannel> listening = sockets;
    if (listening == null) {
      return;
    }
    sockets = null;
    for (ServerSocketChannel socket : listening) {
      Streams.closeQuietly(socket); // closed first, so that removing it releases it at once
      loop.removeReader(socket);
    }
    for (Path path : unixPaths) {
      UnixSocketFiles.removeSocket(path); // asyncio's cleanup_socket
    }
    serving = false;
    if (servingForever != null && !servingForever.isDone()) {
      servingForever.cancel();
      servingForever = null;
    }
    if (clients.isEmpty()) {
      wakeUp();
    }
  }

  /** Closes every accepted connection (after sending what each has buffered). */
  public void closeClients() {
    for (SocketTransport transport : new ArrayList<>(clients)) {
      transport.close();
    }
  }

  /** Closes every accepted connection at once, dropping buffered data. */
  public void abortClients() {
    for (SocketTransport transport : new ArrayList<>(clients)) {
      transport.abort();
    }
  }

  /**
   * Waits until the server is closed and its last connection is closed too (CPython 3.12.1 and
   * later). Returns at once if that is already so.
   */
  public Coro<Void> waitClosed() {
    if (waiters == null) {
      return AsyncIO.done(null);
    }
    Future<Void> waiter = loop.createFuture();
    waiters.add(waiter);
    return new AwaitFuture<>(waiter, Server.class, "waitClosed");
  }

  /**
   * Accepts connections until cancelled; then closes the server, waits for {@link #waitClosed()}
   * and lets the {@link CancelledError} through. {@link #close()} from elsewhere cancels it.
   *
   * @throws IllegalStateException (when awaited) "server ... is already being awaited on
   *     serve_forever()" or "server ... is closed"
   */
  public Coro<Void> serveForever() {
    return new ServeForever(this);
  }

  /** {@code async with server}: returns the server itself. */
  @Override
  public Awaitable<?> aenter() {
    return AsyncIO.done(this);
  }

  /** Leaving {@code async with}: closes the server and waits until it is closed. */
  @Override
  public Awaitable<Boolean> aexit(Throwable inFlight) {
    close();
    return new Coro<Boolean>() {
      @Override
      protected Object $resume(Object $in, Throwable $err) throws Throwable {
        if ($err != null) {
          throw $err;
        }
        if ($label == 0) {
          $label = 1;
          if ($await(waitClosed()) == $SUSPEND) {
            return $SUSPEND;
          }
        }
        return Boolean.FALSE;
      }

      @Override
      protected StackTraceElement $where() {
        return new StackTraceElement(Server.class.getName(), "aexit", null, -1);
      }
    };
  }

  @Override
  public String toString() {
    return "<Server sockets=" + addresses() + ">";
  }

  private static final class ServeForever extends Coro<Void> {
    private final Server server;
    private Throwable cancellation;

    ServeForever(Server server) {
      this.server = server;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      Server s = server;
      switch ($label) {
        case 0:
          if ($err != null) {
            throw $err;
          }
          if (s.servingForever != null) {
            throw new IllegalStateException(
                "server " + s + " is already being awaited on serve_forever()");
          }
          if (s.sockets == null) {
            throw new IllegalStateException("server " + s + " is closed");
          }
          s.startAccepting();
          s.servingForever = s.loop.createFuture();
          $label = 1;
          $await(s.servingForever);
          return $SUSPEND;
        case 1:
          if (!($err instanceof CancelledError)) {
            s.servingForever = null;
            if ($err != null) {
              throw $err;
            }
            return null;
          }
          cancellation = $err;
          $label = 2;
          try {
            s.close();
            if ($await(s.waitClosed()) == $SUSPEND) {
              return $SUSPEND;
            }
          } catch (RuntimeException | CancelledError ignored) {
            // The first cancellation is what the caller must see (asyncio's "finally: raise").
          }
          // fall through
        default:
          s.servingForever = null;
          throw cancellation;
      }
    }

    @Override
    protected StackTraceElement $where() {
      return new StackTraceElement(Server.class.getName(), "serveForever", null, -1);
    }
  }
}
