package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The loop's selector: asyncio's add_reader / add_writer and the polling of _run_once. */
@Timeout(10)
class ChannelSelectorTest extends OrderedTest {
  private EventLoop loop;
  private Pipe pipe;

  @BeforeEach
  void openPipe() throws IOException {
    loop = new EventLoop();
    pipe = Pipe.open();
    pipe.source().configureBlocking(false);
    pipe.sink().configureBlocking(false);
  }

  @AfterEach
  void closeAll() throws IOException {
    loop.close();
    pipe.source().close();
    pipe.sink().close();
  }

  private void send(String text) throws IOException {
    pipe.sink().write(ByteBuffer.wrap(text.getBytes()));
  }

  private String receive() {
    ByteBuffer buffer = ByteBuffer.allocate(100);
    try {
      int n = pipe.source().read(buffer);
      return new String(buffer.array(), 0, Math.max(n, 0));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aLoopThatWatchesNoChannelOpensNoSelector() {
    loop.runUntilComplete(Coros.call(() -> "x"));
    loop.callLater(0.001, () -> {});
    loop.runUntilComplete(Coros.awaiting(AsyncIO.sleep(0.01)));
    assertNull(loop.channelSelector().selectorForTest());
  }

  @Test
  void aReaderRunsWhenItsChannelHasData() throws IOException {
    Future<String> got = loop.createFuture();
    loop.addReader(pipe.source(), () -> got.setResult(receive()));
    send("ping");
    assertEquals("ping", loop.runUntilComplete(got));
    assertNotNull(loop.channelSelector().selectorForTest());
  }

  @Test
  void aReaderRunsOncePerIterationWhileTheChannelStaysReady() throws IOException {
    List<Integer> seen = new ArrayList<>();
    int[] iteration = {0};
    loop.addReader(pipe.source(), () -> seen.add(iteration[0]));
    send("x"); // never read: the channel stays readable
    for (int i = 0; i < 3; i++) {
      iteration[0] = i;
      loop.stop();
      loop.runForever();
    }
    assertEquals(List.of(0, 1, 2), seen);
  }

  @Test
  void removeReaderStopsTheCallbackAndSaysWhetherItWasWatched() throws IOException {
    int[] calls = {0};
    loop.addReader(pipe.source(), () -> calls[0]++);
    send("x");
    loop.stop();
    loop.runForever();
    assertTrue(loop.removeReader(pipe.source()));
    assertFalse(loop.removeReader(pipe.source()));
    loop.stop();
    loop.runForever();
    assertEquals(1, calls[0]);
    assertFalse(loop.channelSelector().inUse());
  }

  @Test
  void aReaderRemovedBeforeItRunsInTheSameIterationDoesNotRun() throws IOException {
    Pipe other = Pipe.open();
    other.source().configureBlocking(false);
    List<String> log = new ArrayList<>();
    try {
      // Both become ready in one poll; the first callback removes the second.
      loop.addReader(
          pipe.source(),
          () -> {
            log.add("first");
            loop.removeReader(other.source());
            loop.removeReader(pipe.source());
          });
      loop.addReader(other.source(), () -> log.add("second"));
      send("x");
      other.sink().write(ByteBuffer.wrap(new byte[] {1}));
      loop.stop();
      loop.runForever();
      // Either order of readiness is possible; "second" never runs after its removal.
      assertTrue(log.equals(List.of("first")) || log.equals(List.of("second", "first")), log.toString());
    } finally {
      other.source().close();
      other.sink().close();
    }
  }

  @Test
  void addingAReaderAgainReplacesTheFirst() throws IOException {
    List<String> log = new ArrayList<>();
    loop.addReader(pipe.source(), () -> log.add("old"));
    loop.addReader(pipe.source(), () -> log.add("new"));
    send("x");
    loop.stop();
    loop.runForever();
    assertEquals(List.of("new"), log);
  }

  @Test
  void aWriterRunsWhenTheChannelCanBeWritten() {
    Future<String> writable = loop.createFuture();
    loop.addWriter(pipe.sink(), () -> {
      loop.removeWriter(pipe.sink());
      writable.setResult("writable");
    });
    assertEquals("writable", loop.runUntilComplete(writable));
  }

  @Test
  void aBlockingChannelIsRefusedWithAClearMessage() throws IOException {
    pipe.source().configureBlocking(true);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> loop.addReader(pipe.source(), () -> {}));
    assertTrue(e.getMessage().contains("configureBlocking(false)"), e.getMessage());
  }

  @Test
  void aClosedChannelIsRefused() throws IOException {
    pipe.source().close();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> loop.addReader(pipe.source(), () -> {}));
    assertTrue(e.getMessage().startsWith("channel is closed"), e.getMessage());
  }

  @Test
  void addReaderOnAClosedLoopFails() {
    loop.close();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> loop.addReader(pipe.source(), () -> {}));
    assertEquals("Event loop is closed", e.getMessage());
  }

  @Test
  void timersStillFireWhileTheLoopWaitsInTheSelector() {
    loop.addReader(pipe.source(), () -> {});
    double start = loop.time();
    Future<Double> fired = loop.createFuture();
    loop.callLater(0.05, () -> fired.setResult(loop.time()));
    double at = loop.runUntilComplete(fired);
    assertTrue(at - start >= 0.05, "fired after " + (at - start));
  }

  @Test
  void callSoonThreadsafeWakesALoopBlockedInTheSelector() throws Exception {
    loop.addReader(pipe.source(), () -> {});
    Future<String> result = loop.createFuture();
    CountDownLatch running = new CountDownLatch(1);
    loop.callSoon(running::countDown);
    Thread other =
        new Thread(
            () -> {
              try {
                running.await();
                Thread.sleep(50); // let the loop block in select()
              } catch (InterruptedException e) {
                return;
              }
              loop.callSoonThreadsafe(() -> result.setResult("woken"));
            });
    other.start();
    long start = System.nanoTime();
    assertEquals("woken", loop.runUntilComplete(result));
    assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 5);
    other.join();
  }

  @Test
  void anInterruptWakesALoopBlockedInTheSelector() {
    loop.addReader(pipe.source(), () -> {});
    Thread self = Thread.currentThread();
    loop.callSoon(() -> new Thread(() -> {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
      self.interrupt();
    }).start());
    Future<Void> never = loop.createFuture();
    assertThrows(CancelledError.class, () -> loop.runUntilComplete(never));
    assertTrue(Thread.interrupted());
  }

  @Test
  void earlyEmptyReturnsFromTheSelectorRebuildItWithItsRegistrations() throws Exception {
    Future<String> got = loop.createFuture();
    loop.addReader(pipe.source(), () -> got.setResult(receive()));
    Selector first = loop.channelSelector().selectorForTest();
    // Another thread makes select() return early with nothing selected, without going through
    // callSoonThreadsafe: from the loop's side this is exactly the JDK's epoll spin.
    Thread spinner =
        new Thread(
            () -> {
              while (loop.channelSelector().rebuilds() == 0) {
                first.wakeup();
                Thread.onSpinWait();
              }
              try {
                send("after rebuild");
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            });
    spinner.setDaemon(true);
    spinner.start();
    assertEquals("after rebuild", loop.runUntilComplete(got));
    spinner.join();
    assertEquals(1, loop.channelSelector().rebuilds());
    assertNotSame(first, loop.channelSelector().selectorForTest());
    assertFalse(first.isOpen());
  }

  @Test
  void closingTheLoopClosesItsSelector() {
    loop.addReader(pipe.source(), () -> {});
    Selector selector = loop.channelSelector().selectorForTest();
    loop.close();
    assertFalse(selector.isOpen());
  }
}
