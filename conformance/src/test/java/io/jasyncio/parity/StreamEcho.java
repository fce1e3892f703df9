package io.jasyncio.parity;

import static io.jasyncio.AsyncIO.*;
import static java.nio.charset.StandardCharsets.US_ASCII;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import io.jasyncio.streams.Connection;
import io.jasyncio.streams.IncompleteReadError;
import io.jasyncio.streams.LimitOverrunError;
import io.jasyncio.streams.Server;
import io.jasyncio.streams.StreamReader;
import io.jasyncio.streams.StreamWriter;
import java.io.IOException;

/** Port of stream_echo.py: a line server, half-close, EOF errors, and the reader's limit. */
abstract class StreamEcho {

  static byte[] b(String text) {
    return text.getBytes(US_ASCII);
  }

  @Async
  static Coro<Void> handle(Out out, StreamReader reader, StreamWriter writer) throws IOException {
    while (true) {
      byte[] line = await(reader.readline());
      if (line.length == 0) {
        break;
      }
      out.print("server got", line);
      writer.write(new String(line, US_ASCII).toUpperCase().getBytes(US_ASCII));
      await(writer.drain());
    }
    out.print("server sees EOF, at_eof", reader.atEof());
    writer.write(b("bye\n"));
    writer.write(b("partial"));
    await(writer.drain());
    writer.close();
    return done();
  }

  @Async
  static Coro<Void> main(Out out) throws IOException {
    Server server =
        await(startServer((r, w) -> AsyncStreamEcho.handle(out, r, w), "127.0.0.1", 0));
    out.print("serving", server.isServing(), server.sockets().size());
    int port = server.addresses().get(0).getPort();
    Connection c = await(openConnection("127.0.0.1", port));
    StreamReader reader = c.reader();
    StreamWriter writer = c.writer();
    for (String text : new String[] {"hello\n", "streams\n"}) {
      writer.write(b(text));
      await(writer.drain());
      out.print("client got", await(reader.readline()));
    }
    writer.writeEof();
    out.print("client got", await(reader.readline()));
    try {
      await(reader.readexactly(10));
    } catch (IncompleteReadError e) {
      out.print("incomplete:", e.getMessage(), e.partial(), e.expected());
    }
    out.print("at_eof", reader.atEof());
    out.print("read at eof", await(reader.read(10)));
    out.print("closing", writer.isClosing());
    writer.close();
    out.print("closing", writer.isClosing());
    await(writer.waitClosed());
    server.close();
    await(server.waitClosed());
    out.print("serving", server.isServing(), server.sockets().size());

    StreamReader r = new StreamReader(4);
    r.feedData(b("abcdefgh\nxy\n"));
    try {
      await(r.readline());
    } catch (IllegalArgumentException e) {
      out.print("ValueError:", e.getMessage());
    }
    out.print("next line", await(r.readline()));
    r.feedEof();
    out.print("last line", await(r.readline()), r.atEof());

    StreamReader r2 = new StreamReader(4);
    r2.feedData(b("abcdef|"));
    try {
      await(r2.readuntil(b("|")));
    } catch (LimitOverrunError e) {
      out.print("LimitOverrunError:", e.getMessage(), e.consumed());
    }
    out.print("still buffered", await(r2.readexactly(7)));
    r2.feedData(b("ab"));
    r2.feedEof();
    try {
      await(r2.readuntil(b("|")));
    } catch (IncompleteReadError e) {
      out.print("incomplete:", e.getMessage(), e.partial(), e.expected());
    }
    return done();
  }
}
