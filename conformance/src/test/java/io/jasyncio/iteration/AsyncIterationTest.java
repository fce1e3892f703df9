package io.jasyncio.iteration;

import static io.jasyncio.AsyncIO.*;
import static io.jasyncio.iteration.AsyncIterables.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.AsyncIterable;
import io.jasyncio.Coro;
import io.jasyncio.Future;
import io.jasyncio.OrderedTest;
import io.jasyncio.Task;
import io.jasyncio.TimeoutError;
import io.jasyncio.annotations.Async;
import io.jasyncio.queues.Queue;
import io.jasyncio.streams.StreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sources of async iteration (queues, streams, asCompleted) and the operators over them. */
@Timeout(10)
abstract class AsyncIterationTest extends OrderedTest {
  final List<String> log = new ArrayList<>();

  /** 0..n-1, a sleep(0) before each; logs its end and its close. */
  @Async
  AsyncGenerator<Integer> numbers(int n) {
    try {
      for (int i = 0; i < n; i++) {
        await(sleep(0));
        await(emit(i));
      }
      log.add("numbers ended");
    } finally {
      await(sleep(0));
      log.add("numbers closed");
    }
    return stopIteration();
  }

  @Async
  <T> Coro<List<T>> all(AsyncIterable<T> source) {
    List<T> out = new ArrayList<>();
    for (T x : awaitEach(source)) {
      out.add(x);
    }
    return done(out);
  }

  // ---------------------------------------------------------------------------------------------
  // Sources

  @Test
  void aQueueIsIteratedUntilItIsShutDownAndEmpty() {
    assertEquals(List.of(1, 2, 3), runWithVirtualTime(queueItems()));
  }

  @Async
  Coro<List<Integer>> queueItems() {
    Queue<Integer> q = new Queue<>(1);
    Task<Void> producer = createTask(produce(q));
    List<Integer> got = await(all(q.items()));
    await(producer);
    return done(got);
  }

  @Async
  Coro<Void> produce(Queue<Integer> q) {
    for (int i = 1; i <= 3; i++) {
      await(q.put(i));
    }
    q.shutdown();
    return done();
  }

  @Test
  void anextOfAnyIteratorGivesElementsThenStopAsyncIteration() {
    assertEquals("7 8 stop", runWithVirtualTime(anextOfQueue()));
  }

  @Async
  Coro<String> anextOfQueue() {
    Queue<Integer> q = new Queue<>();
    q.putNowait(7);
    q.putNowait(8);
    q.shutdown();
    io.jasyncio.AsyncIterator<Integer> items = q.items().aiter();
    String out = await(items.anext()) + " " + await(items.anext());
    try {
      await(items.anext());
    } catch (io.jasyncio.StopAsyncIteration e) {
      out += " stop";
    }
    return done(out);
  }

  @Test
  void aStreamReaderIsIteratedByLinesAndChunks() {
    assertEquals("[a\n, b\r\n, c] [a, b, c] [a\n, b\r, \nc]", runWithVirtualTime(readerLines()));
  }

  @Async
  Coro<String> readerLines() {
    List<String> raw = new ArrayList<>();
    for (byte[] line : awaitEach(reader().lines())) {
      raw.add(new String(line, StandardCharsets.UTF_8));
    }
    List<String> text = await(all(reader().lines(StandardCharsets.UTF_8)));
    List<String> chunks = new ArrayList<>();
    for (byte[] chunk : awaitEach(reader().chunks(2))) {
      chunks.add(new String(chunk, StandardCharsets.UTF_8));
    }
    return done(raw + " " + text + " " + chunks);
  }

  static StreamReader reader() {
    StreamReader reader = new StreamReader();
    reader.feedData("a\nb\r\nc".getBytes(StandardCharsets.UTF_8));
    reader.feedEof();
    return reader;
  }

  @Test
  void asCompletedIteratesTheInputsAsTheyFinish() {
    assertEquals(List.of("fast", "middle", "slow"), runWithVirtualTime(completions()));
  }

  @Async
  Coro<List<String>> completions() {
    List<String> order = new ArrayList<>();
    for (Future<String> f : awaitEach(asCompleted(List.of(sleep(3, "slow"), sleep(1, "fast"), sleep(2, "middle"))))) {
      order.add(f.result());
    }
    return done(order);
  }

  // ---------------------------------------------------------------------------------------------
  // Operators

  @Test
  void mapFilterAndChunkedComposeLazily() {
    assertEquals("[[0, 20], [40, 60], [80]] [numbers ended, numbers closed]", runWithVirtualTime(composed()));
  }

  @Async
  Coro<String> composed() {
    List<List<Integer>> out = await(toList(chunked(map(filter(numbers(10), x -> x % 2 == 0), x -> x * 10), 2)));
    return done(out + " " + log);
  }

  @Test
  void takeClosesItsSourceBeforeTheEnd() {
    assertEquals("[0, 1, 2] [numbers closed, after]", runWithVirtualTime(taking()));
  }

