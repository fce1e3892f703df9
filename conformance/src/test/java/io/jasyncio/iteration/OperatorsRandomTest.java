package io.jasyncio.iteration;

import static io.jasyncio.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.AsyncIterable;
import io.jasyncio.Coro;
import io.jasyncio.OrderedTest;
import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random pipelines of operators over generators whose elements take random (virtual) time,
 * compared with the same pipeline computed on plain lists: same elements in the same order
 * ({@code merge}: the same elements), and every generator that started finished by the time the
 * pipeline's result is back, also when an operator stopped it early: none is left suspended.
 * (Its cleanup may have been cut short: {@code buffer} and {@code merge} stop their readers by
 * cancellation, and a cancellation that lands in a {@code finally} block's await ends it there,
 * as in asyncio and Kotlin.)
 */
@Timeout(30)
abstract class OperatorsRandomTest extends OrderedTest {
  static final int PIPELINES = Integer.getInteger("jasyncio.operators.count", 300);

  /** The items, each after a random delay; records that its finally block ran. */
  @Async
  AsyncGenerator<Integer> source(
      List<Integer> items, long seed, List<String> started, List<String> closed, String name) {
    Random delays = new Random(seed);
    started.add(name); // a generator never started has nothing to close
    try {
      for (Integer item : items) {
        await(sleep(delays.nextInt(3) * 0.01));
        await(emit(item));
      }
    } finally {
      await(sleep(0));
      closed.add(name);
    }
    return stopIteration();
  }

  @Async
  Coro<Integer> plusOneLater(Integer x) {
    await(sleep(0.005));
    return done(x + 1);
  }

  /** One pipeline: its async result and what plain lists give; and the sources left open. */
  @Async
  Coro<String> pipeline(long seed) {
    Random random = new Random(seed);
    List<String> opened = new ArrayList<>();
    List<String> started = new ArrayList<>();
    List<String> closed = new ArrayList<>();
    java.util.Map<String, AsyncGenerator<Integer>> made = new java.util.HashMap<>();
    List<Integer> items = randomItems(random);
    opened.add("s0");
    AsyncGenerator<Integer> first = source(items, random.nextLong(), started, closed, "s0");
    made.put("s0", first);
    AsyncIterable<Integer> async = first;
    List<Integer> plain = new ArrayList<>(items);
    boolean unordered = false;
    StringBuilder steps = new StringBuilder();
    int count = 1 + random.nextInt(4);
    for (int k = 0; k < count; k++) {
      int op = random.nextInt(9);
      if (unordered && (op == 2 || op == 3 || op == 6)) {
        op = 0; // after a merge the order is the sources' timing: lists cannot say what comes first
      }
      switch (op) {
        case 0 -> {
          steps.append("map ");
          async = AsyncIterables.map(async, x -> x * 3 + 1);
          plain = apply(plain, x -> x * 3 + 1);
        }
        case 1 -> {
          steps.append("filter ");
          async = AsyncIterables.filter(async, x -> x % 2 == 0);
          plain.removeIf(x -> x % 2 != 0);
        }
        case 2 -> {
          int n = random.nextInt(5);
          steps.append("take(").append(n).append(") ");
          async = AsyncIterables.take(async, n);
          plain = new ArrayList<>(plain.subList(0, Math.min(n, plain.size())));
        }
        case 3 -> {
          int limit = random.nextInt(40);
          steps.append("takeWhile(<").append(limit).append(") ");
          async = AsyncIterables.takeWhile(async, x -> x < limit);
          List<Integer> kept = new ArrayList<>();
          for (Integer x : plain) {
            if (x >= limit) {
              break;
            }
            kept.add(x);
          }
          plain = kept;
        }
        case 4 -> {
          steps.append("mapAwait ");
          async = AsyncIterables.mapAwait(async, this::plusOneLater);
          plain = apply(plain, x -> x + 1);
        }
        case 5 -> {
          int size = 1 + random.nextInt(3);
          steps.append("buffer(").append(size).append(") ");
          async = AsyncIterables.buffer(async, size);
        }
        case 6 -> {
          String name = "s" + opened.size();
          opened.add(name);
          List<Integer> others = randomItems(random);
          steps.append("zip ");
          AsyncGenerator<Integer> other = source(others, random.nextLong(), started, closed, name);
          made.put(name, other);
          async = AsyncIterables.zip(async, other, Integer::sum);
          List<Integer> zipped = new ArrayList<>();
          for (int i = 0; i < Math.min(plain.size(), others.size()); i++) {
            zipped.add(plain.get(i) + others.get(i));
          }
          plain = zipped;
        }
        case 7 -> {
          String name = "s" + opened.size();
          opened.add(name);
          List<Integer> others = randomItems(random);
          steps.append("merge ");
          AsyncGenerator<Integer> other = source(others, random.nextLong(), started, closed, name);
          made.put(name, other);
          async = AsyncIterables.merge(async, other);
          plain.addAll(others);
          unordered = true;
        }
        default -> {
          int size = 1 + random.nextInt(3);
          steps.append("chunked(").append(size).append(")+flatten ");
          AsyncIterable<List<Integer>> chunks = AsyncIterables.chunked(async, size);
          async = flatten(chunks);
        }
      }
    }
    List<Integer> got = await(AsyncIterables.toList(async));
    if (unordered) {
      Collections.sort(got);
      Collections.sort(plain);
    }
    List<String> open = new ArrayList<>();
    for (String name : started) {
      if (!made.get(name).isClosed()) {
        open.add(name);
      }
    }
    List<String> cut = new ArrayList<>(started);
    cut.removeAll(closed);
    String outcome = got.equals(plain) && open.isEmpty() ? "same" : "got " + got + " open " + open;
    return done(outcome + " | " + steps + "| plain " + plain + " | cleanup cut short " + cut);
  }

  @Async
  AsyncGenerator<Integer> flatten(AsyncIterable<List<Integer>> chunks) {
    for (List<Integer> chunk : awaitEach(chunks)) {
      for (Integer x : chunk) {
        await(emit(x));
      }
    }
    return stopIteration();
  }

  static List<Integer> randomItems(Random random) {
    List<Integer> items = new ArrayList<>();
    int n = random.nextInt(8);
    for (int i = 0; i < n; i++) {
      items.add(random.nextInt(50));
    }
    return items;
  }

  static List<Integer> apply(List<Integer> items, UnaryOperator<Integer> f) {
    List<Integer> out = new ArrayList<>();
    for (Integer x : items) {
      out.add(f.apply(x));
    }
    return out;
  }

  @Test
  void aBufferClosedWhileItsReaderClosesAnotherBufferLetsTheGeneratorFinishItsCleanup() {
    // Pipeline 248: buffer(3) takeWhile(<30) buffer(1) zip. The zip closes the outer buffer,
    // whose reader is then waiting for the inner buffer's close; cancelling that wait used to
    // cancel the inner reader a second time, in the middle of its generator's finally block.
    String outcome = runWithVirtualTime(pipeline(248));
    assertEquals("cleanup cut short []", outcome.substring(outcome.lastIndexOf("| ") + 2), outcome);
  }

  @Test
  void randomPipelinesGiveWhatListsGiveAndCloseEverySource() {
    long base = Long.getLong("jasyncio.operators.seed", 20261203L);
    for (int i = 0; i < PIPELINES; i++) {
      String outcome = runWithVirtualTime(pipeline(base + i));
      assertEquals("same", outcome.substring(0, outcome.indexOf(" |")), "pipeline " + (base + i) + ": " + outcome);
    }
  }
}
