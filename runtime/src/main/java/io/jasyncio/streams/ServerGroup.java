package io.jasyncio.streams;

import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import io.jasyncio.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One listening port served by every loop of an {@link EventLoopGroup}: each accepted connection
 * is served on one loop (its reader, writer and handler task all live there), and the connections
 * are spread over the loops. This is how a jasyncio server uses every core.
 *
 * <p>Two ways of spreading, chosen by {@link #start}:
 *
 * <ul>
 *   <li>{@link Spread#REUSE_PORT} (where the platform has {@code SO_REUSEPORT}, as Linux does):
 *       every loop listens on the same port with a socket of its own, and the kernel spreads the
 *       incoming connections; no loop does work for another.
 *   <li>{@link Spread#HAND_OVER}: the first loop listens and accepts, and hands the connections to
 *       the loops in turn, itself included (one cross-thread call per connection).
 * </ul>
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class ServerGroup {
  /** How connections reach the loops. */
  public enum Spread {
    /** A listening socket per loop, on the same port; the kernel chooses. */
    REUSE_PORT,
    /** One loop accepts and hands the connections to each loop in turn. */
    HAND_OVER
  }

  private final List<Server> servers;
  private final Spread spread;
  private final int port;

  private ServerGroup(List<Server> servers, Spread spread, int port) {
    this.servers = List.copyOf(servers);
    this.spread = spread;
    this.port = port;
  }

  /** Whether this platform lets several sockets listen on one port ({@code SO_REUSEPORT}). */
  public static boolean reusePortSupported() {
    try (ServerSocketChannel probe = ServerSocketChannel.open()) {
      return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Starts serving {@code host}:{@code port} ({@code port} 0: a free port, the same for every
   * loop) on every loop of {@code group}, spreading by {@link Spread#REUSE_PORT} where the platform
   * has it, else by {@link Spread#HAND_OVER}. The future completes once every loop accepts
   * connections, or fails with the first error (the servers already started are then closed).
   */
  public static CompletableFuture<ServerGroup> start(
      EventLoopGroup group, ClientConnectedHandler handler, String host, int port) {
    return start(
        group, handler, host, port, reusePortSupported() ? Spread.REUSE_PORT : Spread.HAND_OVER);
  }

  /** {@link #start(EventLoopGroup, ClientConnectedHandler, String, int)}, spreading as told. */
  public static CompletableFuture<ServerGroup> start(
      EventLoopGroup group,
      ClientConnectedHandler handler,
      String host,
      int port,
      Spread spread) {
    if (handler == null) {
      throw new IllegalArgumentException("handler must not be null");
    }
    List<EventLoop> loops = group.loops();
    if (spread == Spread.REUSE_PORT) {
      // The first loop binds (choosing the port if it is 0); the others then bind to that port.
      return group
          .submit(loops.get(0), () -> listen(handler, host, port, true, null))
          .thenCompose(
              first -> {
                int bound = portOf(first);
                List<CompletableFuture<Server>> others = new ArrayList<>();
                for (EventLoop loop : loops.subList(1, loops.size())) {
                  others.add(group.submit(loop, () -> listen(handler, host, bound, true, null)));
                }
                return collect(first, others, spread, bound);
              });
    }
    // Receiving servers first, on their own loops; then the acceptor, which knows them all.
    List<CompletableFuture<Server>> receivers = new ArrayList<>();
    for (EventLoop loop : loops.subList(1, loops.size())) {
      receivers.add(
          group.submit(
              loop,
              () -> AsyncIO.sleep(
                      0,
                      Server.receiving(
                          loop, () -> new StreamProtocol(loop, new StreamReader(StreamReader.DEFAULT_LIMIT), handler)))));
    }
    return CompletableFuture.allOf(receivers.toArray(new CompletableFuture<?>[0]))
        .thenCompose(
            ignored -> {
              List<Server> peers = new ArrayList<>();
              for (CompletableFuture<Server> receiver : receivers) {
                peers.add(receiver.join());
              }
              return group
                  .submit(loops.get(0), () -> listen(handler, host, port, false, peers))
                  .handle(
                      (acceptor, failure) -> {
                        if (failure != null) {
                          closeAll(peers);
                          throw new CompletionException(failure);
                        }
                        List<Server> all = new ArrayList<>();
                        all.add(acceptor);
                        all.addAll(peers);
                        return new ServerGroup(all, spread, portOf(acceptor));
                      });
            });
  }

  private static Coro<Server> listen(
      ClientConnectedHandler handler, String host, int port, boolean reusePort, List<Server> peers) {
    try {
      return Streams.startServer(
          handler,
          host,
          port,
          StreamReader.DEFAULT_LIMIT,
          Streams.DEFAULT_BACKLOG,
          reusePort,
          peers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CompletableFuture<ServerGroup> collect(
      Server first, List<CompletableFuture<Server>> others, Spread spread, int port) {
    return CompletableFuture.allOf(others.toArray(new CompletableFuture<?>[0]))
        .handle(
            (ignored, failure) -> {
              List<Server> all = new ArrayList<>();
              all.add(first);
              for (CompletableFuture<Server> other : others) {
                if (!other.isCompletedExceptionally()) {
                  all.add(other.join());
                }
              }
              if (failure != null) {
                closeAll(all);
                throw new CompletionException(failure);
              }
              return new ServerGroup(all, spread, port);
            });
  }

  private static int portOf(Server server) {
    List<InetSocketAddress> addresses = server.addresses();
    return addresses.isEmpty() ? 0 : addresses.get(0).getPort();
  }

  /** Closes each server on its own loop; the future completes once all are closed. */
  private static CompletableFuture<Void> closeAll(List<Server> servers) {
    List<CompletableFuture<Void>> closed = new ArrayList<>();
    for (Server server : servers) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      closed.add(done);
      try {
        server.getLoop()
            .callSoonThreadsafe(
                () -> {
                  server.close();
                  done.complete(null);
                });
      } catch (IllegalStateException loopClosed) {
        done.complete(null); // its loop is closed, and the server with it
      }
    }
    return CompletableFuture.allOf(closed.toArray(new CompletableFuture<?>[0]));
  }

  /** The port every loop serves. */
  public int port() {
    return port;
  }

  /** How the connections are spread. */
  public Spread spread() {
    return spread;
  }

  /** The servers, one per loop, in the group's order (the first accepts, with HAND_OVER). */
  public List<Server> servers() {
    return servers;
  }

  /**
   * Stops listening on every loop (each server's {@link Server#close()}, run on its own loop);
   * connections already accepted stay open. Returns at once; the future completes when every
   * server is closed.
   */
  public CompletableFuture<Void> close() {
    return closeAll(servers);
  }

  @Override
  public String toString() {
    return "<ServerGroup port=" + port + " spread=" + spread + " loops=" + servers.size() + ">";
  }
}
