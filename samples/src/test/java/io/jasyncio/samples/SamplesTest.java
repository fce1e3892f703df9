package io.jasyncio.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.AsyncIO;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The samples do what their comments say (with shorter delays where they take parameters). */
@Timeout(30)
class SamplesTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theWorkerPoolProcessesEveryJobInParallelWithBackPressure() {
    WorkerPool.Summary summary = AsyncIO.run(AsyncWorkerPool.run(12, 3, 2, 0.02, out));
    assertEquals(12, summary.jobs());
    assertTrue(summary.producerWaits() > 0, "a queue of 2 must make the producer wait");
    assertTrue(summary.elapsed() < summary.totalWork(), printed());
    assertEquals(12, printed().lines().filter(l -> l.contains("has slept")).count());
    assertEquals(3, printed().lines().filter(l -> l.endsWith(" stops")).count());
  }

  @Test
  void theCrawlerVisitsEveryReachablePageWithinItsLimit() {
    LimitedCrawler.Crawl crawl = AsyncIO.run(AsyncLimitedCrawler.crawl("/", 3, out));
    assertEquals(12, crawl.seen.size(), printed());
    assertEquals(3, crawl.maxInFlight, printed());
    assertTrue(printed().contains("crawled 12 pages, at most 3 at a time"), printed());
  }

  @Test
  void theFanOutCancelsTheOtherBackendsWhenOneFails() {
    List<String> log = AsyncIO.run(AsyncFanOut.request(out));
    assertEquals(
        List.of(
            "users answered",
            "users closed its connection",
            "orders failed",
            "orders closed its connection",
            "stock cancelled",
            "prices cancelled",
            "stock closed its connection",
            "prices closed its connection"),
        log);
    assertTrue(printed().contains("unhandled errors in a TaskGroup (1 sub-exception)"), printed());
    assertTrue(printed().contains("tasks still pending: 0"), printed());
  }

  @Test
  void theTimeoutSampleGivesUpWaitsAndKeepsAHeartbeatDeadlineAlive() {
    List<String> outcomes = AsyncIO.run(AsyncSlowWorkTimeout.demo(out));
    assertEquals(
        List.of(
            "gave up after 2 steps, expired=true",
            "waitFor timed out",
            "heartbeat kept the deadline alive for 5 steps"),
        outcomes);
  }

  @Test
  void theEchoClientGetsEveryLineBack() throws Exception {
    List<String> replies = AsyncIO.run(AsyncEchoServerAndClient.demo(out));
    assertEquals(List.of("hello", "asyncio", "in Java"), replies);
  }

  @Test
  void everyChatBotHearsEveryOtherBotAndNotItself() throws Exception {
    Map<String, List<String>> heard = AsyncIO.run(AsyncChatServer.demo(5, out));
    assertEquals(5, heard.size());
    heard.forEach(
        (bot, lines) -> {
          assertEquals(4, lines.size(), bot + " heard " + lines);
          assertTrue(lines.stream().noneMatch(l -> l.startsWith(bot + ":")), lines.toString());
        });
  }

  @Test
  void theCrawlerFetchesTheWholeSiteOverHttpWithinItsLimit() throws Exception {
    HttpServerAndCrawler.Crawl crawl = AsyncIO.run(AsyncHttpServerAndCrawler.crawl(3, out));
    assertEquals(12, crawl.fetched.size(), printed());
    assertTrue(crawl.maxInFlight <= 3 && crawl.maxInFlight >= 2, printed());
    assertTrue(printed().contains("200 /docs/api/locks"), printed());
    assertTrue(printed().contains("404 /blog/3"), printed());
  }

  @Test
  void theBlockingFileCallLeavesTheLoopFreeToRunOtherTasks() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("jasyncio-sample", ".txt");
    try {
      java.nio.file.Files.write(file, List.of("a", "b"));
      int[] ticks = new int[1];
      assertEquals(2, AsyncIO.run(AsyncBlockingFileCall.countLines(file, ticks, out)));
      assertTrue(ticks[0] >= 5, "the loop ticked only " + ticks[0] + " times in 200 ms");
    } finally {
      java.nio.file.Files.delete(file);
    }
  }
}
