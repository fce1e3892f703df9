package io.jasyncio.benchmarks.echo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * W6 the virtual-thread way: a blocking {@code ServerSocket} with a virtual thread per connection,
 * and clients that are virtual threads with blocking sockets. Needs JDK 21 or later (looked up at
 * run time, so that this module still compiles for Java 17).
 */
final class VirtualThreadEcho {
  private VirtualThreadEcho() {}

  /** A virtual-thread-per-task executor, or null before JDK 21. */
  static ExecutorService virtualThreads() {
    try {
      return (ExecutorService)
          MethodHandles.publicLookup()
              .findStatic(
                  Executors.class,
                  "newVirtualThreadPerTaskExecutor",
                  MethodType.methodType(ExecutorService.class))
              .invoke();
    } catch (Throwable e) {
      return null;
    }
  }

  /** Runs the workload; returns the number of correct round trips. */
  static int run(int connections, int rounds, int size) throws Exception {
    ExecutorService threads = virtualThreads();
    if (threads == null) {
      throw new UnsupportedOperationException("virtual threads need JDK 21+");
    }
    AtomicBoolean stopping = new AtomicBoolean();
    try (ServerSocket server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress())) {
      int port = server.getLocalPort();
      threads.submit(
          () -> {
            while (!stopping.get()) {
              Socket socket;
              try {
                socket = server.accept();
              } catch (IOException e) {
                return null;
              }
              threads.submit(() -> echo(socket));
            }
            return null;
          });
      List<Future<Integer>> clients = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        clients.add(threads.submit(() -> client(port, rounds, size)));
      }
      int total = 0;
      for (Future<Integer> client : clients) {
        total += client.get();
      }
      stopping.set(true);
      return total;
    } finally {
      threads.shutdownNow();
    }
  }

  private static Void echo(Socket socket) throws IOException {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
      }
    }
    return null;
  }

  private static int client(int port, int rounds, int size) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setTcpNoDelay(true);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      byte[] message = new byte[size];
      byte[] back = new byte[size];
      int ok = 0;
      for (int i = 0; i < rounds; i++) {
        message[0] = (byte) i;
        out.write(message);
        in.readNBytes(back, 0, size);
        if (back[0] == (byte) i) {
          ok++;
        }
      }
      return ok;
    }
  }
}
