package io.jasyncio.samples;

import static io.jasyncio.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import io.jasyncio.annotations.Async;
import io.jasyncio.samples.RetryWithBackoff.Policy;
import io.jasyncio.test.AsyncTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Retry with exponential backoff, on virtual time: more than ten minutes of waiting between
 * attempts, checked to the second, in a few milliseconds of real time.
 */
abstract class RetryWithBackoffTest {
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  final List<Double> attemptTimes = new ArrayList<>();

  @Async
  Coro<String> alwaysDown() throws IOException {
    attemptTimes.add(getRunningLoop().time());
    await(sleep(0));
    throw new IOException("503 Service Unavailable");
  }

  @Async
  @AsyncTest
  Coro<Void> givesUpAfterElevenAttemptsAndOverTenMinutesOfBackoff() {
    EventLoop loop = getRunningLoop();
    double start = loop.time();
    try {
      await(AsyncRetryWithBackoff.retry(this::alwaysDown, new Policy(11, 1, 300), out));
      fail("the service never answers");
    } catch (IOException expected) {
      assertEquals("503 Service Unavailable", expected.getMessage());
    }
    // Waits of 1, 2, 4, ... 256 s, then 300 s (the cap): the exact times of the eleven attempts.
    List<Double> expected = new ArrayList<>();
    double t = start;
    double delay = 1;
    for (int n = 0; n < 11; n++) {
      expected.add(t);
      t += delay;
      delay = Math.min(delay * 2, 300);
    }
    assertEquals(expected, attemptTimes);
    assertEquals(811.0, loop.time() - start, "1 + 2 + ... + 256 + 300 seconds of backoff");
    assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("attempt 11 failed at 811 s: giving up"));
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> succeedsOnceTheServiceIsBack() throws IOException {
    RetryWithBackoff.FlakyService service = new AsyncRetryWithBackoff_FlakyService(20);
    String answer = await(AsyncRetryWithBackoff.retry(service::call, new Policy(8, 1, 60), out));
    // Calls at 0, 1.05, 3.1, 7.15, 15.2 fail (each call takes 0.05 s); the one at 31.25 succeeds.
    assertEquals("200 OK after 6 calls", answer);
    assertEquals(31.3, getRunningLoop().time(), 1e-9);
    return done();
  }

  @Async
  @AsyncTest
  Coro<Void> aCancellationIsNeverRetried() throws IOException {
    RetryWithBackoff.FlakyService service = new AsyncRetryWithBackoff_FlakyService(1e9);
    try {
      await(waitFor(AsyncRetryWithBackoff.retry(service::call, new Policy(100, 1, 60), out), 10));
      fail("must time out");
    } catch (io.jasyncio.TimeoutError expected) {
      assertEquals(10.0, getRunningLoop().time());
    }
    assertEquals(4, service.calls(), "calls at 0, 1.05, 3.1 and 7.15 s; the wait after it is cut");
    return done();
  }
}
