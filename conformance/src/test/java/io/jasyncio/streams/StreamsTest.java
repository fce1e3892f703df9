package io.jasyncio.streams;

import static io.jasyncio.AsyncIO.*;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.CancelledError;
import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.OrderedTest;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TCP streams on 127.0.0.1: open_connection, start_server, and what happens when peers misbehave.
 * Every test is bounded in time; servers listen on port 0.
 */
@Timeout(30)
abstract class StreamsTest extends OrderedTest {
  static final String HOST = "127.0.0.1";

  static byte[] b(String text) {
    return text.getBytes(US_ASCII);
  }

  static String s(byte[] data) {
    return new String(data, US_ASCII);
  }

  static int port(Server server) {
    return server.addresses().get(0).getPort();
  }

  /** Echoes lines until the client closes, then closes. */
  @Async
  Coro<Void> echo(StreamReader reader, StreamWriter writer) throws IOException {
    try {
      while (true) {
        byte[] line = await(reader.readline());
        if (line.length == 0) {
          break;
        }
        writer.write(line);
        await(writer.drain());
      }
    } finally {
      writer.close();
    }
    return done();
  }

  @Async
  Coro<String> echoOnce(int port, String text) throws IOException {
    Connection c = await(openConnection(HOST, port));
    c.writer().write(b(text + "\n"));
    await(c.writer().drain());
    String reply = s(await(c.reader().readline()));
    c.writer().close();
    await(c.writer().waitClosed());
    return done(reply);
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void anEchoServerAnswersAClient() throws Exception {
    assertEquals("hello\n", runWithVirtualTime(echoAnswers()));
  }

  @Async
  Coro<String> echoAnswers() throws IOException {
    Server server = await(startServer(this::echo, HOST, 0));
    try (server) {
      assertTrue(server.isServing());
      assertEquals(1, server.sockets().size());
      return done(await(echoOnce(port(server), "hello")));
    }
  }

  @Test
  void aThousandConcurrentConnectionsAllGetTheirOwnEcho() throws Exception {
    assertEquals(1000, runWithVirtualTime(thousandEchoes()));
  }

  @Async
  Coro<Integer> thousandEchoes() throws IOException {
    Server server = await(startServer(this::echo, HOST, 0));
    int port = port(server);
    List<Coro<String>> clients = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      clients.add(echoOnce(port, "client " + i));
    }
    List<String> replies = await(gather(clients));
    int right = 0;
    for (int i = 0; i < replies.size(); i++) {
      if (replies.get(i).equals("client " + i + "\n")) {
        right++;
      }
    }
    server.close();
    await(server.waitClosed());
    return done(right);
  }

  // ---------------------------------------------------------------------------------------------
  // Faults

  @Test
  void aPeerThatResetsMidReadWakesThePendingReadWithTheError() throws Exception {
    assertEquals("SocketException: Connection reset", runWithVirtualTime(resetMidRead()));
  }

  @Async
  Coro<String> resetMidRead() throws IOException {
    Future<String> seen = getRunningLoop().createFuture();
    Server server =
        await(startServer((reader, writer) -> readUntilBroken(reader, writer, seen), HOST, 0));
    Connection c = await(openConnection(HOST, port(server)));
    c.writer().write(b("first part, "));
    await(c.writer().drain());
    await(sleep(0.05)); // the server has read it and waits for more
    SocketChannel socket = (SocketChannel) c.writer().getExtraInfo("socket");
    socket.setOption(StandardSocketOptions.SO_LINGER, 0); // close with RST
    c.writer().abort();
    String outcome = await(seen);
    server.close();
    await(server.waitClosed());
    return done(outcome);
  }

  @Async
  Coro<Void> readUntilBroken(StreamReader reader, StreamWriter writer, Future<String> seen)
      throws IOException {
    try {
      assertEquals("first part, ", s(await(reader.read(100))));
      await(reader.read(100)); // the reset arrives here
      seen.setResult("no error");
    } catch (IOException e) {
      String drain = "";
      try {
        await(writer.drain());
      } catch (IOException again) {
        drain = again == e ? "" : " (drain raised something else: " + again + ")";
      }
      seen.setResult(e.getClass().getSimpleName() + ": " + e.getMessage() + drain);
    } finally {
      writer.close();
    }
    return done();
  }

  @Test
  void aClientThatNeverReadsBlocksTheServersDrainWithBoundedMemory() throws Exception {
    runWithVirtualTime(neverReads());
  }

