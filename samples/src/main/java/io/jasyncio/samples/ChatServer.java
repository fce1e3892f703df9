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
import io.jasyncio.sync.Barrier;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chat room: every client sends its name, then lines; the server relays each line to everyone
 * else as {@code name: text}. The demo connects a few bots that each say one thing and then listen
 * until they have heard everyone. One loop serves all the clients, with no lock: the room is only
 * ever touched from the loop thread.
 */
public abstract class ChatServer {

  /** The members present, by name. */
  static final class Room {
    final Map<String, StreamWriter> members = new LinkedHashMap<>();

    void broadcast(String from, String text) {
      byte[] line = (from + ": " + text + "\n").getBytes(UTF_8);
      for (Map.Entry<String, StreamWriter> member : members.entrySet()) {
        if (!member.getKey().equals(from)) {
          member.getValue().write(line); // never blocks; a slow member only buffers
        }
      }
    }
  }

  @Async
  static Coro<Void> member(Room room, StreamReader reader, StreamWriter writer) throws IOException {
    String name = new String(await(reader.readline()), UTF_8).trim();
    room.members.put(name, writer);
    try {
      while (true) {
        byte[] line = await(reader.readline());
        if (line.length == 0) {
          break;
        }
        room.broadcast(name, new String(line, UTF_8).trim());
      }
    } finally {
      room.members.remove(name);
      writer.close();
    }
    return done();
  }

  /** A bot: joins, waits for everyone, says hello, then reads one line from each other bot. */
  @Async
  static Coro<List<String>> bot(int port, String name, int others, Barrier joined)
      throws IOException {
    Connection c = await(openConnection("127.0.0.1", port));
    c.writer().write((name + "\n").getBytes(UTF_8));
    await(c.writer().drain());
    await(joined.waitFor()); // everyone is connected before anyone talks
    await(sleep(0.05)); // and the server has read every name
    c.writer().write(("hello from " + name + "\n").getBytes(UTF_8));
    await(c.writer().drain());
    List<String> heard = new ArrayList<>();
    for (int i = 0; i < others; i++) {
      heard.add(new String(await(c.reader().readline()), UTF_8).trim());
    }
    c.writer().close();
    await(c.writer().waitClosed());
    return done(heard);
  }

  @Async
  static Coro<Map<String, List<String>>> demo(int bots, PrintStream out) throws IOException {
    Room room = new Room();
    Server server =
        await(startServer((reader, writer) -> AsyncChatServer.member(room, reader, writer), "127.0.0.1", 0));
    Map<String, List<String>> heard = new LinkedHashMap<>();
    try (server) {
      int port = server.addresses().get(0).getPort();
      Barrier joined = new Barrier(bots);
      List<Coro<List<String>>> all = new ArrayList<>();
      for (int i = 1; i <= bots; i++) {
        all.add(bot(port, "bot" + i, bots - 1, joined));
      }
      List<List<String>> results = await(gather(all));
      for (int i = 0; i < bots; i++) {
        heard.put("bot" + (i + 1), results.get(i));
        out.println("bot" + (i + 1) + " heard " + results.get(i));
      }
    }
    return done(heard);
  }

  public static void main(String[] args) throws IOException {
    AsyncIO.run(AsyncChatServer.demo(args.length > 0 ? Integer.parseInt(args[0]) : 4, System.out));
  }
}
