package io.jasyncio.streams;

import static io.jasyncio.AsyncIO.*;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Streams over Unix domain sockets (asyncio's open_unix_connection / start_unix_server). */
@Timeout(30)
abstract class UnixStreamsTest {
  @TempDir Path dir;

  /** Echoes one line, then closes. */
  @Async
  Coro<Void> echoLine(StreamReader reader, StreamWriter writer) throws IOException {
    writer.write(await(reader.readline()));
    await(writer.drain());
    writer.close();
    return done();
  }

  @Async
  Coro<String> echoOnce(Path path) throws IOException {
    Server server = await(startUnixServer(this::echoLine, path));
    List<Object> seen = List.copyOf(server.localAddresses());
    Connection c = await(openUnixConnection(path));
    c.writer().write("hello\n".getBytes(US_ASCII));
    String back = new String(await(c.reader().readline()), US_ASCII);
    c.writer().close();
    await(c.writer().waitClosed());
    boolean fileWhileServing = Files.exists(path);
    server.close();
    await(server.waitClosed());
    return done(back + "|" + seen.equals(List.of(UnixDomainSocketAddress.of(path))) + "|"
        + fileWhileServing + "|" + server.addresses().isEmpty());
  }

  @Test
  void aLineEchoedOverAUnixSocketAndTheSocketFileRemovedOnClose() throws Exception {
    Path path = dir.resolve("echo.sock");
    assertEquals("hello\n|true|true|true", run(echoOnce(path)));
    assertFalse(Files.exists(path));
  }

  @Test
  void aStaleSocketFileLeftByAServerThatDidNotCloseIsReplaced() throws Exception {
    Path path = dir.resolve("stale.sock");
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(path));
    }
    assertTrue(Files.exists(path)); // closing a channel leaves its file behind
    assertEquals("hello\n|true|true|true", run(echoOnce(path)));
  }

  /** Answers each piece of data in upper case. */
  static final class Upper implements io.jasyncio.protocols.Protocol {
    io.jasyncio.transports.Transport transport;

    @Override
    public void connectionMade(io.jasyncio.transports.Transport transport) {
      this.transport = transport;
    }

    @Override
    public void dataReceived(java.nio.ByteBuffer data) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      transport.write(new String(bytes, US_ASCII).toUpperCase().getBytes(US_ASCII));
    }
  }

  /** Collects what arrives; {@code got} completes at the first bytes. */
  static final class Collect implements io.jasyncio.protocols.Protocol {
    final io.jasyncio.Future<String> got = getRunningLoop().createFuture();

    @Override
    public void dataReceived(java.nio.ByteBuffer data) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      if (!got.isDone()) {
        got.setResult(new String(bytes, US_ASCII));
      }
    }
  }

  @Async
  Coro<String> protocolsOverUnix(Path path) throws IOException {
    Server server = await(io.jasyncio.streams.Streams.createUnixServer(Upper::new, path));
    io.jasyncio.transports.Connected<Collect> c =
        await(io.jasyncio.streams.Streams.createUnixConnection(Collect::new, path));
    c.transport().write("quiet".getBytes(US_ASCII));
    String back = await(c.protocol().got);
    c.transport().close();
    server.close();
    await(server.waitClosed());
    return done(back + " " + Files.exists(path));
  }

  @Test
  void protocolsWorkOverUnixSocketsToo() throws Exception {
    assertEquals("QUIET false", run(protocolsOverUnix(dir.resolve("p.sock"))));
  }

  @Async
  Coro<String> bindOver(Path path) throws IOException {
    try {
      await(startUnixServer(this::echoLine, path));
      return done("bound");
    } catch (BindException e) {
      return done(e.getMessage());
    }
  }

  @Test
  void aRegularFileAtThePathIsLeftAloneAndTheBindFailsNamingThePath() throws Exception {
    Path path = dir.resolve("not-a-socket");
    Files.writeString(path, "keep me");
    String message = run(bindOver(path));
    assertTrue(message.startsWith("error while attempting to bind on address " + path), message);
    assertEquals("keep me", Files.readString(path));
  }

  @Async
  Coro<String> connectTo(Path path) throws IOException {
    try {
      await(openUnixConnection(path));
      return done("connected");
    } catch (ConnectException e) {
      return done(e.getMessage());
    }
  }

  @Test
  void connectingWhereNobodyListensFailsNamingThePath() throws Exception {
    Path path = dir.resolve("nobody.sock");
    String message = run(connectTo(path));
    assertTrue(message.startsWith("Connect call failed " + path + ": "), message);
  }
}
