package io.jasyncio.benchmarks.echo;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.Coro;
import io.jasyncio.EventLoopGroup;
import io.jasyncio.annotations.Async;
import io.jasyncio.streams.Connection;
import io.jasyncio.streams.Server;
import io.jasyncio.streams.ServerGroup;
import io.jasyncio.streams.StreamReader;
import io.jasyncio.streams.StreamWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * W6 with jasyncio streams: an echo server, and clients that each do {@code rounds} round trips of
 * a {@code size}-byte message (write, drain, readexactly). The same code as the Python script
 * beside it ({@code benchmarks/python/echo_bench.py}).
 */
public abstract class StreamsEcho {
  static final String HOST = "127.0.0.1";

  @Async
  Coro<Void> echo(StreamReader reader, StreamWriter writer) throws IOException {
    try {
      while (true) {
        byte[] data = await(reader.read(64 * 1024));
        if (data.length == 0) {
          break;
        }
        writer.write(data);
        await(writer.drain());
      }
    } finally {
      writer.close();
    }
    return done();
  }

  @Async
  Coro<Server> serve() throws IOException {
    return done(await(startServer(this::echo, HOST, 0)));
  }

  @Async
  Coro<Integer> client(int port, int rounds, int size) throws IOException {
    Connection c = await(openConnection(HOST, port));
    byte[] message = new byte[size];
    int ok = 0;
    for (int i = 0; i < rounds; i++) {
      message[0] = (byte) i;
      c.writer().write(message);
      await(c.writer().drain());
      byte[] back = await(c.reader().readexactly(size));
      if (back[0] == (byte) i) {
        ok++;
      }
    }
    c.writer().close();
    await(c.writer().waitClosed());
    return done(ok);
  }

  /** Every client at once; returns the number of correct round trips. */
  @Async
  Coro<Integer> clients(int port, int connections, int rounds, int size) throws IOException {
    List<Coro<Integer>> all = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      all.add(client(port, rounds, size));
    }
    int total = 0;
    for (int ok : await(gather(all))) {
      total += ok;
    }
    return done(total);
  }

  /** Server and clients on one loop, as the Python script runs them. */
  @Async
  public Coro<Integer> oneLoop(int connections, int rounds, int size) throws IOException {
    Server server = await(serve());
    int port = server.addresses().get(0).getPort();
    int total = await(clients(port, connections, rounds, size));
    server.close();
    await(server.waitClosed());
    return done(total);
  }

  /** A server on this loop until {@code stop} completes; {@code port} gets its port. */
  @Async
  Coro<Void> serveUntil(java.util.concurrent.CompletableFuture<Integer> port,
      java.util.concurrent.CompletableFuture<Void> stop) throws IOException {
    Server server = await(serve());
    port.complete(server.addresses().get(0).getPort());
    await(stop);
    server.close();
    await(server.waitClosed());
    return done();
  }

  /**
   * W6 on a group of {@code loops} loops: the echo server on every loop ({@link ServerGroup}), and
   * the clients spread evenly over the same loops. Returns the correct round trips; {@code nanos}
   * gets the time from the first client to the last reply (the group's start and end excluded).
   */
  public int group(int loops, int connections, int rounds, int size, long[] nanos)
      throws Exception {
    try (EventLoopGroup group = new EventLoopGroup(loops)) {
      ServerGroup servers = ServerGroup.start(group, this::echo, HOST, 0).get();
      long t0 = System.nanoTime();
      List<CompletableFuture<Integer>> parts = new ArrayList<>();
      for (int i = 0; i < loops; i++) {
        int share = connections / loops + (i < connections % loops ? 1 : 0);
        parts.add(group.submit(group.loops().get(i), () -> clientsUnchecked(servers.port(), share, rounds, size)));
      }
      int total = 0;
      for (CompletableFuture<Integer> part : parts) {
        total += part.get();
      }
      nanos[0] = System.nanoTime() - t0;
      servers.close().get();
      return total;
    }
  }

  private Coro<Integer> clientsUnchecked(int port, int connections, int rounds, int size) {
    try {
      return clients(port, connections, rounds, size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
