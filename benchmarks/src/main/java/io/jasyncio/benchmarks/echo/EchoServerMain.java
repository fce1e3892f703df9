package io.jasyncio.benchmarks.echo;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import io.jasyncio.protocols.Protocol;
import io.jasyncio.streams.Server;
import io.jasyncio.streams.StreamReader;
import io.jasyncio.streams.StreamWriter;
import io.jasyncio.transports.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The echo servers of uvloop's benchmark ({@code examples/bench/echoserver.py}), written on
 * jasyncio, for its client {@code echoclient.py}: {@code --streams} (read up to 1 MB, write it
 * back), {@code --proto} (a {@link Protocol} writing back what it receives), {@code --buffered} ({@link
 * ProtocolEcho}'s buffered protocol with a 256 KiB buffer, as uvloop's).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.jasyncio.benchmarks.echo.EchoServerMain --proto 25000
 * </pre>
 */
public abstract class EchoServerMain {

  @Async
  static Coro<Void> echoStreams(StreamReader reader, StreamWriter writer) throws IOException {
    while (true) {
      byte[] data = await(reader.read(1_000_000));
      if (data.length == 0) {
        break;
      }
      writer.write(data);
    }
    writer.close();
    return done();
  }

  static final class Echo implements Protocol {
    private Transport transport;

    @Override
    public void connectionMade(Transport transport) {
      this.transport = transport;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
      transport.write(data);
    }
  }

  @Async
  static Coro<Void> serve(String mode, int port) throws IOException {
    Server server;
    switch (mode) {
      case "--streams":
        server = await(startServer(AsyncEchoServerMain::echoStreams, "127.0.0.1", port));
        break;
      case "--buffered":
        server = await(createServer(() -> new ProtocolEcho.EchoServer(256 * 1024), "127.0.0.1", port));
        break;
      default:
        server = await(createServer(Echo::new, "127.0.0.1", port));
    }
    System.out.println("jasyncio " + mode + " echo server on " + server.addresses());
    await(server.serveForever());
    return done();
  }

  public static void main(String[] args) throws Exception {
    run(AsyncEchoServerMain.serve(args.length > 0 ? args[0] : "--proto", args.length > 1 ? Integer.parseInt(args[1]) : 25000));
  }
}
