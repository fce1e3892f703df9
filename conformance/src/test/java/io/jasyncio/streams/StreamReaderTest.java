package io.jasyncio.streams;

import static io.jasyncio.AsyncIO.*;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Coro;
import io.jasyncio.OrderedTest;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.io.IOException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** asyncio.StreamReader fed by hand (CPython's test_streams, the parts without sockets). */
@Timeout(10)
abstract class StreamReaderTest extends OrderedTest {

  static byte[] b(String text) {
    return text.getBytes(US_ASCII);
  }

  static String s(byte[] data) {
    return new String(data, US_ASCII);
  }

  @Async
  Coro<String> readline(StreamReader reader) throws IOException {
    return done(s(await(reader.readline())));
  }

  @Async
  Coro<String> read(StreamReader reader, int n) throws IOException {
    return done(s(await(reader.read(n))));
  }

  @Async
  Coro<String> readexactly(StreamReader reader, int n) throws IOException {
    return done(s(await(reader.readexactly(n))));
  }

  @Async
  Coro<String> readuntil(StreamReader reader, String separator) throws IOException {
    return done(s(await(reader.readuntil(b(separator)))));
  }

  @Test
  void readReturnsWhatIsBufferedUpToN() throws Exception {
    StreamReader reader = new StreamReader();
    reader.feedData(b("line1\nline2\n"));
    assertEquals("line1", runWithVirtualTime(read(reader, 5)));
    assertEquals("\nline2\n", runWithVirtualTime(read(reader, 100)));
  }

  @Test
  void readWaitsForData() throws Exception {
    runWithVirtualTime(readWaits());
  }

  @Async
  Coro<Void> readWaits() throws IOException {
    StreamReader reader = new StreamReader();
    Task<String> task = createTask(read(reader, 30));
    await(sleep(0));
    assertFalse(task.isDone());
    reader.feedData(b("chunk"));
    assertEquals("chunk", await(task));
    return done();
  }

  @Test
  void readZeroReturnsNothingAtOnce() throws Exception {
    StreamReader reader = new StreamReader();
    assertEquals("", runWithVirtualTime(read(reader, 0)));
  }

  @Test
  void readAllReadsUntilEof() throws Exception {
    runWithVirtualTime(readAll());
  }

  @Async
  Coro<Void> readAll() throws IOException {
    StreamReader reader = new StreamReader(3); // read(-1) reads limit-sized blocks
    Task<String> task = createTask(read(reader, -1));
    await(sleep(0));
    reader.feedData(b("chunk1\n"));
    await(sleep(0));
    reader.feedData(b("chunk2"));
    reader.feedEof();
    assertEquals("chunk1\nchunk2", await(task));
    assertTrue(reader.atEof());
    return done();
  }

  @Test
  void readAtEofReturnsNothing() throws Exception {
    StreamReader reader = new StreamReader();
    reader.feedData(b("x"));
    reader.feedEof();
    assertFalse(reader.atEof());
    assertEquals("x", runWithVirtualTime(read(reader, 10)));
    assertTrue(reader.atEof());
    assertEquals("", runWithVirtualTime(read(reader, 10)));
  }

  @Test
  void readRaisesTheExceptionEvenWithDataBuffered() throws Exception {
    StreamReader reader = new StreamReader();
    reader.feedData(b("data"));
    SocketException broken = new SocketException("Connection reset");
    reader.setException(broken);
    assertSame(broken, assertThrows(SocketException.class, () -> runWithVirtualTime(read(reader, 2))));
    assertSame(broken, assertThrows(SocketException.class, () -> runWithVirtualTime(readline(reader))));
    assertSame(broken, reader.exception());
  }

  @Test
  void setExceptionWakesAWaitingRead() throws Exception {
    runWithVirtualTime(exceptionWakesReader());
  }

  @Async
  Coro<Void> exceptionWakesReader() throws IOException {
    StreamReader reader = new StreamReader();
    Task<String> task = createTask(readline(reader));
    await(sleep(0));
    reader.setException(new SocketException("Connection reset"));
    String message = null;
    try {
      await(task);
    } catch (Exception e) { // a task's await declares nothing: catch broadly, then check
      assertTrue(e instanceof SocketException, e.toString());
      message = e.getMessage();
    }
    assertEquals("Connection reset", message);
    return done();
  }

  @Test
  void readlineReturnsALineWithItsNewline() throws Exception {
    StreamReader reader = new StreamReader();
    reader.feedData(b("line1\nline2\n"));
    assertEquals("line1\n", runWithVirtualTime(readline(reader)));
    assertEquals("line2\n", runWithVirtualTime(readline(reader)));
  }

  @Test
  void readlineWaitsForTheRestOfTheLine() throws Exception {
    runWithVirtualTime(readlineWaits());
  }

  @Async
  Coro<Void> readlineWaits() throws IOException {
    StreamReader reader = new StreamReader();
    reader.feedData(b("chunk1 "));
    Task<String> task = createTask(readline(reader));
    await(sleep(0));
    reader.feedData(b("chunk2 "));
    await(sleep(0));
    assertFalse(task.isDone());
    reader.feedData(b("chunk3\nleft"));
    assertEquals("chunk1 chunk2 chunk3\n", await(task));
    assertEquals("left", await(read(reader, 100)));
    return done();
  }

  @Test
  void readlineAtEofReturnsThePartialLineThenNothing() throws Exception {
    StreamReader reader = new StreamReader();
    reader.feedData(b("some data"));
    reader.feedEof();
    assertEquals("some data", runWithVirtualTime(readline(reader)));
    assertEquals("", runWithVirtualTime(readline(reader)));
  }

  @Test
  void readlineDropsALineLongerThanTheLimitAndKeepsWhatFollows() throws Exception {
    StreamReader reader = new StreamReader(3);
    reader.feedData(b("li"));
    reader.feedData(b("ne1\nline2\n"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> runWithVirtualTime(readline(reader)));
    assertEquals("Separator is found, but chunk is longer than limit", e.getMessage());
    assertEquals("line2\n", runWithVirtualTime(read(reader, 100)));
  }

  @Test
  void readlineWithoutANewlineBeyondTheLimitDropsTheWholeBuffer() throws Exception {
    StreamReader reader = new StreamReader(3);
    reader.feedData(b("li"));
    reader.feedData(b("ne1"));
    reader.feedData(b("li"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> runWithVirtualTime(readline(reader)));
    assertEquals("Separator is not found, and chunk exceed the limit", e.getMessage());
    reader.feedEof();
    assertEquals("", runWithVirtualTime(read(reader, 100)));
  }

  @Test
  void readlineMayReturnALineOfExactlyTheLimitPlusItsNewline() throws Exception {
    StreamReader reader = new StreamReader(7);
    reader.feedData(b("1234567\n"));
    assertEquals("1234567\n", runWithVirtualTime(readline(reader)));
  }

  @Test
  void readuntilFindsAMultiByteSeparatorAcrossFeeds() throws Exception {
    runWithVirtualTime(readuntilAcrossFeeds());
  }

  @Async
  Coro<Void> readuntilAcrossFeeds() throws IOException {
    StreamReader reader = new StreamReader();
    Task<String> task = createTask(readuntil(reader, "!!"));
    await(sleep(0));
    reader.feedData(b("lineAAA!"));
    await(sleep(0));
    assertFalse(task.isDone());
    reader.feedData(b("!rest"));
    assertEquals("lineAAA!!", await(task));
    return done();
  }

  @Test
  void readuntilBeyondTheLimitRaisesLimitOverrunAndKeepsTheData() throws Exception {
    StreamReader reader = new StreamReader(3);
    reader.feedData(b("some dataAA"));
    LimitOverrunError notFound =
        assertThrows(LimitOverrunError.class, () -> runWithVirtualTime(readuntil(reader, "AAA")));
    assertEquals("Separator is not found, and chunk exceed the limit", notFound.getMessage());
    assertEquals(9, notFound.consumed());
    reader.feedData(b("A"));
    LimitOverrunError found =
        assertThrows(LimitOverrunError.class, () -> runWithVirtualTime(readuntil(reader, "AAA")));
    assertEquals("Separator is found, but chunk is longer than limit", found.getMessage());
    assertEquals(9, found.consumed());
    assertEquals("some dataAAA", runWithVirtualTime(read(reader, 100)));
  }

  @Test
  void readuntilAtEofRaisesIncompleteReadWithEverythingBuffered() throws Exception {
    StreamReader reader = new StreamReader();
    reader.feedData(b("some data"));
    reader.feedEof();
    IncompleteReadError e =
        assertThrows(IncompleteReadError.class, () -> runWithVirtualTime(readuntil(reader, "\n")));
    assertEquals("some data", s(e.partial()));
    assertNull(e.expected());
    assertEquals("9 bytes read on a total of undefined expected bytes", e.getMessage());
    assertTrue(reader.atEof());
  }

  @Test
  void readuntilWithAnEmptySeparatorIsRefused() throws Exception {
    StreamReader reader = new StreamReader();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> runWithVirtualTime(readuntil(reader, "")));
    assertEquals("Separator should be at least one-byte string", e.getMessage());
  }

  @Test
  void readexactlyWaitsUntilItHasEveryByte() throws Exception {
    runWithVirtualTime(readexactlyWaits());
  }

  @Async
  Coro<Void> readexactlyWaits() throws IOException {
    StreamReader reader = new StreamReader();
    Task<String> task = createTask(readexactly(reader, 10));
    await(sleep(0));
    reader.feedData(b("chunk"));
    await(sleep(0));
    assertFalse(task.isDone());
    reader.feedData(b("chunk"));
    reader.feedData(b("more"));
    assertEquals("chunkchunk", await(task));
    assertEquals("more", await(read(reader, 100)));
    return done();
  }

  @Test
  void readexactlyAtEofRaisesIncompleteReadWithThePartialData() throws Exception {
    StreamReader reader = new StreamReader();
    reader.feedData(b("abc"));
    reader.feedEof();
    IncompleteReadError e =
        assertThrows(IncompleteReadError.class, () -> runWithVirtualTime(readexactly(reader, 5)));
    assertEquals("abc", s(e.partial()));
    assertEquals(5, e.expected());
    assertEquals("3 bytes read on a total of 5 expected bytes", e.getMessage());
    assertTrue(e instanceof java.io.EOFException);
  }

  @Test
  void readexactlyOfZeroReturnsNothingAndOfANegativeSizeIsRefused() throws Exception {
    StreamReader reader = new StreamReader();
    assertEquals("", runWithVirtualTime(readexactly(reader, 0)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> runWithVirtualTime(readexactly(reader, -1)));
    assertEquals("readexactly size can not be less than zero", e.getMessage());
  }

  @Test
  void readAndReadexactlyIgnoreTheLimit() throws Exception {
    StreamReader reader = new StreamReader(2);
    reader.feedData(b("0123456789"));
    assertEquals("01234", runWithVirtualTime(readexactly(reader, 5)));
    assertEquals("56789", runWithVirtualTime(read(reader, 100)));
  }

  @Test
  void onlyOneCoroutineMayWaitForData() throws Exception {
    runWithVirtualTime(twoReaders());
  }

  @Async
  Coro<Void> twoReaders() throws IOException {
    StreamReader reader = new StreamReader();
    Task<String> first = createTask(readline(reader));
    await(sleep(0));
    String message = null;
    try {
      await(second(reader));
    } catch (IllegalStateException e) {
      message = e.getMessage();
    }
    assertEquals(
        "readuntil() called while another coroutine is already waiting for incoming data", message);
    reader.feedData(b("line\n"));
    assertEquals("line\n", await(first));
    return done();
  }

  @Async
  Coro<String> second(StreamReader reader) throws IOException {
    return done(s(await(reader.readuntil(b("\n")))));
  }

  @Test
  void aCancelledReadTakesNothingAndAnotherReadMayWait() throws Exception {
    runWithVirtualTime(cancelledRead());
  }

  @Async
  Coro<Void> cancelledRead() throws IOException {
    StreamReader reader = new StreamReader();
    reader.feedData(b("part"));
    Task<String> first = createTask(readexactly(reader, 10));
    await(sleep(0));
    first.cancel();
    await(sleep(0));
    assertTrue(first.isCancelled());
    Task<String> second = createTask(readexactly(reader, 6));
    await(sleep(0));
    reader.feedData(b("ial"));
    assertEquals("partia", await(second));
    return done();
  }

  @Test
  void feedDataAfterFeedEofIsRefused() throws Exception {
    StreamReader reader = new StreamReader();
    reader.feedEof();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> reader.feedData(b("x")));
    assertEquals("feed_data after feed_eof", e.getMessage());
  }

  @Test
  void aLimitOfZeroOrLessIsRefused() throws Exception {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StreamReader(0));
    assertEquals("Limit cannot be <= 0", e.getMessage());
  }

  @Test
  void itsStringShowsBufferedBytesEofAndLimit() throws Exception {
    StreamReader reader = new StreamReader(10);
    reader.feedData(b("abc"));
    reader.feedEof();
    assertEquals("<StreamReader 3 bytes eof limit=10>", reader.toString());
  }
}
