package io.jasyncio.samples;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import io.jasyncio.TaskGroup;
import io.jasyncio.annotations.Async;
import io.jasyncio.sync.Semaphore;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A crawler that follows links concurrently but never has more than {@code limit} fetches in
 * flight: every fetch holds a {@link Semaphore} permit. The site is simulated (each page takes a
 * little while to "download"); the HTTP crawler of the streams samples does the same over a socket.
 * A {@link TaskGroup} keeps every fetch, including those started by other fetches, inside the
 * crawl.
 */
public abstract class LimitedCrawler {

  /** A small site: each page and the pages it links to. */
  static final Map<String, List<String>> SITE =
      Map.of(
          "/", List.of("/docs", "/blog", "/about"),
          "/docs", List.of("/docs/start", "/docs/api", "/"),
          "/docs/start", List.of("/docs/api"),
          "/docs/api", List.of("/docs/api/locks", "/docs/api/queues", "/docs/api/tasks"),
          "/docs/api/locks", List.of(),
          "/docs/api/queues", List.of(),
          "/docs/api/tasks", List.of("/docs/api/locks"),
          "/blog", List.of("/blog/1", "/blog/2", "/blog/3"),
          "/blog/1", List.of("/blog/2"),
          "/about", List.of("/"));

  /** Crawl state shared by the fetches (one loop thread: no locking needed). */
  static final class Crawl {
    final Semaphore permits;
    final Set<String> seen = new LinkedHashSet<>();
    int inFlight;
    int maxInFlight;

    Crawl(int limit) {
      permits = new Semaphore(limit);
    }
  }

  @Async
  static Coro<List<String>> fetch(Crawl crawl, String url, PrintStream out) {
    try (crawl.permits) {
      crawl.inFlight++;
      crawl.maxInFlight = Math.max(crawl.maxInFlight, crawl.inFlight);
      out.println("fetching " + url + " (" + crawl.inFlight + " in flight)");
      await(sleep(0.05 + 0.01 * url.length()));
      crawl.inFlight--;
    }
    return done(SITE.getOrDefault(url, List.of()));
  }

  @Async
  static Coro<Void> visit(Crawl crawl, TaskGroup group, String url, PrintStream out) {
    List<String> links = await(fetch(crawl, url, out));
    for (String link : links) {
      if (crawl.seen.add(link)) {
        group.createTask(visit(crawl, group, link, out));
      }
    }
    return done();
  }

  @Async
  static Coro<Crawl> crawl(String start, int limit, PrintStream out) {
    Crawl crawl = new Crawl(limit);
    crawl.seen.add(start);
    try (TaskGroup group = new TaskGroup()) {
      group.createTask(visit(crawl, group, start, out));
    }
    out.println(
        "crawled " + crawl.seen.size() + " pages, at most " + crawl.maxInFlight + " at a time");
    return done(crawl);
  }

  public static void main(String[] args) {
    AsyncIO.run(AsyncLimitedCrawler.crawl("/", 3, System.out));
  }
}
