package io.jasyncio.streams;

import io.jasyncio.EventLoop;
import io.jasyncio.protocols.BaseProtocol;
import io.jasyncio.protocols.Protocol;
import io.jasyncio.transports.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The read end of a pipe (a blocking {@link InputStream}, such as a child process's output) as a
 * transport: a daemon thread reads it and hands each chunk to the loop, where the protocol hears
 * it (asyncio's {@code _UnixReadPipeTransport}, with a thread where the platform gives no
 * selectable pipe). Pausing reading stops the thread before its next read, so a reader that does
 * not keep up holds the writer back through the pipe.
 *
 * <p>States: reading; paused (the thread waits); closing (the thread stops after its current
 * read; the stream is closed); lost (EOF or an error reached the protocol).
 */
final class PipeReadTransport implements Transport {
  private static final int CHUNK = 64 * 1024;

  private final EventLoop loop;
  private final InputStream in;
  private final String name;
  private Protocol protocol;
  private final Object gate = new Object();
  private boolean paused; // guarded by gate
  private volatile boolean closing;
  private boolean lost;

  PipeReadTransport(EventLoop loop, InputStream in, String name, Protocol protocol) {
    this.loop = loop;
    this.in = in;
    this.name = name;
    this.protocol = protocol;
  }

  void start() {
    protocol.connectionMade(this);
    Thread pump = new Thread(this::pump, "jasyncio-pipe-" + name);
    pump.setDaemon(true);
    pump.start();
  }

  /** The thread: read, hand over, until EOF, an error or close. */
  private void pump() {
    byte[] chunk = new byte[CHUNK];
    try {
      for (;;) {
        synchronized (gate) {
          while (paused && !closing) {
            gate.wait();
          }
        }
        if (closing) {
          return;
        }
        int n = in.read(chunk);
        if (n < 0) {
          post(this::eof);
          return;
        }
        byte[] data = Arrays.copyOf(chunk, n);
        post(() -> received(data));
      }
    } catch (IOException e) {
      if (!closing) {
        post(() -> lose(e));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void post(Runnable onLoop) {
    try {
      loop.callSoonThreadsafe(onLoop);
    } catch (IllegalStateException loopClosed) {
      closeQuietly();
    }
  }

  private void received(byte[] data) {
    if (!lost && !closing) {
      protocol.dataReceived(ByteBuffer.wrap(data));
    }
  }

  private void eof() {
    if (lost || closing) {
      return;
    }
    protocol.eofReceived();
    lose(null);
  }

  private void lose(Exception error) {
    if (lost) {
      return;
    }
    lost = true;
    closing = true;
    try {
      protocol.connectionLost(error);
    } finally {
      closeQuietly();
    }
  }

  private void closeQuietly() {
    try {
      in.close();
    } catch (IOException ignored) {
      // the pipe is gone either way
    }
  }

  @Override
  public Object getExtraInfo(String key) {
    return "pipe".equals(key) ? in : null;
  }

  @Override
  public boolean isClosing() {
    return closing;
  }

  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    synchronized (gate) {
      gate.notifyAll();
    }
    loop.callSoon(() -> lose(null));
  }

  @Override
  public void abort() {
    close();
  }

  @Override
  public void setProtocol(BaseProtocol protocol) {
    this.protocol = (Protocol) protocol;
  }

  @Override
  public BaseProtocol getProtocol() {
    return protocol;
  }

  @Override
  public boolean isReading() {
    synchronized (gate) {
      return !paused && !closing;
    }
  }

  @Override
  public void pauseReading() {
    synchronized (gate) {
      paused = true;
    }
  }

  @Override
  public void resumeReading() {
    synchronized (gate) {
      paused = false;
      gate.notifyAll();
    }
  }

  @Override
  public void write(byte[] data, int offset, int length) {
    throw new UnsupportedOperationException("a read pipe cannot be written to");
  }

  @Override
  public void writeEof() {
    throw new UnsupportedOperationException("a read pipe cannot be written to");
  }

  @Override
  public boolean canWriteEof() {
    return false;
  }

  @Override
  public long getWriteBufferSize() {
    return 0;
  }

  @Override
  public int[] getWriteBufferLimits() {
    return new int[] {0, 0};
  }

  @Override
  public void setWriteBufferLimits(Integer high, Integer low) {
    throw new UnsupportedOperationException("a read pipe has no write buffer");
  }

  @Override
  public String toString() {
    return "<PipeReadTransport " + name + (closing ? " closed" : "") + ">";
  }
}
