package io.jasyncio.streams;

import static io.jasyncio.AsyncIO.*;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jasyncio.Coro;
import io.jasyncio.EventLoopGroup;
import io.jasyncio.annotations.Async;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One port served by every loop of a group, on 127.0.0.1 with a bounded number of connections. */
@Timeout(30)
abstract class ServerGroupTest {
  static final String HOST = "127.0.0.1";

  /** Tells the client which loop thread serves it, then closes. */
  @Async
  Coro<Void> tellLoop(StreamReader reader, StreamWriter writer) throws IOException {
    writer.write((Thread.currentThread().getName() + "\n").getBytes(US_ASCII));
    await(writer.drain());
    writer.close();
    return done();
  }

  /** Connects with a plain blocking socket and reads the one line the server sends. */
  static String servedBy(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 5_000);
      socket.setSoTimeout(10_000);
      return new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII)).readLine();
    }
  }

  @Test
  void handedOverConnectionsAreServedByEachLoopInTurn() throws Exception {
    try (EventLoopGroup group = new EventLoopGroup(3, "hand-")) {
      ServerGroup servers =
          ServerGroup.start(group, this::tellLoop, HOST, 0, ServerGroup.Spread.HAND_OVER)
              .get(10, TimeUnit.SECONDS);
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        seen.add(servedBy(servers.port()));
      }
      assertEquals(List.of("hand-0", "hand-1", "hand-2", "hand-0", "hand-1", "hand-2"), seen);
      servers.close().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void withReusePortEveryLoopListensOnTheSamePortAndEachGetsConnections() throws Exception {
    assumeTrue(ServerGroup.reusePortSupported(), "SO_REUSEPORT is not available here");
    try (EventLoopGroup group = new EventLoopGroup(2, "reuse-")) {
      ServerGroup servers =
          ServerGroup.start(group, this::tellLoop, HOST, 0).get(10, TimeUnit.SECONDS);
      assertEquals(ServerGroup.Spread.REUSE_PORT, servers.spread());
      for (Server server : servers.servers()) {
        assertEquals(servers.port(), server.addresses().get(0).getPort());
      }
      // The kernel picks a listener by hashing each connection: over 40 connections, each of the
      // two loops gets some unless the hash sends all 40 one way (a chance of 2 in 2^40).
      HashSet<String> loops = new HashSet<>();
      for (int i = 0; i < 40; i++) {
        loops.add(servedBy(servers.port()));
      }
      assertEquals(java.util.Set.of("reuse-0", "reuse-1"), loops);
      servers.close().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void afterCloseNoLoopListens() throws Exception {
    for (ServerGroup.Spread spread : ServerGroup.Spread.values()) {
      if (spread == ServerGroup.Spread.REUSE_PORT && !ServerGroup.reusePortSupported()) {
        continue;
      }
      try (EventLoopGroup group = new EventLoopGroup(2)) {
        ServerGroup servers =
            ServerGroup.start(group, this::tellLoop, HOST, 0, spread).get(10, TimeUnit.SECONDS);
        servedBy(servers.port());
        servers.close().get(10, TimeUnit.SECONDS);
        assertThrows(ConnectException.class, () -> servedBy(servers.port()), spread.name());
      }
    }
  }

  @Test
  void aPortTakenByAnotherSocketFailsTheStartWithTheBindError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST));
        EventLoopGroup group = new EventLoopGroup(2)) {
      for (ServerGroup.Spread spread : ServerGroup.Spread.values()) {
        if (spread == ServerGroup.Spread.REUSE_PORT && !ServerGroup.reusePortSupported()) {
          continue;
        }
        ExecutionException e =
            assertThrows(
                ExecutionException.class,
                () ->
                    ServerGroup.start(group, this::tellLoop, HOST, taken.getLocalPort(), spread)
                        .get(10, TimeUnit.SECONDS));
        assertInstanceOf(BindException.class, e.getCause(), spread.name());
        assertTrue(e.getCause().getMessage().contains(String.valueOf(taken.getLocalPort())));
      }
    }
  }
}
