package io.jasyncio.streams;

import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.protocols.Protocol;
import io.jasyncio.transports.Transport;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Between a {@link SocketTransport} and the streams: asyncio's {@code StreamReaderProtocol} with
 * its {@code FlowControlMixin}. It feeds the reader, keeps the writer's drain waiters (paused while
 * the transport's buffer is above its high-water mark), completes the "closed" future, and on a
 * server starts the client handler as a task.
 */
final class StreamProtocol implements Protocol {
  private final EventLoop loop;
  private final StreamReader reader;
  /** Server side only: the handler to run. */
  private final ClientConnectedHandler handler;

  private Transport transport;
  private StreamWriter writer;
  private final Future<Void> closed;
  private boolean paused;
  private boolean lost;
  private ArrayDeque<Future<Void>> drainWaiters;

  StreamProtocol(EventLoop loop, StreamReader reader, ClientConnectedHandler handler) {
    this.loop = loop;
    this.reader = reader;
    this.handler = handler;
    this.closed = loop.createFuture();
  }

  StreamWriter writer() {
    return writer;
  }

  Future<Void> closed() {
    return closed;
  }

  @Override
  public void connectionMade(Transport transport) {
    this.transport = transport;
    reader.setTransport(transport);
    writer = new StreamWriter(transport, this, reader);
    if (handler == null) {
      return;
    }
    Coro<?> coro;
    try {
      coro = handler.handle(reader, writer);
      if (coro == null) {
        throw new NullPointerException("the client handler returned null instead of a coroutine");
      }
    } catch (Exception | LinkageError | AssertionError e) {
      handlerFailed(e);
      return;
    }
    Task<?> task = loop.createTask(coro);
    task.addDoneCallback(
        t -> {
          if (!t.isCancelled() && t.exception() != null) {
            handlerFailed(t.exception());
          }
        });
  }

  private void handlerFailed(Throwable e) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("message", "Unhandled exception in client_connected_cb");
    context.put("exception", e);
    context.put("transport", transport);
    loop.callExceptionHandler(context);
    transport.close();
  }

  @Override
  public void dataReceived(ByteBuffer data) {
    reader.feedData(data);
  }

  /** The reader sees the end; the writer may go on (half-close), as asyncio's streams do. */
  @Override
  public boolean eofReceived() {
    reader.feedEof();
    return true;
  }

  @Override
  public void connectionLost(Exception error) {
    if (error == null) {
      reader.feedEof();
    } else {
      reader.setException(error);
    }
    if (!closed.isDone()) {
      if (error == null) {
        closed.setResult(null);
      } else {
        closed.setException(error);
        closed.exception(); // waitClosed() may never be called: do not report it as unretrieved
      }
    }
    lost = true;
    if (paused && drainWaiters != null) {
      for (Future<Void> waiter : drainWaiters) {
        if (!waiter.isDone()) {
          if (error == null) {
            waiter.setResult(null);
          } else {
            waiter.setException(error);
          }
        }
      }
    }
  }

  @Override
  public void pauseWriting() {
    paused = true;
  }

  @Override
  public void resumeWriting() {
    paused = false;
    if (drainWaiters != null) {
      for (Future<Void> waiter : drainWaiters) {
        if (!waiter.isDone()) {
          waiter.setResult(null);
        }
      }
    }
  }

  /** The wait part of {@code drain()}: until the buffer falls to the low-water mark. */
  Coro<Void> drainHelper() {
    return new DrainHelper(this);
  }

  private static final class DrainHelper extends Coro<Void> {
    private final StreamProtocol protocol;
    private Future<Void> waiter;

    DrainHelper(StreamProtocol protocol) {
      this.protocol = protocol;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      if ($label == 1) {
        protocol.drainWaiters.remove(waiter);
        if ($err != null) {
          throw $err;
        }
        return null;
      }
      if ($err != null) {
        throw $err;
      }
      if (protocol.lost) {
        throw new SocketException("Connection lost");
      }
      if (!protocol.paused) {
        return null;
      }
      waiter = protocol.loop.createFuture();
      if (protocol.drainWaiters == null) {
        protocol.drainWaiters = new ArrayDeque<>(2);
      }
      protocol.drainWaiters.addLast(waiter);
      $label = 1;
      $await(waiter);
      return $SUSPEND;
    }

    @Override
    protected StackTraceElement $where() {
      return new StackTraceElement(StreamWriter.class.getName(), "drain", null, -1);
    }
  }
}
