package io.jasyncio.samples;

import static io.jasyncio.AsyncIO.*;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import io.jasyncio.TaskGroup;
import io.jasyncio.annotations.Async;
import io.jasyncio.streams.IncompleteReadError;
import io.jasyncio.streams.Server;
import io.jasyncio.streams.StreamReader;
import io.jasyncio.streams.StreamWriter;
import io.jasyncio.sync.Semaphore;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP/1.1 server written with streams (keep-alive, {@code Content-Length}), serving the
 * site of {@link LimitedCrawler} as HTML pages, and a crawler that fetches it concurrently with the
 * JDK's {@link HttpClient#sendAsync}: an asynchronous client awaited through {@code
 * await(CompletionStage)}, never the blocking {@code send}. A {@link Semaphore} bounds the requests
 * in flight; a {@link TaskGroup} holds the crawl.
 */
public abstract class HttpServerAndCrawler {
  static final Pattern LINK = Pattern.compile("href=\"([^\"]+)\"");

  // ----------------------------------------------------------------------------------------------
  // The server

  /** One connection: requests one after another until the client closes or asks to. */
  @Async
  static Coro<Void> serveConnection(StreamReader reader, StreamWriter writer) throws IOException {
    try {
      while (true) {
        String requestLine = new String(await(reader.readline()), UTF_8).trim();
        if (requestLine.isEmpty()) {
          break; // the client closed the connection
        }
        boolean close = false;
        while (true) { // headers, up to the blank line
          String header = new String(await(reader.readline()), UTF_8).trim();
          if (header.isEmpty()) {
            break;
          }
          if (header.equalsIgnoreCase("connection: close")) {
            close = true;
          }
        }
        writer.write(response(requestLine));
        await(writer.drain());
        if (close) {
          break;
        }
      }
    } catch (IncompleteReadError e) {
      // The client went away in the middle of a request: nothing to answer.
    } finally {
      writer.close();
    }
    return done();
  }

  /** The whole response to {@code GET <path> HTTP/1.1}. */
  static byte[] response(String requestLine) {
    String[] parts = requestLine.split(" ");
    String path = parts.length >= 2 ? parts[1] : "";
    List<String> links = LimitedCrawler.SITE.get(path);
    String status;
    StringBuilder body = new StringBuilder();
    if (!parts[0].equals("GET")) {
      status = "405 Method Not Allowed";
    } else if (links == null) {
      status = "404 Not Found";
      body.append("<html><body>no page ").append(path).append("</body></html>\n");
    } else {
      status = "200 OK";
      body.append("<html><body><h1>").append(path).append("</h1>\n");
      for (String link : links) {
        body.append("<a href=\"").append(link).append("\">").append(link).append("</a>\n");
      }
      body.append("</body></html>\n");
    }
    byte[] content = body.toString().getBytes(UTF_8);
    String head =
        "HTTP/1.1 " + status + "\r\n"
            + "Content-Type: text/html; charset=utf-8\r\n"
            + "Content-Length: " + content.length + "\r\n"
            + "\r\n";
    byte[] headBytes = head.getBytes(UTF_8);
    byte[] all = new byte[headBytes.length + content.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(content, 0, all, headBytes.length, content.length);
    return all;
  }

  // ----------------------------------------------------------------------------------------------
  // The crawler

  static final class Crawl {
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final String base;
    final Semaphore permits;
    final Set<String> seen = new LinkedHashSet<>();
    final List<String> fetched = new ArrayList<>();
    int inFlight;
    int maxInFlight;

    Crawl(String base, int limit) {
      this.base = base;
      this.permits = new Semaphore(limit);
    }
  }

  @Async
  static Coro<Void> visit(Crawl crawl, TaskGroup group, String path, PrintStream out) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(crawl.base + path)).GET().build();
    HttpResponse<String> response;
    try (crawl.permits) {
      crawl.inFlight++;
      crawl.maxInFlight = Math.max(crawl.maxInFlight, crawl.inFlight);
      response = await(crawl.client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
      crawl.inFlight--;
    }
    crawl.fetched.add(path);
    out.println(response.statusCode() + " " + path);
    Matcher links = LINK.matcher(response.body());
    while (links.find()) {
      String link = links.group(1);
      if (crawl.seen.add(link)) {
        group.createTask(visit(crawl, group, link, out));
      }
    }
    return done();
  }

  @Async
  static Coro<Crawl> crawl(int limit, PrintStream out) throws IOException {
    Server server = await(startServer(AsyncHttpServerAndCrawler::serveConnection, "127.0.0.1", 0));
    Crawl crawl;
    try (server) {
      crawl = new Crawl("http://127.0.0.1:" + server.addresses().get(0).getPort(), limit);
      crawl.seen.add("/");
      try (TaskGroup group = new TaskGroup()) {
        group.createTask(visit(crawl, group, "/", out));
      }
      server.closeClients(); // the client's idle keep-alive connections
    }
    out.println(
        "crawled " + crawl.fetched.size() + " pages over HTTP, at most " + crawl.maxInFlight
            + " requests at a time");
    return done(crawl);
  }

  public static void main(String[] args) throws IOException {
    AsyncIO.run(AsyncHttpServerAndCrawler.crawl(3, System.out));
  }
}
