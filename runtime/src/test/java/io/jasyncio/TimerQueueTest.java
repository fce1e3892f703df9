package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The timer heap against a sorted set, over random sequences of adds, cancellations and polls:
 * deadlines drawn from a few values so that ties (broken by scheduling order) are common.
 */
class TimerQueueTest {
  /** The order each timer was scheduled in, which breaks ties between equal deadlines. */
  private final java.util.Map<TimerHandle, Long> sequences = new java.util.IdentityHashMap<>();

  private final Comparator<TimerHandle> order =
      Comparator.comparingDouble(TimerHandle::when).thenComparingLong(sequences::get);

  @Test
  void pollsInDeadlineThenSchedulingOrderWhateverWasAddedAndRemoved() {
    for (long seed = 1; seed <= 200; seed++) {
      Random random = new Random(seed);
      TimerQueue queue = new TimerQueue();
      TreeSet<TimerHandle> expected = new TreeSet<>(order);
      List<TimerHandle> live = new ArrayList<>();
      long sequence = 0;
      int distinctDeadlines = 1 + random.nextInt(50);
      for (int step = 0; step < 2_000; step++) {
        int op = random.nextInt(10);
        if (op < 5) {
          double when = random.nextInt(distinctDeadlines) * 0.5;
          TimerHandle timer = new TimerHandle(null, () -> {}, null, when);
          sequences.put(timer, sequence);
          queue.add(timer, timer.when(), sequence++);
          expected.add(timer);
          live.add(timer);
        } else if (op < 7 && !live.isEmpty()) {
          TimerHandle timer = live.remove(random.nextInt(live.size()));
          int index = timer.heapIndex;
          queue.remove(timer, index);
          expected.remove(timer);
          assertEquals(-1, timer.heapIndex, "seed " + seed);
          queue.remove(timer, index); // again, with its old index: whoever sits there now stays
        } else if (!expected.isEmpty()) {
          TimerHandle first = (TimerHandle) queue.poll();
          assertSame(expected.pollFirst(), first, "seed " + seed + " step " + step);
          assertEquals(-1, first.heapIndex);
          live.remove(first);
        }
        assertEquals(expected.size(), queue.size(), "seed " + seed);
        if (!expected.isEmpty()) {
          assertSame(expected.first(), queue.peek(), "seed " + seed + " step " + step);
          assertEquals(expected.first().when(), queue.firstWhen());
        }
      }
      while (!expected.isEmpty()) {
        assertSame(expected.pollFirst(), queue.poll(), "seed " + seed + " draining");
      }
      assertNull(queue.peek());
    }
  }

  @Test
  void clearForgetsEveryTimerAndTheirPositions() {
    TimerQueue queue = new TimerQueue();
    List<TimerHandle> timers = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      TimerHandle timer = new TimerHandle(null, () -> {}, null, 40 - i);
      timers.add(timer);
      queue.add(timer, timer.when(), i);
    }
    queue.clear();
    assertEquals(0, queue.size());
    assertNull(queue.peek());
    for (TimerHandle timer : timers) {
      assertEquals(-1, timer.heapIndex);
    }
  }
}
