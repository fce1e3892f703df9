package io.jasyncio.benchmarks.echo;

import static io.jasyncio.AsyncIO.*;
import static java.nio.charset.StandardCharsets.US_ASCII;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import io.jasyncio.protocols.Protocol;
import io.jasyncio.streams.Server;
import io.jasyncio.transports.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A keep-alive HTTP/1.1 server on a jasyncio {@link Protocol}, for {@code wrk}: every request head
 * (GET, no body) gets the same small response; requests pipelined in one read, or split across
 * reads, are answered in order. {@code benchmarks/http/VirtualThreadHttpServer.java} is the same
 * server on virtual threads.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.jasyncio.benchmarks.echo.HttpServerMain 8080
 * </pre>
 */
public abstract class HttpServerMain {
  static final byte[] RESPONSE =
      ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!")
          .getBytes(US_ASCII);

  /** Counts the request heads in each read; answers each at once. */
  static final class Http implements Protocol {
    private Transport transport;
    /** How many bytes of "\r\n\r\n" the previous read ended with. */
    private int matched;

    @Override
    public void connectionMade(Transport transport) {
      this.transport = transport;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
      int heads = 0;
      while (data.hasRemaining()) {
        byte b = data.get();
        if (b == (matched % 2 == 0 ? '\r' : '\n')) {
          if (++matched == 4) {
            heads++;
            matched = 0;
          }
        } else {
          matched = b == '\r' ? 1 : 0;
        }
      }
      if (heads == 1) {
        transport.write(RESPONSE);
      } else if (heads > 1) {
        byte[] all = new byte[RESPONSE.length * heads];
        for (int i = 0; i < heads; i++) {
          System.arraycopy(RESPONSE, 0, all, i * RESPONSE.length, RESPONSE.length);
        }
        transport.write(all);
      }
    }
  }

  @Async
  static Coro<Void> serve(int port) throws IOException {
    Server server = await(createServer(Http::new, "127.0.0.1", port));
    System.out.println("jasyncio HTTP server on " + server.addresses());
    await(server.serveForever());
    return done();
  }

  public static void main(String[] args) throws Exception {
    run(AsyncHttpServerMain.serve(args.length > 0 ? Integer.parseInt(args[0]) : 8080));
  }
}
