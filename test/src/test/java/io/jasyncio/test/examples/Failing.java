package io.jasyncio.test.examples;

import static io.jasyncio.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import io.jasyncio.test.AsyncTest;
import java.io.IOException;

/** Tests that must fail, each for one reason the engine checks; run by the engine's tests only. */
public abstract class Failing {

  @Async
  @AsyncTest
  Coro<Void> assertionFails() {
    await(sleep(5));
    assertEquals(1, 2, "one is not two"); // line 18
    return done();
  }

  @Async
  @AsyncTest(timeout = 0.3)
  Coro<Void> waitsForever() {
    await(waitHere());
    return done();
  }

  @Async
  Coro<Void> waitHere() {
    await(getRunningLoop().createFuture()); // nobody completes it: line 31
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> leavesATaskPending() {
    createTask(sleep(10), "left behind");
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> dropsAFailedTask() throws IOException {
    createTask(fails(), "dropped");
    await(sleep(1));
    return done();
  }

  @Async
  Coro<Void> fails() throws IOException {
    await(sleep(0));
    throw new IOException("nobody reads this");
  }

  @Async
  @AsyncTest
  Coro<Void> neverAwaitsACoroutine() throws IOException {
    Coro<Void> forgotten = fails();
    await(sleep(0));
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> aCallbackThrows() {
    getRunningLoop().callSoon(() -> {
      throw new IllegalStateException("callback failed");
    });
    await(sleep(0));
    return done();
  }
}
