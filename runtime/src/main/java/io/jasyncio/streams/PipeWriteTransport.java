package io.jasyncio.streams;

import io.jasyncio.EventLoop;
import io.jasyncio.protocols.BaseProtocol;
import io.jasyncio.transports.Transport;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The write end of a pipe (a blocking {@link OutputStream}, such as a child process's input) as a
 * transport: writes never block the loop; a daemon thread writes the chunks in order and reports
 * each one done, so the write buffer and its flow control ({@code drain()}) work as on a socket
 * (asyncio's {@code _UnixWritePipeTransport}).
 *
 * <p>States: open; eof written or closing (the thread closes the stream after the buffered chunks);
 * lost (the stream closed, or a write failed: the protocol hears it once).
 */
final class PipeWriteTransport implements Transport {
  private static final byte[] END = new byte[0];

  private final EventLoop loop;
  private final OutputStream out;
  private final String name;
  private BaseProtocol protocol;
  private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
  private long bufferSize;
  private final WriteFlowControl flow = new WriteFlowControl();
  private boolean ended;
  private boolean lost;
  private Exception failure;

  PipeWriteTransport(EventLoop loop, OutputStream out, String name, BaseProtocol protocol) {
    this.loop = loop;
    this.out = out;
    this.name = name;
    this.protocol = protocol;
  }

  void start() {
    protocol.connectionMade(this);
    Thread pump = new Thread(this::pump, "jasyncio-pipe-" + name);
    pump.setDaemon(true);
    pump.start();
  }

  private void pump() {
    try {
      for (;;) {
        byte[] chunk = chunks.take();
        if (chunk == END) {
          out.close();
          post(() -> lose(null));
          return;
        }
        out.write(chunk);
        out.flush();
        post(() -> written(chunk.length));
      }
    } catch (IOException e) {
      try {
        out.close();
      } catch (IOException ignored) {
        // broken already
      }
      post(() -> lose(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void post(Runnable onLoop) {
    try {
      loop.callSoonThreadsafe(onLoop);
    } catch (IllegalStateException loopClosed) {
      // nobody is left to tell
    }
  }

  private void written(int n) {
    bufferSize -= n;
    if (flow.resumeAt(bufferSize)) {
      protocol.resumeWriting();
    }
  }

  private void lose(Exception error) {
    if (lost) {
      return;
    }
    lost = true;
    failure = error;
    chunks.clear();
    bufferSize = 0;
    protocol.connectionLost(error);
  }

  @Override
  public void write(byte[] data, int offset, int length) {
    if (ended) {
      throw new IllegalStateException("Cannot call write() after write_eof()");
    }
    if (lost || length == 0) {
      return; // a broken pipe: drain() reports it
    }
    byte[] copy = new byte[length];
    System.arraycopy(data, offset, copy, 0, length);
    chunks.add(copy);
    bufferSize += length;
    if (flow.pauseAt(bufferSize)) {
      protocol.pauseWriting();
    }
  }

  @Override
  public void writeEof() {
    close();
  }

  @Override
  public void close() {
    if (ended || lost) {
      return;
    }
    ended = true;
    chunks.add(END);
  }

  @Override
  public void abort() {
    if (lost) {
      return;
    }
    ended = true;
    chunks.clear();
    chunks.add(END);
  }

  @Override
  public boolean isClosing() {
    return ended || lost;
  }

  @Override
  public Object getExtraInfo(String key) {
    return "pipe".equals(key) ? out : null;
  }

  @Override
  public void setProtocol(BaseProtocol protocol) {
    this.protocol = protocol;
  }

  @Override
  public BaseProtocol getProtocol() {
    return protocol;
  }

  @Override
  public boolean isReading() {
    return false;
  }

  @Override
  public void pauseReading() {}

  @Override
  public void resumeReading() {}

  @Override
  public long getWriteBufferSize() {
    return bufferSize;
  }

  @Override
  public int[] getWriteBufferLimits() {
    return flow.limits();
  }

  @Override
  public void setWriteBufferLimits(Integer high, Integer low) {
    flow.setLimits(high, low);
    if (flow.pauseAt(bufferSize)) {
      protocol.pauseWriting();
    }
  }

  @Override
  public String toString() {
    return "<PipeWriteTransport " + name + (lost ? " closed" : ended ? " closing" : "")
        + (failure != null ? " failed=" + failure : "") + ">";
  }
}