  @Async
  Coro<String> taking() {
    List<Integer> out = new ArrayList<>();
    for (int x : awaitEach(take(numbers(100), 3))) {
      out.add(x);
    }
    log.add("after");
    return done(out + " " + log);
  }

  @Test
  void takeWhileStopsAtTheFirstRefusalAndClosesItsSource() {
    assertEquals("[0, 1, 2] [numbers closed]", runWithVirtualTime(takingWhile()));
  }

  @Async
  Coro<String> takingWhile() {
    List<Integer> out = await(toList(takeWhile(numbers(100), x -> x < 3)));
    return done(out + " " + log);
  }

  @Test
  void breakingOutOfALoopOverAnOperatorClosesTheGeneratorUnderIt() {
    assertEquals("0 [numbers closed]", runWithVirtualTime(breakOut()));
  }

  @Async
  Coro<String> breakOut() {
    int first = -1;
    for (int x : awaitEach(map(numbers(100), x -> x))) {
      first = x;
      break;
    }
    return done(first + " " + log);
  }

  @Test
  void zipPairsUntilTheShorterEndsAndClosesTheOther() {
    assertEquals("[a0, b1] [numbers closed]", runWithVirtualTime(zipping()));
  }

  @Async
  Coro<String> zipping() {
    List<String> out = await(toList(zip(of("a", "b"), numbers(100), (s, n) -> s + n)));
    return done(out + " " + log);
  }

  @Test
  void mapAwaitRunsAnAsyncFunctionPerElementInOrder() {
    assertEquals(List.of("0!", "1!", "2!"), runWithVirtualTime(toList(mapAwait(numbers(3), this::shout))));
  }

  @Async
  Coro<String> shout(Integer x) {
    await(sleep(1));
    return done(x + "!");
  }

  @Test
  void bufferReadsAheadWhileTheConsumerWorks() {
    // The consumer takes 1 s per element, the source 1 s per element: read ahead, 5 elements
    // take about 6 s of virtual time instead of 10.
    assertEquals("[0, 1, 2, 3, 4] 6.0", runWithVirtualTime(buffering()));
  }

  @Async
  AsyncGenerator<Integer> slowNumbers(int n) {
    for (int i = 0; i < n; i++) {
      await(sleep(1));
      await(emit(i));
    }
    return stopIteration();
  }

  @Async
  Coro<String> buffering() {
    double start = getRunningLoop().time();
    List<Integer> out = new ArrayList<>();
    for (int x : awaitEach(buffer(slowNumbers(5), 2))) {
      await(sleep(1));
      out.add(x);
    }
    return done(out + " " + (getRunningLoop().time() - start));
  }

  @Test
  void mergeInterleavesSourcesAsTheyProduce() {
    assertEquals(List.of("a0", "b0", "a1", "b1"), runWithVirtualTime(merging()));
  }

  @Async
  AsyncGenerator<String> ticks(String name, double first, int n) {
    await(sleep(first));
    for (int i = 0; i < n; i++) {
      await(emit(name + i));
      await(sleep(1));
    }
    return stopIteration();
  }

  @Async
  Coro<List<String>> merging() {
    return done(await(toList(merge(ticks("a", 0.1, 2), ticks("b", 0.5, 2)))));
  }

  @Test
  void mergeDeliversTheFirstFailureAndClosesTheOtherSources() {
    assertEquals("boom [numbers closed]", runWithVirtualTime(mergeFailing()));
  }

  @Async
  AsyncGenerator<Integer> failsSoon() {
    await(sleep(0));
    await(sleep(0));
    throw new IllegalStateException("boom");
  }

  @Async
  Coro<String> mergeFailing() {
    try {
      await(toList(merge(numbers(1_000_000), failsSoon())));
    } catch (IllegalStateException e) {
      return done(e.getMessage() + " " + log);
    }
    return done("no failure");
  }

  @Test
  void timeoutFailsAnElementThatTakesTooLong() {
    assertEquals("[0] timed out", runWithVirtualTime(timingOut()));
  }

  @Async
  AsyncGenerator<Integer> stalls() {
    await(emit(0));
    await(sleep(60));
    await(emit(1));
    return stopIteration();
  }

  @Async
  Coro<String> timingOut() {
    List<Integer> out = new ArrayList<>();
    try {
      for (int x : awaitEach(timeout(stalls(), 1.0))) {
        out.add(x);
      }
    } catch (TimeoutError e) {
      return done(out + " timed out");
    }
    return done(out + " no timeout");
  }

  @Test
  void operatorsRefuseMeaninglessArguments() {
    assertThrows(IllegalArgumentException.class, () -> take(of(1), -1));
    assertThrows(IllegalArgumentException.class, () -> chunked(of(1), 0));
    assertThrows(IllegalArgumentException.class, () -> buffer(of(1), 0));
  }

  @Test
  void anEmptyMergeEndsAtOnce() {
    assertTrue(runWithVirtualTime(toList(merge())).isEmpty());
  }
}
