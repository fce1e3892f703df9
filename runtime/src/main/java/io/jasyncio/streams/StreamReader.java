package io.jasyncio.streams;

import io.jasyncio.Coro;
import io.jasyncio.Future;
import io.jasyncio.LoopBound;
import io.jasyncio.transports.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The reading half of a stream: asyncio's {@code StreamReader}. Bytes arrive from the connection
 * (or from {@link #feedData}) into a buffer; the coroutines below take them out.
 *
 * <h2>States</h2>
 *
 * <table>
 *   <caption>What a read does in each state</caption>
 *   <tr><th>State</th><th>Meaning</th><th>A read that needs more data</th></tr>
 *   <tr><td>open</td><td>more data may come</td><td>waits for it</td></tr>
 *   <tr><td>eof</td><td>{@link #feedEof()}: the peer will send no more</td>
 *       <td>returns what is buffered, or raises {@link IncompleteReadError}</td></tr>
 *   <tr><td>failed</td><td>{@link #setException}: the connection broke</td>
 *       <td>raises that exception (a waiting read is woken with it)</td></tr>
 * </table>
 *
 * <h2>Limit and flow control</h2>
 *
 * The {@code limit} (64 KiB by default) bounds a line or a chunk looked for by {@link #readline()}
 * and {@link #readuntil}, separator not counted; {@link #read} and {@link #readexactly} ignore it.
 * It also bounds memory: when more than {@code 2 * limit} bytes are buffered the reader stops
 * reading from the socket (so the peer's sends back up into TCP), and starts again once reads
 * bring the buffer down to {@code limit}.
 *
 * <h2>One reader at a time</h2>
 *
 * At most one coroutine may wait for data: a second one fails with {@link IllegalStateException}
 * "&lt;fn&gt;() called while another coroutine is already waiting for incoming data". A read that is
 * cancelled while waiting takes nothing out of the buffer.
 *
 * <p>Loop thread only. Every coroutine method declares {@link IOException} (raised when awaited)
 * so that {@code catch (IOException e)} around the {@code await} compiles.
 */
public final class StreamReader extends LoopBound {
  /** The default limit: 64 KiB. */
  public static final int DEFAULT_LIMIT = 64 * 1024;

  private static final byte[] NEWLINE = {'\n'};
  private static final byte[] NOTHING = new byte[0];

  private final int limit;
  private final ReceiveBuffer buffer = new ReceiveBuffer();
  private boolean eof;
  private Future<Void> waiter;
  private Throwable exception;
  private Transport transport;
  private boolean paused;

  /** A reader with the default limit. It binds to the loop that first waits on it. */
  public StreamReader() {
    this(DEFAULT_LIMIT);
  }

  /**
   * A reader with the given limit. It binds to the loop that first waits on it.
   *
   * @throws IllegalArgumentException "Limit cannot be &lt;= 0"
   */
  public StreamReader(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("Limit cannot be <= 0");
    }
    this.limit = limit;
  }

  /** The line and chunk limit given at construction. */
  public int limit() {
    return limit;
  }

  /** The exception set by {@link #setException}, or null. */
  public Throwable exception() {
    return exception;
  }

  /**
   * Makes every later read raise {@code error}, and wakes a waiting read with it. Reads raise it
   * even with data still buffered, as asyncio's do.
   */
  public void setException(Throwable error) {
    exception = Objects.requireNonNull(error, "error");
    Future<Void> w = waiter;
    if (w != null) {
      waiter = null;
      if (!w.isCancelled()) {
        w.setException(error);
      }
    }
  }

  /** Marks the end of the stream, and wakes a waiting read. */
  public void feedEof() {
    eof = true;
    wakeUpWaiter();
  }

  /** Whether the stream has ended and every byte has been read. */
  public boolean atEof() {
    return eof && buffer.size() == 0;
  }

  /**
   * Appends {@code data} to the buffer and wakes a waiting read.
   *
   * @throws IllegalStateException "feed_data after feed_eof"
   */
  public void feedData(byte[] data) {
    if (eof) {
      throw new IllegalStateException("feed_data after feed_eof");
    }
    if (data.length == 0) {
      return;
    }
    buffer.append(data, 0, data.length);
    afterFeed();
  }

  /** Appends the remaining bytes of {@code data} (the transport's read buffer). */
  void feedData(ByteBuffer data) {
    if (!data.hasRemaining()) {
      return;
    }
    buffer.append(data);
    afterFeed();
  }

  private void afterFeed() {
    wakeUpWaiter();
    if (transport != null && !paused && buffer.size() > 2 * limit) {
      transport.pauseReading();
      paused = true;
    }
  }

  void setTransport(Transport transport) {
    this.transport = transport;
  }

  /** How many bytes are buffered (for tests and diagnostics). */
  int buffered() {
    return buffer.size();
  }

  private void wakeUpWaiter() {
    Future<Void> w = waiter;
    if (w != null) {
      waiter = null;
      if (!w.isCancelled()) {
        w.setResult(null);
      }
    }
  }

  private void maybeResumeTransport() {
    if (paused && buffer.size() <= limit) {
      paused = false;
      transport.resumeReading();
    }
  }

  /** Starts waiting for data: the future a read suspends on. */
  private Future<Void> startWaiting(String function) {
    if (waiter != null) {
      throw new IllegalStateException(
          function + "() called while another coroutine is already waiting for incoming data");
    }
    if (paused) {
      // Reading was paused with data buffered, yet a read needs more: resume, or it never comes.
      paused = false;
      transport.resumeReading();
    }
    waiter = newWaiter();
    return waiter;
  }

  private byte[] take(int n) {
    byte[] out = n == 0 ? NOTHING : buffer.take(n);
    maybeResumeTransport();
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  /**
   * Reads up to {@code n} bytes: waits until at least one byte is buffered or the stream ends, then
   * takes at most {@code n}. {@code n < 0} reads until the end of the stream; {@code n == 0} returns
   * an empty array at once. Returns an empty array at the end of the stream.
   */
  public Coro<byte[]> read(int n) throws IOException {
    return new Read(this, n);
  }

  /** Reads until the end of the stream: {@code read(-1)}. */
  public Coro<byte[]> read() throws IOException {
    return new Read(this, -1);
  }

  /**
   * Reads exactly {@code n} bytes.
   *
   * @throws IncompleteReadError (when awaited) if the stream ends first; the bytes read so far are
   *     in {@link IncompleteReadError#partial()} and no longer buffered
   * @throws IllegalArgumentException (when awaited) "readexactly size can not be less than zero"
   */
  public Coro<byte[]> readexactly(int n) throws IOException {
    return new ReadExactly(this, n);
  }

  /**
   * Reads up to and including {@code separator}.
   *
   * @throws IncompleteReadError (when awaited) if the stream ends first: its {@code partial()} is
   *     everything that was buffered, {@code expected()} is null
   * @throws LimitOverrunError (when awaited) if the separator is not within the limit; the data
   *     stays buffered
   * @throws IllegalArgumentException (when awaited) "Separator should be at least one-byte string"
   */
  public Coro<byte[]> readuntil(byte[] separator) throws IOException {
    return new ReadUntil(this, separator.clone(), false);
  }

  /** {@code readuntil} of a newline. */
  public Coro<byte[]> readuntil() throws IOException {
    return new ReadUntil(this, NEWLINE, false);
  }

  /**
   * Reads one line, newline included. At the end of the stream returns the last, unterminated
   * line, then empty arrays.
   *
   * @throws IllegalArgumentException (when awaited) if the line is longer than the limit: the line
   *     (or, when no newline was found, the whole buffer) is dropped, so the next read starts after
   *     it
   */
  public Coro<byte[]> readline() throws IOException {
    return new ReadUntil(this, NEWLINE, true);
  }

  /**
   * The lines of the stream, newline included, as {@link #readline()} reads them: Python's
   * {@code async for line in reader}. The iteration ends at the end of the stream (after the last,
   * unterminated line, if any). A failure of a read (a line over the limit, a reset connection)
   * arrives at the loop.
   */
  public io.jasyncio.AsyncIterable<byte[]> lines() {
    return () ->
        new io.jasyncio.iteration.PullIterator<byte[]>() {
          @Override
          protected io.jasyncio.Awaitable<?> request() throws IOException {
            return readline();
          }

          @Override
          protected Object accept(Object line) {
            return ((byte[]) line).length == 0 ? END : line;
          }
        };
  }

  /**
   * The lines of the stream decoded with {@code charset}, without their line terminator ({@code
   * \n} or {@code \r\n}): what a reader of text wants. Otherwise as {@link #lines()}.
   */
  public io.jasyncio.AsyncIterable<String> lines(java.nio.charset.Charset charset) {
    return () ->
        new io.jasyncio.iteration.PullIterator<String>() {
          @Override
          protected io.jasyncio.Awaitable<?> request() throws IOException {
            return readline();
          }

          @Override
          protected Object accept(Object value) {
            byte[] line = (byte[]) value;
            int end = line.length;
            if (end == 0) {
              return END;
            }
            if (line[end - 1] == '\n') {
              end--;
              if (end > 0 && line[end - 1] == '\r') {
                end--;
              }
            }
            return new String(line, 0, end, charset);
          }
        };
  }

  /**
   * The data of the stream in chunks of at most {@code size} bytes, as {@link #read(int)} returns
   * them, until the end of the stream.
   */
  public io.jasyncio.AsyncIterable<byte[]> chunks(int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("chunk size must be positive: " + size);
    }
    return () ->
        new io.jasyncio.iteration.PullIterator<byte[]>() {
          @Override
          protected io.jasyncio.Awaitable<?> request() throws IOException {
            return read(size);
          }

          @Override
          protected Object accept(Object chunk) {
            return ((byte[]) chunk).length == 0 ? END : chunk;
          }
        };
  }

  /**
   * Where {@code separator} ends in the buffer (exclusive), or -1 if more data is needed.
   *
   * @throws LimitOverrunError if the separator is not within the limit
   * @throws IncompleteReadError at the end of the stream without the separator (buffer emptied)
   */
  private int findSeparator(byte[] separator, int[] offset) throws IOException {
    int length = buffer.size();
    if (length - offset[0] >= separator.length) {
      int at = buffer.indexOf(separator, offset[0]);
      if (at >= 0) {
        if (at > limit) {
          throw new LimitOverrunError("Separator is found, but chunk is longer than limit", at);
        }
        return at + separator.length;
      }
      offset[0] = length + 1 - separator.length;
      if (offset[0] > limit) {
        throw new LimitOverrunError(
            "Separator is not found, and chunk exceed the limit", offset[0]);
      }
    }
    if (eof) {
      byte[] chunk = buffer.take(buffer.size());
      throw new IncompleteReadError(chunk, null);
    }
    return -1;
  }

  /** {@code readline()}'s recovery from an over-long line: drop it and report it. */
  private IllegalArgumentException dropLine(LimitOverrunError e) {
    if (buffer.startsWith(NEWLINE, e.consumed())) {
      buffer.discard(e.consumed() + NEWLINE.length);
    } else {
      buffer.clear();
    }
    maybeResumeTransport();
    return new IllegalArgumentException(e.getMessage(), e);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("<StreamReader");
    if (buffer.size() > 0) {
      out.append(' ').append(buffer.size()).append(" bytes");
    }
    if (eof) {
      out.append(" eof");
    }
    if (limit != DEFAULT_LIMIT) {
      out.append(" limit=").append(limit);
    }
    if (waiter != null) {
      out.append(" waiter=").append(waiter);
    }
    if (exception != null) {
      out.append(" exception=").append(exception);
    }
    if (transport != null) {
      out.append(" transport=").append(transport);
    }
    if (paused) {
      out.append(" paused");
    }
    return out.append('>').toString();
  }

  // ---------------------------------------------------------------------------------------------
  // The read coroutines. Each is a loop "while the buffer cannot satisfy me, wait for data"; label 1
  // is the wait, after which the waiter is forgotten whatever happened (asyncio's finally).

  private abstract static class WaitingRead extends Coro<byte[]> {
    final StreamReader reader;

    WaitingRead(StreamReader reader) {
      this.reader = reader;
    }

    /** Suspends until data, the end or an error arrives; false if already resumed inline. */
    final boolean waitForData(String function) throws Throwable {
      Future<Void> w = reader.startWaiting(function);
      $label = 1;
      if ($await(w) == $SUSPEND) {
        return true;
      }
      reader.waiter = null; // cannot happen with a fresh waiter; keeps the state right if it does
      $label = 0;
      return false;
    }

    /** Called first in every resume: ends a wait. */
    final void afterWait(Throwable error) throws Throwable {
      if ($label == 1) {
        reader.waiter = null;
        $label = 0;
      }
      if (error != null) {
        throw error;
      }
    }

    final StackTraceElement where(String method) {
      return new StackTraceElement(StreamReader.class.getName(), method, null, -1);
    }
  }

  private static final class Read extends WaitingRead {
    private final int n;
    /** For read(-1): the blocks read so far. */
    private ByteArrayOutputStream blocks;

    Read(StreamReader reader, int n) {
      super(reader);
      this.n = n;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      boolean resumed = $label == 1;
      afterWait($err);
      StreamReader r = reader;
      if (n == 0) {
        if (r.exception != null) {
          throw r.exception;
        }
        return NOTHING;
      }
      if (n > 0) {
        if (!resumed) {
          if (r.exception != null) {
            throw r.exception;
          }
          if (r.buffer.size() == 0 && !r.eof) {
            if (waitForData("read")) {
              return $SUSPEND;
            }
          }
        }
        return r.take(Math.min(n, r.buffer.size()));
      }
      // read(-1): read(limit) until an empty block.
      for (; ; ) {
        if (!resumed) {
          if (r.exception != null) {
            throw r.exception;
          }
          if (r.buffer.size() == 0 && !r.eof) {
            if (waitForData("read")) {
              return $SUSPEND;
            }
          }
        }
        resumed = false;
        byte[] block = r.take(Math.min(r.limit, r.buffer.size()));
        if (block.length == 0) {
          return blocks == null ? NOTHING : blocks.toByteArray();
        }
        if (blocks == null) {
          blocks = new ByteArrayOutputStream(block.length);
        }
        blocks.write(block, 0, block.length);
      }
    }

    @Override
    protected StackTraceElement $where() {
      return where("read");
    }
  }

  private static final class ReadExactly extends WaitingRead {
    private final int n;

    ReadExactly(StreamReader reader, int n) {
      super(reader);
      this.n = n;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      boolean resumed = $label == 1;
      afterWait($err);
      StreamReader r = reader;
      if (!resumed) {
        if (n < 0) {
          throw new IllegalArgumentException("readexactly size can not be less than zero");
        }
        if (r.exception != null) {
          throw r.exception;
        }
        if (n == 0) {
          return NOTHING;
        }
      }
      while (r.buffer.size() < n) {
        if (r.eof) {
          byte[] incomplete = r.buffer.take(r.buffer.size());
          throw new IncompleteReadError(incomplete, n);
        }
        if (waitForData("readexactly")) {
          return $SUSPEND;
        }
      }
      return r.take(n);
    }

    @Override
    protected StackTraceElement $where() {
      return where("readexactly");
    }
  }

  /** {@code readuntil(separator)}, and {@code readline()} when {@code line} is set. */
  private static final class ReadUntil extends WaitingRead {
    private final byte[] separator;
    private final boolean line;
    /** Where the next search starts: bytes already searched need not be searched again. */
    private final int[] offset = new int[1];

    ReadUntil(StreamReader reader, byte[] separator, boolean line) {
      super(reader);
      this.separator = separator;
      this.line = line;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      boolean resumed = $label == 1;
      afterWait($err);
      StreamReader r = reader;
      if (!resumed) {
        if (separator.length == 0) {
          throw new IllegalArgumentException("Separator should be at least one-byte string");
        }
        if (r.exception != null) {
          throw r.exception;
        }
      }
      for (; ; ) {
        int end;
        try {
          end = r.findSeparator(separator, offset);
        } catch (IncompleteReadError e) {
          if (line) {
            return e.partial();
          }
          throw e;
        } catch (LimitOverrunError e) {
          if (line) {
            throw r.dropLine(e);
          }
          throw e;
        }
        if (end >= 0) {
          return r.take(end);
        }
        if (waitForData("readuntil")) {
          return $SUSPEND;
        }
      }
    }

    @Override
    protected StackTraceElement $where() {
      return where(line ? "readline" : "readuntil");
    }
  }
}
