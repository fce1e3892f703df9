package io.jasyncio.queues;

import static io.jasyncio.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Coro;
import io.jasyncio.OrderedTest;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** asyncio.PriorityQueue and LifoQueue. */
@Timeout(10)
abstract class PriorityAndLifoQueueTest extends OrderedTest {

  @Test
  void aPriorityQueueHandsOutTheSmallestFirst() {
    PriorityQueue<Integer> q = new PriorityQueue<>();
    for (int i : new int[] {5, 1, 4, 2, 3}) {
      q.putNowait(i);
    }
    List<Integer> out = new ArrayList<>();
    while (!q.isEmpty()) {
      out.add(q.getNowait());
    }
    assertEquals(List.of(1, 2, 3, 4, 5), out);
  }

  @Test
  void aPriorityQueueKeepsItsItemsInHeapqOrder() {
    PriorityQueue<Integer> q = new PriorityQueue<>();
    for (int i : new int[] {5, 3, 8, 1, 9, 2}) {
      q.putNowait(i);
    }
    // heapq.heappush of 5, 3, 8, 1, 9, 2 leaves [1, 3, 2, 5, 9, 8]
    assertEquals("<PriorityQueue maxsize=0 _queue=[1, 3, 2, 5, 9, 8] tasks=6>", q.toString());
    q.getNowait();
    // heapq.heappop then leaves [2, 3, 8, 5, 9]
    assertEquals("<PriorityQueue maxsize=0 _queue=[2, 3, 8, 5, 9] tasks=6>", q.toString());
  }

  @Test
  void equalPrioritiesComeOutAsHeapqWouldHandThem() {
    PriorityQueue<int[]> q = new PriorityQueue<>(0, Comparator.comparingInt((int[] e) -> e[0]));
    int[][] items = {{1, 0}, {1, 1}, {0, 2}, {1, 3}, {1, 4}, {0, 5}, {1, 6}};
    for (int[] item : items) {
      q.putNowait(item);
    }
    List<Integer> order = new ArrayList<>();
    while (!q.isEmpty()) {
      order.add(q.getNowait()[1]);
    }
    // What heapq gives for the same pushes of (priority, id) items compared on priority only.
    assertEquals(List.of(2, 5, 0, 6, 4, 1, 3), order);
  }

  @Test
  void aWokenGetterTakesTheSmallestItemPresentWhenItRuns() {
    runWithVirtualTime(smallestWhenRunning());
  }

  @Async
  Coro<Void> smallestWhenRunning() {
    PriorityQueue<Integer> q = new PriorityQueue<>();
    Task<Integer> getter = createTask(q.get());
    await(sleep(0));
    q.putNowait(5); // wakes the getter
    q.putNowait(1); // smaller, arrives before the getter runs
    assertEquals(1, (int) await(getter));
    return done();
  }

  @Test
  void aLifoQueueIsAStack() {
    LifoQueue<String> q = new LifoQueue<>(3);
    q.putNowait("a");
    q.putNowait("b");
    q.putNowait("c");
    assertEquals("<LifoQueue maxsize=3 _queue=[a, b, c] tasks=3>", q.toString());
    assertEquals("c", q.getNowait());
    assertEquals("b", q.getNowait());
    assertEquals("a", q.getNowait());
  }
}
