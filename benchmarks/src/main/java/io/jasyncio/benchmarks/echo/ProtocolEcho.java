package io.jasyncio.benchmarks.echo;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.annotations.Async;
import io.jasyncio.protocols.BufferedProtocol;
import io.jasyncio.streams.Server;
import io.jasyncio.transports.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * W6 in protocol mode: the same echo as {@link StreamsEcho}, written on {@link BufferedProtocol}s
 * (reads land in the protocol's own direct buffer and go straight back out), no task per
 * connection.
 */
public abstract class ProtocolEcho {
  static final String HOST = "127.0.0.1";

  /** Writes back whatever it reads. */
  static final class EchoServer implements BufferedProtocol {
    private final ByteBuffer buffer;
    private Transport transport;

    EchoServer() {
      this(64 * 1024);
    }

    EchoServer(int bufferSize) {
      this.buffer = ByteBuffer.allocateDirect(bufferSize);
    }

    @Override
    public void connectionMade(Transport transport) {
      this.transport = transport;
    }

    @Override
    public ByteBuffer getBuffer(int sizeHint) {
      buffer.clear();
      return buffer;
    }

    @Override
    public void bufferUpdated(int nbytes) {
      buffer.flip();
      transport.write(buffer);
    }
  }

  /** Sends a message, waits for all of it to come back, sends the next; counts the round trips. */
  static final class EchoClient implements BufferedProtocol {
    private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
    private final byte[] message;
    private final int rounds;
    final Future<Integer> done = EventLoop.getRunningLoop().createFuture();
    private Transport transport;
    private int pending;
    private int trips;

    EchoClient(int size, int rounds) {
      this.message = new byte[size];
      this.rounds = rounds;
    }

    @Override
    public void connectionMade(Transport transport) {
      this.transport = transport;
      send();
    }

    private void send() {
      pending = message.length;
      transport.write(message);
    }

    @Override
    public ByteBuffer getBuffer(int sizeHint) {
      in.clear();
      return in;
    }

    @Override
    public void bufferUpdated(int nbytes) {
      pending -= nbytes;
      if (pending > 0) {
        return;
      }
      trips++;
      if (trips == rounds) {
        transport.close();
        done.setResult(trips);
      } else {
        send();
      }
    }

    @Override
    public void connectionLost(Exception error) {
      if (!done.isDone()) {
        done.setException(error != null ? error : new IOException("lost after " + trips));
      }
    }
  }

  /** Server and clients on one loop; returns the round trips made. */
  @Async
  public Coro<Integer> oneLoop(int connections, int rounds, int size) throws IOException {
    Server server = await(createServer(EchoServer::new, HOST, 0));
    int port = server.addresses().get(0).getPort();
    List<Future<Integer>> all = new ArrayList<>(connections);
    for (int i = 0; i < connections; i++) {
      all.add(await(createConnection(() -> new EchoClient(size, rounds), HOST, port)).protocol().done);
    }
    int total = 0;
    for (int trips : await(gather(all))) {
      total += trips;
    }
    server.close();
    await(server.waitClosed());
    return done(total);
  }
}
