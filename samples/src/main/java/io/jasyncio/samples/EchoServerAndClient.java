package io.jasyncio.samples;

import static io.jasyncio.AsyncIO.*;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import io.jasyncio.streams.Connection;
import io.jasyncio.streams.Server;
import io.jasyncio.streams.StreamReader;
import io.jasyncio.streams.StreamWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The streams "hello world" (asyncio's TCP echo example): a server that sends every line back, and
 * a client that sends a few lines and prints what comes back. Both run on one loop, on 127.0.0.1,
 * on a port the system picks.
 */
public abstract class EchoServerAndClient {

  /** One task per connection: echo lines until the client closes its side. */
  @Async
  static Coro<Void> handle(StreamReader reader, StreamWriter writer) throws IOException {
    try {
      while (true) {
        byte[] line = await(reader.readline());
        if (line.length == 0) {
          break; // end of stream
        }
        writer.write(line);
        await(writer.drain()); // backpressure: wait if the client reads slowly
      }
    } finally {
      writer.close();
    }
    return done();
  }

  @Async
  static Coro<List<String>> client(int port, List<String> lines, PrintStream out)
      throws IOException {
    Connection c = await(openConnection("127.0.0.1", port));
    List<String> replies = new ArrayList<>();
    for (String line : lines) {
      c.writer().write((line + "\n").getBytes(UTF_8));
      await(c.writer().drain());
      String reply = new String(await(c.reader().readline()), UTF_8).trim();
      out.println("sent " + line + ", got back " + reply);
      replies.add(reply);
    }
    c.writer().close();
    await(c.writer().waitClosed());
    return done(replies);
  }

  @Async
  static Coro<List<String>> demo(PrintStream out) throws IOException {
    Server server = await(startServer(AsyncEchoServerAndClient::handle, "127.0.0.1", 0));
    try (server) {
      int port = server.addresses().get(0).getPort();
      out.println("echo server on 127.0.0.1:" + port);
      return done(await(client(port, List.of("hello", "asyncio", "in Java"), out)));
    }
  }

  public static void main(String[] args) throws IOException {
    AsyncIO.run(AsyncEchoServerAndClient.demo(System.out));
  }
}
