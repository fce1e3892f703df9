package io.jasyncio;

import static io.jasyncio.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Several loops on threads of their own: work handed to them, and how they end. */
@Timeout(30)
abstract class EventLoopGroupTest {
  final List<String> log = Collections.synchronizedList(new ArrayList<>());

  @Async
  Coro<EventLoop> whereAmI() {
    await(sleep(0));
    return done(getRunningLoop());
  }

  @Async
  Coro<Void> sleepForAnHour(CountDownLatch started) {
    try {
      started.countDown();
      await(sleep(3600));
      log.add("woke");
    } finally {
      log.add("unwound on " + Thread.currentThread().getName());
    }
    return done();
  }

  @Async
  Coro<String> meet(CompletableFuture<String> mine, CompletableFuture<String> theirs, String me) {
    mine.complete(me);
    String other = await(theirs);
    return done(me + " met " + other);
  }

  @Test
  void submittedCoroutinesGoToTheLoopsInTurnAndRunOnTheirThreads() throws Exception {
    EventLoopGroupTest t = this;
    try (EventLoopGroup group = new EventLoopGroup(2, "grp-")) {
      List<EventLoop> ran = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        ran.add(group.submit(t::whereAmI).get(10, TimeUnit.SECONDS));
      }
      List<EventLoop> loops = group.loops();
      assertEquals(List.of(loops.get(0), loops.get(1), loops.get(0), loops.get(1)), ran);
      assertNotSame(loops.get(0), loops.get(1));
    }
  }

  @Test
  void coroutinesOnTwoLoopsWaitForEachOtherWithoutBlockingEitherLoop() throws Exception {
    EventLoopGroupTest t = this;
    try (EventLoopGroup group = new EventLoopGroup(2)) {
      CompletableFuture<String> a = new CompletableFuture<>();
      CompletableFuture<String> b = new CompletableFuture<>();
      CompletableFuture<String> first = group.submit(group.loops().get(0), () -> t.meet(a, b, "a"));
      CompletableFuture<String> second = group.submit(group.loops().get(1), () -> t.meet(b, a, "b"));
      assertEquals("a met b", first.get(10, TimeUnit.SECONDS));
      assertEquals("b met a", second.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void closeCancelsTheTasksLeftLetsThemUnwindAndEndsTheThreads() throws Exception {
    EventLoopGroupTest t = this;
    EventLoopGroup group = new EventLoopGroup(1, "closing-");
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Void> sleeping = group.submit(() -> t.sleepForAnHour(started));
    assertTrue(started.await(10, TimeUnit.SECONDS));
    group.close();
    assertTrue(sleeping.isCancelled());
    assertEquals(List.of("unwound on closing-0"), t.log);
    assertTrue(group.loops().get(0).isClosed());
    group.close(); // again: nothing
  }

  @Test
  void submittingToAClosedGroupIsRefused() {
    EventLoopGroupTest t = this;
    EventLoopGroup group = new EventLoopGroup(1);
    group.close();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> group.submit(t::whereAmI));
    assertEquals("EventLoopGroup is closed", e.getMessage());
  }

  @Test
  void theCoroutineIsMadeOnTheLoopsThreadNotTheCallers() throws Exception {
    try (EventLoopGroup group = new EventLoopGroup(1, "maker-")) {
      CompletableFuture<String> made =
          group.submit(() -> AsyncIO.sleep(0, Thread.currentThread().getName()));
      assertEquals("maker-0", made.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aSizeBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new EventLoopGroup(0));
  }

  @Test
  void aLoopOfAnotherGroupIsRefused() {
    EventLoopGroupTest t = this;
    try (EventLoopGroup one = new EventLoopGroup(1);
        EventLoopGroup other = new EventLoopGroup(1)) {
      assertThrows(
          IllegalArgumentException.class, () -> one.submit(other.loops().get(0), t::whereAmI));
      assertSame(one.loops().get(0), one.next());
      assertFalse(one.loops().contains(other.next()));
    }
  }
}
