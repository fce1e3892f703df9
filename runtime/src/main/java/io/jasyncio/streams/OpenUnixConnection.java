package io.jasyncio.streams;

import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * {@code openUnixConnection(path)}: a non-blocking connect to a Unix domain socket (it usually
 * completes at once; with the listener's backlog full it completes when the socket is writable).
 *
 * <p>States: 0 start; 1 waiting for the connect to finish.
 */
final class OpenUnixConnection<R> extends Coro<R> {
  private final EventLoop loop;
  private final Path path;
  private final OpenConnection.Connected<R> connected;
  private SocketChannel channel;

  OpenUnixConnection(EventLoop loop, Path path, OpenConnection.Connected<R> connected) {
    this.loop = loop;
    this.path = path;
    this.connected = connected;
  }

  @Override
  protected Object $resume(Object $in, Throwable $err) throws Throwable {
    if ($label == 1) {
      loop.removeWriter(channel);
      if ($err != null) {
        Streams.closeQuietly(channel); // cancelled while connecting
        throw $err;
      }
      try {
        if (channel.finishConnect()) {
          return connected();
        }
        throw new ConnectException("connect did not finish");
      } catch (IOException e) {
        throw failed(e);
      }
    }
    if ($err != null) {
      throw $err;
    }
    try {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.configureBlocking(false);
      if (channel.connect(UnixDomainSocketAddress.of(path))) {
        return connected();
      }
    } catch (IOException e) {
      throw failed(e);
    }
    Future<Void> writable = loop.createFuture();
    loop.addWriter(
        channel,
        () -> {
          if (!writable.isDone()) {
            writable.setResult(null);
          }
        });
    $label = 1;
    $await(writable);
    return $SUSPEND;
  }

  private IOException failed(IOException e) {
    if (channel != null) {
      Streams.closeQuietly(channel);
    }
    ConnectException described =
        new ConnectException("Connect call failed " + path + ": " + e.getMessage());
    described.initCause(e);
    return described;
  }

  private R connected() {
    return connected.make(loop, channel);
  }

  @Override
  protected StackTraceElement $where() {
    return new StackTraceElement(Streams.class.getName(), "openUnixConnection", null, -1);
  }
}
