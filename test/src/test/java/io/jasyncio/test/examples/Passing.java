package io.jasyncio.test.examples;

import static io.jasyncio.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Coro;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.test.AsyncTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;

/** Tests that pass; the engine's tests run them (their name keeps Surefire from running them). */
public abstract class Passing {
  /** What ran, in order, across the tests of this class; read by the engine's tests. */
  public static final List<String> LOG = new ArrayList<>();

  int setUpValue;

  @BeforeEach
  void plainSetUp() {
    LOG.add("plain setUp, loop running: " + (getRunningLoop() != null));
  }

  @Async
  @BeforeEach
  Coro<Void> asyncSetUp() {
    await(sleep(getRunningLoop().isVirtualTime() ? 1 : 0)); // a real second would slow the suite
    setUpValue = 42;
    LOG.add("async setUp");
    return done();
  }

  @AfterEach
  void tearDown() {
    LOG.add("tearDown");
  }

  @Async
  @AsyncTest
  Coro<Void> anHourOfSleepTakesNoRealTime() {
    double start = getRunningLoop().time();
    await(sleep(3600));
    assertEquals(3600.0, getRunningLoop().time() - start);
    assertTrue(getRunningLoop().isVirtualTime());
    assertEquals(42, setUpValue);
    LOG.add("hour");
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> tasksAndGatherWork() {
    Task<Integer> a = createTask(twice(1));
    Task<Integer> b = createTask(twice(2));
    List<Integer> both = await(gather(a, b));
    assertEquals(List.of(2, 4), both);
    LOG.add("gather");
    return done();
  }

  @Async
  Coro<Integer> twice(int n) {
    await(sleep(n));
    return done(n * 2);
  }

  @Async
  @AsyncTest(realTime = true)
  Coro<Void> realTimeWhenAsked() {
    assertFalse(getRunningLoop().isVirtualTime());
    assertTrue(getRunningLoop().isDebug());
    LOG.add("real");
    return done();
  }

  @Async
  @AsyncTest
  static Coro<Void> staticTestsRunToo() {
    await(sleep(0));
    LOG.add("static");
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> aTaskCancelledAsTheTestEndsIsLetFinish() {
    Task<Void> background = createTask(sleep(100));
    await(sleep(0));
    background.cancel(); // it finishes at its next step, after the test returned
    return done();
  }

  @Disabled("shows that @Disabled skips")
  @Async
  @AsyncTest
  Coro<Void> disabled() {
    LOG.add("disabled ran");
    return done();
  }
}
