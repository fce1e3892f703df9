package io.jasyncio.samples;

import static io.jasyncio.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import io.jasyncio.test.AsyncTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The samples do what their comments say. Each test is a coroutine run by jasyncio-test on a fresh
 * loop with virtual time: the delays in the samples take no real time, and what depends on them is
 * exact whatever the load on the machine (the samples with sockets or threads run on real time
 * while those are in use).
 */
abstract class SamplesTest {
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Async
  @AsyncTest
  Coro<Void> anHttpBodyStreamsLineByLineThroughThePublisherBridge() throws java.io.IOException {
    List<String> lines = await(AsyncStreamingHttpLines.demo(out));
    assertEquals(List.of("event 1", "event 2", "event 3", "event 4", "event 5"), lines);
    assertTrue(printed().startsWith("status 200\ngot: event 1\n"), printed());
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> aGeneratorPipelineBatchesWhatPassesTheFilterAndWritesWhileReading() {
    List<List<Double>> written = await(AsyncGeneratorPipeline.run(10, out));
    assertEquals(2, written.size(), printed());
    assertEquals(4, written.get(0).size());
    assertEquals(4, written.get(1).size());
    assertEquals(19.95, written.get(0).get(0), 1e-9);
    // The first batch is written while the second is read: 0.4 s of reading + 0.3 s of writing,
    // then the second batch (read by 0.9 s, ready once the sensor ends at 1.0 s), written by 1.3 s.
    assertTrue(printed().contains("wrote " + written.get(0) + " at 0.7 s"), printed());
    assertTrue(printed().indexOf("sensor closed") < printed().indexOf("wrote " + written.get(1)), printed());
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> aProtocolLevelHttpServerAnswersHttpClientOnOneKeptAliveConnection()
      throws java.io.IOException {
    List<String> served = new java.util.ArrayList<>();
    List<String> bodies =
        await(AsyncHttpProtocolServer.fetchAll(List.of("/", "/a", "/b/c"), served, out));
    assertEquals(List.of("hello from /", "hello from /a", "hello from /b/c"), bodies);
    assertEquals(List.of("GET /", "GET /a", "GET /b/c"), served);
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> pipelinedRequestsSplitAcrossWritesAreEachAnsweredInOrder() throws java.io.IOException {
    List<String> served = new java.util.ArrayList<>();
    io.jasyncio.streams.Server server =
        await(createServer(() -> new HttpProtocolServer.Http(served), "127.0.0.1", 0));
    io.jasyncio.streams.Connection c =
        await(openConnection("127.0.0.1", server.addresses().get(0).getPort()));
    c.writer().write("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
    await(c.writer().drain());
    await(sleep(0.05)); // most likely a packet of its own
    c.writer().write("st: x\r\n\r\nHEAD /3 HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    String all = new String(await(c.reader().read(-1)), StandardCharsets.US_ASCII);
    assertEquals(3, all.split("HTTP/1.1 200 OK", -1).length - 1, all);
    assertEquals(2, all.split("hello from", -1).length - 1, "HEAD has no body: " + all);
    assertTrue(all.contains("Connection: close"), all);
    assertEquals(List.of("GET /1", "GET /2", "HEAD /3"), served);
    c.writer().close();
    server.close();
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> theTlsEchoMakesItsCertificateAndEchoesOverTls() throws java.io.IOException {
    Path dir = Files.createTempDirectory("tls-echo-test");
    assertEquals(List.of("hello", "over", "TLS"), await(AsyncTlsEcho.demo(dir, out)));
    assertTrue(printed().contains("connected with TLS_"), printed());
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> udpRequestsAreAnsweredAndALostOneIsSentAgain() throws java.io.IOException {
    List<String> answers = await(AsyncUdpRequestResponse.demo(out));
    assertEquals(List.of("HELLO", "DATAGRAM", "WORLD"), answers);
    // The first datagram is always dropped, so request 0 is always resent; whether a slow answer
    // on a loaded machine makes another request resend too depends on real time, so only what is
    // certain is checked: the lost one was resent, and the answers are right.
    assertTrue(printed().contains("request 0: no answer to attempt 1"), printed());
    long resent = printed().lines().filter(l -> l.contains("no answer")).count();
    assertTrue(printed().contains("the server got " + (answers.size() + resent) + " datagrams"), printed());
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> aPipelineBetweenTwoChildrenAndWorkFannedOutToChildProcesses()
      throws java.io.IOException {
    assertEquals(
        "apple\nbanana\nfig\npear\n",
        await(AsyncSubprocessPipeline.sorted(List.of("pear", "apple", "fig", "banana"))));
    List<String> sums = await(AsyncSubprocessPipeline.fanOut(List.of(1_000, 100_000, 1_000_000), out));
    assertEquals(3, sums.size());
    assertTrue(sums.get(0).endsWith(" 1000"), sums.toString());
    assertTrue(sums.get(1).endsWith(" 100000"), sums.toString());
    assertTrue(sums.get(2).endsWith(" 1000000"), sums.toString());
    assertEquals(3, printed().lines().filter(l -> l.contains("summed")).count(), printed());
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> theWorkerPoolProcessesEveryJobInParallelWithBackPressure() {
    WorkerPool.Summary summary = await(AsyncWorkerPool.run(12, 3, 2, 0.02, out));
    assertEquals(12, summary.jobs());
    assertTrue(summary.producerWaits() > 0, "a queue of 2 must make the producer wait");
    assertTrue(summary.elapsed() < summary.totalWork(), printed());
    assertEquals(12, printed().lines().filter(l -> l.contains("has slept")).count());
    assertEquals(3, printed().lines().filter(l -> l.endsWith(" stops")).count());
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> theCrawlerVisitsEveryReachablePageWithinItsLimit() {
    LimitedCrawler.Crawl crawl = await(AsyncLimitedCrawler.crawl("/", 3, out));
    assertEquals(12, crawl.seen.size(), printed());
    assertEquals(3, crawl.maxInFlight, printed());
    assertTrue(printed().contains("crawled 12 pages, at most 3 at a time"), printed());
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> theFanOutCancelsTheOtherBackendsWhenOneFails() {
    List<String> log = await(AsyncFanOut.request(out));
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
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> theTimeoutSampleGivesUpWaitsAndKeepsAHeartbeatDeadlineAlive() {
    List<String> outcomes = await(AsyncSlowWorkTimeout.demo(out));
    assertEquals(
        List.of(
            "gave up after 2 steps, expired=true",
            "waitFor timed out",
            "heartbeat kept the deadline alive for 5 steps"),
        outcomes);
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> theEchoClientGetsEveryLineBack() throws Exception {
    List<String> replies = await(AsyncEchoServerAndClient.demo(out));
    assertEquals(List.of("hello", "asyncio", "in Java"), replies);
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> everyChatBotHearsEveryOtherBotAndNotItself() throws Exception {
    Map<String, List<String>> heard = await(AsyncChatServer.demo(5, out));
    assertEquals(5, heard.size());
    heard.forEach(
        (bot, lines) -> {
          assertEquals(4, lines.size(), bot + " heard " + lines);
          assertTrue(lines.stream().noneMatch(l -> l.startsWith(bot + ":")), lines.toString());
        });
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> theCrawlerFetchesTheWholeSiteOverHttpWithinItsLimit() throws Exception {
    HttpServerAndCrawler.Crawl crawl = await(AsyncHttpServerAndCrawler.crawl(3, out));
    assertEquals(12, crawl.fetched.size(), printed());
    assertTrue(crawl.maxInFlight <= 3 && crawl.maxInFlight >= 2, printed());
    assertTrue(printed().contains("200 /docs/api/locks"), printed());
    assertTrue(printed().contains("404 /blog/3"), printed());
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> theBlockingFileCallLeavesTheLoopFreeToRunOtherTasks() throws Exception {
    Path file = Files.createTempFile("jasyncio-sample", ".txt");
    try {
      Files.write(file, List.of("a", "b"));
      AtomicInteger ticks = new AtomicInteger();
      assertEquals(2, await(AsyncBlockingFileCall.countLines(file, ticks, out)));
    } finally {
      Files.delete(file);
    }
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> theLoopKeepsTickingWhileAWorkerThreadBlocks() {
    AtomicInteger ticks = new AtomicInteger();
    // The "slow read" finishes only once the loop has ticked three times while it blocked: it
    // proves the loop ran, by ordering alone.
    int lines =
        await(
            AsyncBlockingFileCall.countLines(
                () -> {
                  while (ticks.get() < 3) {
                    Thread.sleep(1);
                  }
                  return List.of("x", "y", "z");
                },
                "slow read",
                ticks,
                out));
    assertEquals(3, lines);
    assertTrue(ticks.get() >= 3);
    return done();
  }
}
