package io.jasyncio.samples;

import static io.jasyncio.AsyncIO.*;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import io.jasyncio.protocols.Protocol;
import io.jasyncio.streams.Server;
import io.jasyncio.transports.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP/1.1 server at the protocol level: no task per connection, just callbacks that parse the
 * requests as bytes arrive (several per packet, or one across packets) and answer each at once,
 * keeping the connection alive; {@code Connection: close} or the client's end of input ends it.
 * The JDK's {@link HttpClient} talks to it, keep-alive and all.
 */
public abstract class HttpProtocolServer {

  /** One connection: bytes in, responses out, in order. */
  static final class Http implements Protocol {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final List<String> served;
    private Transport transport;

    Http(List<String> served) {
      this.served = served;
    }

    @Override
    public void connectionMade(Transport transport) {
      this.transport = transport;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      pending.write(bytes, 0, bytes.length);
      byte[] all = pending.toByteArray();
      int start = 0;
      for (int end; (end = headEnd(all, start)) >= 0; start = end) {
        // Requests without bodies (GET, HEAD): a request is its head.
        String head = new String(all, start, end - start, US_ASCII);
        if (!answer(head) || transport.isClosing()) {
          pending.reset();
          return;
        }
      }
      pending.reset();
      pending.write(all, start, all.length - start);
    }

    /** The index just past the blank line that ends a request head at or after {@code from}. */
    private static int headEnd(byte[] b, int from) {
      for (int i = from; i + 3 < b.length; i++) {
        if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
          return i + 4;
        }
      }
      return -1;
    }

    /** Answers one request; false if the connection is to end. */
    private boolean answer(String head) {
      String[] lines = head.split("\r\n");
      String[] request = lines[0].split(" ");
      boolean close = false;
      for (String line : lines) {
        if (line.regionMatches(true, 0, "Connection:", 0, 11)) {
          close = line.substring(11).trim().equalsIgnoreCase("close");
        }
      }
      String path = request.length > 1 ? request[1] : "/";
      served.add(request[0] + " " + path);
      byte[] body = ("hello from " + path + "\n").getBytes(UTF_8);
      boolean found = path.startsWith("/");
      String response =
          "HTTP/1.1 " + (found ? "200 OK" : "400 Bad Request") + "\r\n"
              + "Content-Type: text/plain; charset=utf-8\r\n"
              + "Content-Length: " + body.length + "\r\n"
              + (close ? "Connection: close\r\n" : "")
              + "\r\n";
      transport.write(response.getBytes(US_ASCII));
      if (!request[0].equals("HEAD")) {
        transport.write(body);
      }
      if (close) {
        transport.close(); // after the response is sent
        return false;
      }
      return true;
    }

    @Override
    public boolean eofReceived() {
      return false; // the client is done: close
    }
  }

  /** Serves on a free port, fetches {@code paths} with HttpClient, returns the bodies. */
  @Async
  static Coro<List<String>> fetchAll(List<String> paths, List<String> served, PrintStream out)
      throws IOException {
    Server server = await(createServer(() -> new Http(served), "127.0.0.1", 0));
    int port = server.addresses().get(0).getPort();
    HttpClient client = HttpClient.newHttpClient();
    List<String> bodies = new ArrayList<>();
    for (String path : paths) {
      HttpResponse<String> response =
          await(
              client.sendAsync(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                  HttpResponse.BodyHandlers.ofString()));
      out.println(response.statusCode() + " " + path + ": " + response.body().trim());
      bodies.add(response.body().trim());
    }
    server.close();
    server.closeClients();
    return done(bodies);
  }

  public static void main(String[] args) throws Exception {
    run(AsyncHttpProtocolServer.fetchAll(List.of("/", "/a", "/b/c"), new ArrayList<>(), System.out));
  }
}
