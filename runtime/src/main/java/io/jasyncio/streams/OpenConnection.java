package io.jasyncio.streams;

import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code openConnection(host, port)}: resolve off the loop, then try each address with a
 * non-blocking connect until one succeeds.
 *
 * <p>States: 0 start; 1 waiting for name resolution; 2 waiting for a connect to finish.
 */
final class OpenConnection<R> extends Coro<R> {
  /** What a connected channel becomes: streams, or a transport and its protocol. */
  @FunctionalInterface
  interface Connected<R> {
    R make(EventLoop loop, SocketChannel channel);
  }

  private final EventLoop loop;
  private final String host;
  private final int port;
  private final Connected<R> connected;
  private InetAddress[] addresses;
  private int next;
  private SocketChannel channel;
  private List<IOException> failures;

  OpenConnection(EventLoop loop, String host, int port, Connected<R> connected) {
    this.loop = loop;
    this.host = host;
    this.port = port;
    this.connected = connected;
  }

  @Override
  protected Object $resume(Object $in, Throwable $err) throws Throwable {
    switch ($label) {
      case 0:
        if ($err != null) {
          throw $err;
        }
        addresses = Streams.literalAddress(host == null ? "localhost" : host);
        if (addresses == null) {
          String name = host;
          Future<InetAddress[]> lookup = loop.runInExecutor(null, () -> InetAddress.getAllByName(name));
          $label = 1;
          Object found = $await(lookup);
          if (found == $SUSPEND) {
            return $SUSPEND;
          }
          $in = found;
        }
        // fall through
      case 1:
        if ($label == 1) {
          if ($err != null) {
            throw $err;
          }
          addresses = (InetAddress[]) $in;
        }
        break;
      case 2:
        loop.removeWriter(channel);
        if ($err != null) {
          Streams.closeQuietly(channel); // cancelled while connecting
          throw $err;
        }
        if (finishConnect()) {
          return connected();
        }
        break;
      default:
        throw new IllegalStateException("bad state " + $label);
    }
    for (; next < addresses.length; ) {
      InetSocketAddress target = new InetSocketAddress(addresses[next++], port);
      SocketChannel ch = null;
      try {
        ch = SocketChannel.open();
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel = ch;
        if (ch.connect(target)) {
          return connected();
        }
      } catch (IOException e) {
        failed(ch, e, target);
        continue;
      }
      Future<Void> writable = loop.createFuture();
      loop.addWriter(
          ch,
          () -> {
            if (!writable.isDone()) {
              writable.setResult(null);
            }
          });
      $label = 2;
      $await(writable);
      return $SUSPEND;
    }
    throw failure();
  }

  private boolean finishConnect() {
    try {
      if (channel.finishConnect()) {
        return true;
      }
      failed(channel, new ConnectException("connect did not finish"), channel);
    } catch (IOException e) {
      failed(channel, e, addresses[next - 1]);
    }
    return false;
  }

  private void failed(SocketChannel ch, IOException e, Object target) {
    if (ch != null) {
      Streams.closeQuietly(ch);
    }
    if (failures == null) {
      failures = new ArrayList<>(1);
    }
    String where = target instanceof InetAddress a ? new InetSocketAddress(a, port).toString() : String.valueOf(target);
    ConnectException described =
        new ConnectException("Connect call failed " + where + ": " + e.getMessage());
    described.initCause(e);
    failures.add(described);
  }

  private IOException failure() {
    if (failures == null) {
      return new java.net.UnknownHostException(host + ": no address to connect to");
    }
    IOException first = failures.get(0);
    if (failures.size() == 1) {
      return first;
    }
    StringBuilder message = new StringBuilder("Multiple exceptions: ");
    for (int i = 0; i < failures.size(); i++) {
      message.append(i == 0 ? "" : ", ").append(failures.get(i).getMessage());
    }
    ConnectException all = new ConnectException(message.toString());
    for (IOException e : failures) {
      all.addSuppressed(e);
    }
    return all;
  }

  private R connected() {
    return connected.make(loop, channel);
  }

  /** The streams of a connected channel: {@code openConnection}'s result. */
  static Connection streams(EventLoop loop, SocketChannel channel, int limit) {
    StreamReader reader = new StreamReader(limit);
    StreamProtocol protocol = new StreamProtocol(loop, reader, null);
    new SocketTransport(loop, channel, protocol, null).start();
    return new Connection(reader, protocol.writer());
  }

  @Override
  protected StackTraceElement $where() {
    return new StackTraceElement(Streams.class.getName(), "openConnection", null, -1);
  }
}
