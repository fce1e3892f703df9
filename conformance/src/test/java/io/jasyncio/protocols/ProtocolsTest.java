package io.jasyncio.protocols;

import static io.jasyncio.AsyncIO.*;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.annotations.Async;
import io.jasyncio.streams.Connection;
import io.jasyncio.streams.Server;
import io.jasyncio.streams.StreamReader;
import io.jasyncio.streams.StreamWriter;
import io.jasyncio.transports.Connected;
import io.jasyncio.transports.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Transports and protocols (asyncio's low-level layer) over TCP on 127.0.0.1. */
@Timeout(30)
abstract class ProtocolsTest {
  static final String HOST = "127.0.0.1";

  static String s(ByteBuffer data) {
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    return new String(bytes, US_ASCII);
  }

  /** Records every callback; completes {@code lost} when the connection is lost. */
  static class Recording implements Protocol {
    final List<String> events = new ArrayList<>();
    final Future<Void> lost = EventLoop.getRunningLoop().createFuture();
    Transport transport;
    boolean keepOpenOnEof;

    @Override
    public void connectionMade(Transport transport) {
      this.transport = transport;
      events.add("made");
    }

    @Override
    public void dataReceived(ByteBuffer data) {
      events.add("data " + s(data));
    }

    @Override
    public boolean eofReceived() {
      events.add("eof");
      return keepOpenOnEof;
    }

    @Override
    public void connectionLost(Exception error) {
      events.add("lost " + (error == null ? null : error.getClass().getSimpleName()));
      lost.setResult(null);
    }

    @Override
    public void pauseWriting() {
      events.add("pause");
    }

    @Override
    public void resumeWriting() {
      events.add("resume");
    }
  }

  /** Answers each piece of data in upper case. */
  static final class Upper extends Recording {
    static final List<Upper> made = new ArrayList<>();

    Upper() {
      made.add(this);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
      String text = s(data);
      events.add("data " + text);
      transport.write(text.toUpperCase().getBytes(US_ASCII));
    }
  }

  static int port(Server server) {
    return server.addresses().get(0).getPort();
  }

  @Async
  Coro<String> pingPong(boolean serverKeepsOpen) throws IOException {
    Upper.made.clear();
    Server server =
        await(
            createServer(
                () -> {
                  Upper upper = new Upper();
                  upper.keepOpenOnEof = serverKeepsOpen;
                  return upper;
                },
                HOST,
                0));
    Connected<Recording> c = await(createConnection(Recording::new, HOST, port(server)));
    c.transport().write("ping".getBytes(US_ASCII));
    c.transport().writeEof();
    if (serverKeepsOpen) {
      while (Upper.made.isEmpty() || !Upper.made.get(0).events.contains("eof")) {
        await(sleep(0.001));
      }
      Upper.made.get(0).transport.write("late".getBytes(US_ASCII));
      Upper.made.get(0).transport.close();
    }
    await(c.protocol().lost);
    await(Upper.made.get(0).lost);
    server.close();
    await(server.waitClosed());
    return done(Upper.made.get(0).events + " " + c.protocol().events);
  }

  @Test
  void callbacksComeInOrderAndAFalseEofReceivedClosesTheTransport() throws Exception {
    assertEquals(
        "[made, data ping, eof, lost null] [made, data PING, eof, lost null]",
        run(pingPong(false)));
  }

  @Test
  void eofReceivedReturningTrueKeepsTheConnectionOpenForWriting() throws Exception {
    assertEquals(
        "[made, data ping, eof, lost null] [made, data PING, data late, eof, lost null]",
        run(pingPong(true)).replace("data PINGlate", "data PING, data late"));
  }

  /** Reads into 7-byte windows of its own buffer. */
  static final class Windows implements BufferedProtocol {
    final ByteBuffer all = ByteBuffer.allocate(1000);
    final List<Integer> hints = new ArrayList<>();
    final Future<Void> ended = EventLoop.getRunningLoop().createFuture();

    @Override
    public ByteBuffer getBuffer(int sizeHint) {
      hints.add(sizeHint);
      return all.slice(all.position(), 7);
    }

    @Override
    public void bufferUpdated(int nbytes) {
      all.position(all.position() + nbytes);
    }

    @Override
    public void connectionLost(Exception error) {
      ended.setResult(null);
    }
  }

  @Async
  Coro<String> bufferedRead() throws IOException {
    Windows[] made = new Windows[1];
    Server server =
        await(
            createServer(
                () -> {
                  made[0] = new Windows();
                  return made[0];
                },
                HOST,
                0));
    Connection c = await(openConnection(HOST, port(server)));
    StringBuilder sent = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      sent.append("chunk").append(i).append(';');
    }
    c.writer().write(sent.toString().getBytes(US_ASCII));
    c.writer().close();
    await(made[0].ended);
    server.close();
    ByteBuffer got = made[0].all.flip();
    boolean hintsAre64k = made[0].hints.stream().allMatch(h -> h == 64 * 1024);
    return done((s(got).equals(sent.toString())) + " " + hintsAre64k + " " + (made[0].hints.size() > 20));
  }

  @Test
  void aBufferedProtocolGetsTheBytesInItsOwnBufferWindowByWindow() throws Exception {
    assertEquals("true true true", run(bufferedRead()));
  }

  /** A server side that does not read until told to. */
  static final class Holding extends Recording {
    static final List<Holding> made = new ArrayList<>();

    Holding() {
      made.add(this);
    }

    @Override
    public void connectionMade(Transport transport) {
      super.connectionMade(transport);
      transport.pauseReading();
    }

    @Override
    public void dataReceived(ByteBuffer data) {
      data.position(data.limit()); // consumed
    }
  }

  /** A client that notes its write buffer when paused and resumed. */
  static final class Watching extends Recording {
    long atPause = -1;
    long atResume = -1;

    @Override
    public void pauseWriting() {
      super.pauseWriting();
      atPause = transport.getWriteBufferSize();
    }

    @Override
    public void resumeWriting() {
      super.resumeWriting();
      atResume = transport.getWriteBufferSize();
    }
  }

  @Async
  Coro<String> flowControl() throws IOException {
    Holding.made.clear();
    Server server = await(createServer(Holding::new, HOST, 0));
    Connected<Watching> c = await(createConnection(Watching::new, HOST, port(server)));
    while (Holding.made.isEmpty()) {
      await(sleep(0.001));
    }
    c.transport().setWriteBufferLimits(null, 8 * 1024); // high 32 KiB, low 8 KiB
    int[] limits = c.transport().getWriteBufferLimits();
    byte[] chunk = new byte[16 * 1024];
    int writes = 0;
    while (!c.protocol().events.contains("pause") && writes < 4_000) { // at most 64 MB
      c.transport().write(chunk);
      writes++;
    }
    Holding.made.get(0).transport.resumeReading();
    while (!c.protocol().events.contains("resume")) {
      await(sleep(0.001));
    }
    c.transport().close();
    await(c.protocol().lost);
    server.close();
    Watching w = c.protocol();
    return done(
        limits[0] + "," + limits[1] + " " + (w.atPause > limits[1]) + " " + (w.atResume <= limits[0])
            + " " + w.events.subList(1, w.events.size()));
  }

  @Test
  void writesPauseTheProtocolAboveTheHighMarkAndResumeItAtTheLowMark() throws Exception {
    assertEquals("8192,32768 true true [pause, resume, lost null]", run(flowControl()));
  }

  @Async
  Coro<String> extraInfo() throws IOException {
    Server server = await(createServer(Recording::new, HOST, 0));
    Connected<Recording> c = await(createConnection(Recording::new, HOST, port(server)));
    Transport t = c.transport();
    boolean peer = new InetSocketAddress(HOST, port(server)).equals(t.getExtraInfo("peername"));
    boolean sock = t.getExtraInfo("sockname") instanceof InetSocketAddress;
    boolean channel = t.getExtraInfo("socket") instanceof SocketChannel;
    Object unknown = t.getExtraInfo("compression");
    Object otherwise = t.getExtraInfo("compression", "none");
    boolean reading = t.isReading();
    t.pauseReading();
    boolean pausedReading = !t.isReading();
    t.resumeReading();
    t.close();
    boolean closing = t.isClosing() && !t.isReading();
    await(c.protocol().lost);
    server.close();
    return done(
        peer + " " + sock + " " + channel + " " + unknown + " " + otherwise + " " + reading + " "
            + pausedReading + " " + closing + " " + t.canWriteEof());
  }

  @Test
  void extraInfoReadingStateAndClosing() throws Exception {
    assertEquals("true true true null none true true true true", run(extraInfo()));
  }

  @Async
  Coro<String> switchProtocols() throws IOException {
    Upper.made.clear();
    Server server = await(createServer(Upper::new, HOST, 0));
    Connected<Recording> c = await(createConnection(Recording::new, HOST, port(server)));
    Recording second = new Recording();
    c.transport().write("a".getBytes(US_ASCII));
    while (!c.protocol().events.contains("data A")) {
      await(sleep(0.001));
    }
    c.transport().setProtocol(second);
    assertSame(second, c.transport().getProtocol());
    c.transport().write("b".getBytes(US_ASCII));
    while (!second.events.contains("data B")) {
      await(sleep(0.001));
    }
    c.transport().abort();
    await(second.lost);
    server.close();
    return done(c.protocol().events + " " + second.events);
  }

  @Test
  void aNewProtocolHearsEverythingAfterSetProtocolAndAbortLosesWithNull() throws Exception {
    assertEquals("[made, data A] [data B, lost null]", run(switchProtocols()));
  }

  @Async
  Coro<Void> hello(StreamReader reader, StreamWriter writer) throws IOException {
    writer.write("hi\n".getBytes(US_ASCII));
    await(writer.drain());
    writer.close();
    return done();
  }

  @Async
  Coro<String> streamTransport() throws IOException {
    Server server = await(startServer(this::hello, HOST, 0));
    Connection c = await(openConnection(HOST, port(server)));
    Transport t = c.writer().transport();
    boolean same = t.getExtraInfo("peername").equals(c.writer().getExtraInfo("peername"));
    String line = new String(await(c.reader().readline()), US_ASCII);
    c.writer().close();
    server.close();
    return done(same + " " + line.trim());
  }

  @Test
  void aStreamWriterReachesItsTransport() throws Exception {
    assertEquals("true hi", run(streamTransport()));
  }

  /** Fails on the first data. */
  static final class Failing extends Recording {
    @Override
    public void dataReceived(ByteBuffer data) {
      throw new IllegalStateException("bad data");
    }
  }

  @Async
  Coro<String> failingProtocol() throws IOException {
    List<Object> reported = new ArrayList<>();
    getRunningLoop().setExceptionHandler((loop, context) -> reported.add(context.get("message")));
    Failing[] made = new Failing[1];
    Server server =
        await(
            createServer(
                () -> {
                  made[0] = new Failing();
                  return made[0];
                },
                HOST,
                0));
    Connection c = await(openConnection(HOST, port(server)));
    c.writer().write("x".getBytes(US_ASCII));
    while (made[0] == null) {
      await(sleep(0.001));
    }
    await(made[0].lost);
    byte[] rest = await(c.reader().read(10));
    c.writer().close();
    server.close();
    return done(made[0].events + " " + reported + " " + rest.length);
  }

  @Test
  void aProtocolCallbackThatThrowsIsReportedAndLosesTheConnectionWithTheError() throws Exception {
    assertEquals(
        "[made, lost IllegalStateException] [Fatal error: protocol.data_received() call failed.] 0",
        run(failingProtocol()));
  }

}