  @Async
  Coro<Void> neverReads() throws IOException {
    long[] written = {0};
    long[] maxBuffered = {0};
    Future<String> ended = getRunningLoop().createFuture();
    Server server =
        await(startServer((r, w) -> flood(w, written, maxBuffered, ended), HOST, 0));
    Connection c = await(openConnection(HOST, port(server)));
    ((SocketChannel) c.writer().getExtraInfo("socket"))
        .setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024);
    // Wait until the flood stalls: nothing more is written for 200 ms.
    long before = -1;
    while (before != written[0]) {
      before = written[0];
      await(sleep(0.2));
    }
    assertFalse(ended.isDone(), "the server must be blocked in drain(), not finished");
    assertTrue(written[0] < 64L * 1024 * 1024, "stalled after " + written[0] + " bytes");
    assertTrue(
        maxBuffered[0] <= 64 * 1024 + 16 * 1024,
        "the transport buffered " + maxBuffered[0] + " bytes");
    // The client goes away: the blocked drain() raises.
    SocketChannel socket = (SocketChannel) c.writer().getExtraInfo("socket");
    socket.setOption(StandardSocketOptions.SO_LINGER, 0);
    c.writer().abort();
    String outcome = await(ended);
    assertTrue(outcome.startsWith("SocketException"), outcome);
    server.close();
    await(server.waitClosed());
    return done();
  }

  @Async
  Coro<Void> flood(
      StreamWriter writer, long[] written, long[] maxBuffered, Future<String> ended)
      throws IOException {
    ((SocketChannel) writer.getExtraInfo("socket"))
        .setOption(StandardSocketOptions.SO_SNDBUF, 64 * 1024);
    byte[] chunk = new byte[16 * 1024];
    try {
      while (written[0] < 64L * 1024 * 1024) { // far more than any socket buffer
        writer.write(chunk);
        written[0] += chunk.length;
        maxBuffered[0] = Math.max(maxBuffered[0], writer.writeBufferSize());
        await(writer.drain());
      }
      ended.setResult("wrote everything");
    } catch (IOException e) {
      ended.setResult(e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      writer.close();
    }
    return done();
  }

  @Test
  void aServerThatDoesNotReadStopsReadingAtTwiceTheLimitAndResumesAtTheLimit() throws Exception {
    runWithVirtualTime(serverDoesNotRead());
  }

  @Async
  Coro<Void> serverDoesNotRead() throws IOException {
    Future<StreamReader> accepted = getRunningLoop().createFuture();
    Future<Void> release = getRunningLoop().createFuture();
    Server server =
        await(startServer((r, w) -> holdReader(r, w, accepted, release), HOST, 0));
    Connection c = await(openConnection(HOST, port(server)));
    StreamReader serverSide = await(accepted);
    byte[] chunk = new byte[16 * 1024];
    Task<Void> sender = createTask(sendForever(c.writer(), chunk));
    long before = -1;
    while (before != serverSide.buffered()) {
      before = serverSide.buffered();
      await(sleep(0.2));
    }
    // Paused above 2 * limit; one socket read (at most 64 KiB) may land after the check.
    assertTrue(
        serverSide.buffered() <= 2 * 64 * 1024 + 64 * 1024,
        "buffered " + serverSide.buffered());
    assertTrue(serverSide.toString().contains("paused"), serverSide.toString());
    assertFalse(sender.isDone());
    // Reading the buffer down to the limit or below resumes reading at once.
    await(serverSide.readexactly(serverSide.buffered() - 1000));
    assertFalse(serverSide.toString().contains("paused"), serverSide.toString());
    sender.cancel();
    release.setResult(null);
    c.writer().abort();
    server.close();
    await(server.waitClosed());
    return done();
  }

  @Async
  Coro<Void> holdReader(
      StreamReader reader, StreamWriter writer, Future<StreamReader> accepted, Future<Void> release) {
    accepted.setResult(reader);
    await(release);
    writer.abort();
    return done();
  }

  @Async
  Coro<Void> sendForever(StreamWriter writer, byte[] chunk) throws IOException {
    while (true) {
      writer.write(chunk);
      await(writer.drain());
    }
  }

  @Test
  void anOverLongLineIsReportedAndDroppedAndReadingGoesOn() throws Exception {
    assertEquals("error then ok", runWithVirtualTime(overLongLine()));
  }

  @Async
  Coro<String> overLongLine() throws IOException {
    Future<String> seen = getRunningLoop().createFuture();
    Server server = await(startServer((r, w) -> readLines(r, w, seen), HOST, 0));
    Connection c = await(openConnection(HOST, port(server)));
    c.writer().write(new byte[200 * 1024]); // no newline within the 64 KiB limit
    c.writer().write(b("\nok\n"));
    await(c.writer().drain());
    String outcome = await(seen);
    c.writer().close();
    server.close();
    await(server.waitClosed());
    return done(outcome);
  }

  @Async
  Coro<Void> readLines(StreamReader reader, StreamWriter writer, Future<String> seen)
      throws IOException {
    String first;
    try {
      await(reader.readline());
      first = "no error";
    } catch (IllegalArgumentException e) {
      first = e.getMessage().equals("Separator is not found, and chunk exceed the limit") ? "error"
          : e.getMessage();
    }
    // The rest of the long line may arrive after the drop: skip up to the line we want.
    String line = "";
    while (!line.equals("ok\n") && !reader.atEof()) {
      try {
        line = s(await(reader.readline()));
      } catch (IllegalArgumentException e) {
        line = "";
      }
    }
    seen.setResult(first + " then " + line.trim());
    writer.close();
    return done();
  }

  @Test
  void writeEofHalfClosesAndTheOtherDirectionStillWorks() throws Exception {
    assertEquals("got 'request' then EOF; reply 'response'", runWithVirtualTime(halfClose()));
  }

  @Async
  Coro<String> halfClose() throws IOException {
    Server server = await(startServer(this::answerAfterEof, HOST, 0));
    Connection c = await(openConnection(HOST, port(server)));
    c.writer().write(b("request"));
    assertTrue(c.writer().canWriteEof());
    c.writer().writeEof();
    String reply = s(await(c.reader().read()));
    assertTrue(c.reader().atEof());
    c.writer().close();
    server.close();
    await(server.waitClosed());
    return done(reply);
  }

  @Async
  Coro<Void> answerAfterEof(StreamReader reader, StreamWriter writer) throws IOException {
    String request = s(await(reader.read())); // until the client's EOF
    writer.write(b("got '" + request + "' then EOF; reply 'response'"));
    await(writer.drain());
    writer.close();
    return done();
  }

  @Test
  void writelinesSendsEachChunkInOrder() throws Exception {
    assertEquals("a\nb\nc\n", runWithVirtualTime(writelines()));
  }

  @Async
  Coro<String> writelines() throws IOException {
    Server server = await(startServer(this::echo, HOST, 0));
    Connection c = await(openConnection(HOST, port(server)));
    c.writer().writelines(List.of(b("a\n"), b("b\n"), b("c\n")));
    c.writer().writeEof();
    String all = s(await(c.reader().read()));
    c.writer().close();
    server.close();
    await(server.waitClosed());
    return done(all);
  }

  @Test
  void writeBufferLimitsMustHaveHighAtLeastLowAtLeastZero() throws Exception {
    assertEquals("high (10) must be >= low (20) must be >= 0", runWithVirtualTime(badLimits()));
  }

  @Async
  Coro<String> badLimits() throws IOException {
    Server server = await(startServer(this::echo, HOST, 0));
    Connection c = await(openConnection(HOST, port(server)));
    c.writer().setWriteBufferLimits(null, 100); // high derived: 400
    c.writer().setWriteBufferLimits(1000, null); // low derived: 250
    String message = "";
    try {
      c.writer().setWriteBufferLimits(10, 20);
    } catch (IllegalArgumentException e) {
      message = e.getMessage();
    }
    c.writer().close();
    server.close();
    await(server.waitClosed());
    return done(message);
  }

  @Test
  void abortClientsDropsEveryAcceptedConnectionAtOnce() throws Exception {
    assertEquals(List.of("", ""), runWithVirtualTime(abortClients()));
  }

  @Async
  Coro<List<String>> abortClients() throws IOException {
    Future<Void> never = getRunningLoop().createFuture();
    Server server = await(startServer((r, w) -> waitForever(never), HOST, 0));
    Connection first = await(openConnection(HOST, port(server)));
    Connection second = await(openConnection(HOST, port(server)));
    await(sleep(0.05)); // both accepted
    server.close();
    server.abortClients();
    await(server.waitClosed()); // returns: no connection is left
    List<String> ends = new ArrayList<>();
    ends.add(s(await(first.reader().read())));
    ends.add(s(await(second.reader().read())));
    first.writer().close();
    second.writer().close();
    never.cancel();
    return done(ends);
  }

  @Async
  Coro<Void> waitForever(Future<Void> never) {
    await(never);
    return done();
  }

  @Test
  void writeAfterWriteEofIsRefused() throws Exception {
    runWithVirtualTime(writeAfterEof());
  }

  @Async
  Coro<Void> writeAfterEof() throws IOException {
    Server server = await(startServer(this::echo, HOST, 0));
    Connection c = await(openConnection(HOST, port(server)));
    c.writer().writeEof();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> c.writer().write(b("late")));
    assertEquals("Cannot call write() after write_eof()", e.getMessage());
    c.writer().close();
    server.close();
    await(server.waitClosed());
    return done();
  }

  @Test
  void aPortAlreadyInUseIsAClearBindError() throws Exception {
    String message = runWithVirtualTime(portInUse());
    assertTrue(message.startsWith("error while attempting to bind on address /127.0.0.1:"), message);
    assertTrue(message.endsWith("Address already in use"), message);
  }

  @Async
  Coro<String> portInUse() throws IOException {
    Server first = await(startServer(this::echo, HOST, 0));
    String message = "no error";
    try {
      await(startServer(this::echo, HOST, port(first)));
    } catch (BindException e) {
      message = e.getMessage();
    }
    assertTrue(first.isServing());
    first.close();
    await(first.waitClosed());
    return done(message);
  }

  @Test
  void writingAfterCloseDropsTheDataAndDrainSaysTheConnectionIsLost() throws Exception {
    assertEquals("SocketException: Connection lost", runWithVirtualTime(writeAfterClose()));
  }

  @Async
  Coro<String> writeAfterClose() throws IOException {
    Server server = await(startServer(this::echo, HOST, 0));
    Connection c = await(openConnection(HOST, port(server)));
    c.writer().close();
    assertTrue(c.writer().isClosing());
    c.writer().write(b("dropped\n")); // no exception, as in asyncio
    String outcome = "no error";
    try {
      await(c.writer().drain());
    } catch (SocketException e) {
      outcome = "SocketException: " + e.getMessage();
    }
    await(c.writer().waitClosed());
    server.close();
    await(server.waitClosed());
    return done(outcome);
  }

  @Test
  void connectingToAPortNobodyListensOnFailsWithTheAddress() throws Exception {
    String message = runWithVirtualTime(refused());
    // The address, then the system's reason ("Connection refused"; Linux may say "reset").
    assertTrue(message.startsWith("Connect call failed /127.0.0.1:"), message);
  }

  @Async
  Coro<String> refused() throws IOException {
    Server server = await(startServer(this::echo, HOST, 0));
    int port = port(server);
    server.close();
    await(server.waitClosed());
    try {
      await(openConnection(HOST, port));
      return done("connected");
    } catch (ConnectException e) {
      return done(e.getMessage());
    }
  }

  @Test
  void aClosedServerRefusesConnectionsAtOnceEvenWithNoOtherChannelOnItsLoop() throws Exception {
    assertEquals("refused", runWithVirtualTime(refusedFromAnotherThread()));
  }

  @Async
  Coro<String> refusedFromAnotherThread() throws IOException {
    Server server = await(startServer(this::echo, HOST, 0));
    int port = port(server);
    server.close();
    await(sleep(0)); // one iteration: the loop has no channel left to poll
    return done(
        await(
            toThread(
                () -> {
                  try (java.net.Socket socket = new java.net.Socket()) {
                    socket.connect(new InetSocketAddress(HOST, port), 5_000);
                    return "connected";
                  } catch (ConnectException e) {
                    return "refused";
                  }
                })));
  }

  @Test
  void aHostNameIsResolvedOnTheDefaultExecutorAndALiteralAddressIsNot() throws Exception {
    assertEquals("named\n", runWithVirtualTime(byName()));
  }

  @Async
  Coro<String> byName() throws IOException {
    java.util.concurrent.atomic.AtomicInteger jobs = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
    getRunningLoop()
        .setDefaultExecutor(
            new java.util.concurrent.AbstractExecutorService() {
              public void execute(Runnable job) {
                jobs.incrementAndGet();
                pool.execute(job);
              }

              public void shutdown() {
                pool.shutdown();
              }

              public List<Runnable> shutdownNow() {
                return pool.shutdownNow();
              }

              public boolean isShutdown() {
                return pool.isShutdown();
              }

              public boolean isTerminated() {
                return pool.isTerminated();
              }

              public boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit)
                  throws InterruptedException {
                return pool.awaitTermination(timeout, unit);
              }
            });
    Server server = await(startServer(this::echo, "localhost", 0));
    assertEquals(1, jobs.get(), "the server's name lookup runs on the default executor");
    int port = port(server);
    Connection c = await(openConnection("localhost", port));
    assertEquals(2, jobs.get(), "so does the client's");
    c.writer().close();
    String reply = await(echoOnce(port, "named")); // a literal address: no lookup
    assertEquals(2, jobs.get());
    server.close();
    await(server.waitClosed());
    return done(reply);
  }

  // ---------------------------------------------------------------------------------------------
  // Server lifecycle

  @Test
  void waitClosedWaitsForTheLastConnectionAfterClose() throws Exception {
    runWithVirtualTime(waitClosedWaitsForConnections());
  }

  @Async
  Coro<Void> waitClosedWaitsForConnections() throws IOException {
    Server server = await(startServer(this::echo, HOST, 0));
    Connection c = await(openConnection(HOST, port(server)));
    c.writer().write(b("x\n"));
    assertEquals("x\n", s(await(c.reader().readline())));
    server.close();
    assertFalse(server.isServing());
    assertTrue(server.sockets().isEmpty());
    Task<Void> waiting = createTask(awaitClosed(server));
    await(sleep(0.05));
    assertFalse(waiting.isDone(), "a connection is still open");
    c.writer().close(); // the echo handler sees EOF and closes its side
    await(waiting);
    return done();
  }

  @Async
  Coro<Void> awaitClosed(Server server) {
    await(server.waitClosed());
    return done();
  }

  @Test
  void serveForeverEndsInCancelledErrorAfterClosingTheServer() throws Exception {
    runWithVirtualTime(serveForeverCancelled());
  }

  @Async
  Coro<Void> serveForeverCancelled() throws IOException {
    Server server = await(startServer(this::echo, HOST, 0));
    Task<Void> serving = createTask(server.serveForever());
    await(sleep(0));
    String second = "";
    try {
      await(server.serveForever());
    } catch (IllegalStateException e) {
      second = e.getMessage();
    }
    assertTrue(second.endsWith("is already being awaited on serve_forever()"), second);
    assertEquals("x\n", await(echoOnce(port(server), "x")));
    serving.cancel();
    boolean cancelled = false;
    try {
      await(serving);
    } catch (CancelledError e) {
      cancelled = true;
    }
    assertTrue(cancelled);
    assertFalse(server.isServing());
    String closed = "";
    try {
      await(server.serveForever());
    } catch (IllegalStateException e) {
      closed = e.getMessage();
    }
    assertTrue(closed.endsWith("is closed"), closed);
    return done();
  }

  @Test
  void leavingAsyncWithClosesTheServer() throws Exception {
    assertFalse(runWithVirtualTime(asyncWith()).isServing());
  }

  @Async
  Coro<Server> asyncWith() throws IOException {
    Server server = await(startServer(this::echo, HOST, 0));
    try (server) {
      assertEquals("y\n", await(echoOnce(port(server), "y")));
    }
    assertTrue(server.sockets().isEmpty());
    return done(server);
  }

  @Test
  void aFailingHandlerIsReportedAndItsConnectionClosed() throws Exception {
    List<Map<String, Object>> reports = new ArrayList<>();
    assertEquals("", runWithVirtualTime(failingHandler(reports)));
    assertEquals(1, reports.size());
    assertEquals("Unhandled exception in client_connected_cb", reports.get(0).get("message"));
    assertEquals("handler bug", ((Throwable) reports.get(0).get("exception")).getMessage());
  }

  @Async
  Coro<String> failingHandler(List<Map<String, Object>> reports) throws IOException {
    EventLoop loop = getRunningLoop();
    loop.setExceptionHandler((l, context) -> reports.add(context));
    Server server = await(startServer(this::failAtOnce, HOST, 0));
    Connection c = await(openConnection(HOST, port(server)));
    String rest = s(await(c.reader().read())); // EOF: the server closed the connection
    c.writer().close();
    server.close();
    await(server.waitClosed());
    return done(rest);
  }

  @Async
  Coro<Void> failAtOnce(StreamReader reader, StreamWriter writer) {
    await(sleep(0));
    throw new IllegalStateException("handler bug");
  }

  @Test
  void theWriterTellsItsPeerAndLocalAddresses() throws Exception {
    runWithVirtualTime(addresses());
  }

  @Async
  Coro<Void> addresses() throws IOException {
    Server server = await(startServer(this::echo, HOST, 0));
    Connection c = await(openConnection(HOST, port(server)));
    InetSocketAddress peer = (InetSocketAddress) c.writer().getExtraInfo("peername");
    assertNotNull(peer);
    assertEquals(port(server), peer.getPort());
    assertNotNull(c.writer().getExtraInfo("sockname"));
    assertEquals(null, c.writer().getExtraInfo("nonsense"));
    c.writer().close();
    await(c.writer().waitClosed());
    server.close();
    await(server.waitClosed());
    return done();
  }
}
