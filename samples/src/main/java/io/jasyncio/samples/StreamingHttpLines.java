package io.jasyncio.samples;

import static io.jasyncio.AsyncIO.*;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.AsyncIterable;
import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import io.jasyncio.iteration.Publishers;
import io.jasyncio.streams.Server;
import io.jasyncio.streams.StreamReader;
import io.jasyncio.streams.StreamWriter;
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
import java.util.concurrent.Flow;

/**
 * An HTTP response body streamed line by line: a local server writes a chunked response a line at
 * a time, with pauses; the JDK's {@link HttpClient} hands the body over as a {@link
 * Flow.Publisher} of buffers ({@code BodyHandlers.ofPublisher()}); {@link Publishers#iterate}
 * turns it into an async iterable, with the demand driven by the loop; and a generator splits the
 * buffers into lines. Each line is handled as soon as it arrives, long before the response ends,
 * and leaving the loop early cancels the HTTP stream.
 */
public abstract class StreamingHttpLines {

  /** The server: "event n" lines, one every 10 ms, in chunked encoding; then the end. */
  @Async
  static Coro<Void> serve(StreamReader reader, StreamWriter writer) throws IOException {
    while (true) {
      byte[] line = await(reader.readline());
      if (line.length <= 2) {
        break; // the empty line that ends the request's headers
      }
    }
    writer.write(
        ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n")
            .getBytes(UTF_8));
    for (int i = 1; i <= 5; i++) {
      byte[] chunk = ("event " + i + "\n").getBytes(UTF_8);
      writer.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(UTF_8));
      writer.write(chunk);
      writer.write("\r\n".getBytes(UTF_8));
      await(writer.drain());
      await(sleep(0.01));
    }
    writer.write("0\r\n\r\n".getBytes(UTF_8));
    await(writer.drain());
    writer.close();
    return done();
  }

  /** The lines of a stream of buffers, however the buffers cut them. */
  @Async
  static AsyncGenerator<String> lines(AsyncIterable<List<ByteBuffer>> body) {
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    for (List<ByteBuffer> buffers : awaitEach(body)) {
      for (ByteBuffer buffer : buffers) {
        while (buffer.hasRemaining()) {
          byte b = buffer.get();
          if (b != '\n') {
            pending.write(b);
            continue;
          }
          String line = pending.toString(UTF_8);
          pending.reset();
          await(emit(line));
        }
      }
    }
    if (pending.size() > 0) {
      await(emit(pending.toString(UTF_8)));
    }
    return stopIteration();
  }

  /** Fetches the stream and prints each line as it comes; returns them. */
  @Async
  static Coro<List<String>> demo(PrintStream out) throws IOException {
    Server server = await(startServer(AsyncStreamingHttpLines::serve, "127.0.0.1", 0));
    List<String> seen = new ArrayList<>();
    try (server) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.addresses().get(0).getPort() + "/events")).build();
      HttpResponse<Flow.Publisher<List<ByteBuffer>>> response =
          await(client.sendAsync(request, HttpResponse.BodyHandlers.ofPublisher()));
      out.println("status " + response.statusCode());
      for (String line : awaitEach(lines(Publishers.iterate(response.body(), 4)))) {
        out.println("got: " + line);
        seen.add(line);
      }
    }
    return done(seen);
  }

  public static void main(String[] args) throws Exception {
    run(AsyncStreamingHttpLines.demo(System.out));
  }
}
