package io.jasyncio.samples;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Retrying a flaky call with exponential backoff: wait 1 s after the first failure, then 2, 4, ...
 * up to a cap, and give up after a number of attempts. Its test ({@code RetryWithBackoffTest}) runs
 * ten minutes of backoff on virtual time, in milliseconds, and checks the exact time of every
 * attempt.
 */
public abstract class RetryWithBackoff {

  /**
   * Starts one attempt. It may throw {@code IOException}: an {@code @Async} method that declares
   * {@code throws IOException} throws it where its coroutine is created as well as where it is
   * awaited (javac checks the plain call), so a {@code Supplier} could not take {@code
   * service::call}.
   */
  @FunctionalInterface
  public interface Attempt<T> {
    Coro<T> start() throws IOException;
  }

  /** How to retry: attempts in all, the first delay, the largest delay. */
  public record Policy(int attempts, double firstDelay, double maxDelay) {}

  /**
   * Awaits a fresh {@code attempt} until one succeeds or {@code policy.attempts()} have failed; the
   * last failure is rethrown unchanged. A cancellation is never retried.
   */
  @Async
  public static <T> Coro<T> retry(Attempt<T> attempt, Policy policy, PrintStream out)
      throws IOException {
    double delay = policy.firstDelay();
    for (int n = 1; ; n++) {
      try {
        return done(await(attempt.start()));
      } catch (IOException e) {
        if (n == policy.attempts()) {
          out.printf("attempt %d failed at %.0f s: giving up%n", n, getRunningLoop().time());
          throw e;
        }
        out.printf(
            "attempt %d failed at %.0f s (%s); retrying in %.0f s%n",
            n, getRunningLoop().time(), e.getMessage(), delay);
      }
      await(sleep(delay));
      delay = Math.min(delay * 2, policy.maxDelay());
    }
  }

  /** A service that is down for {@code downFor} seconds of loop time, then answers. */
  public abstract static class FlakyService {
    final double upAt;
    int calls;

    protected FlakyService(double downFor) {
      this.upAt = AsyncIO.getRunningLoop().time() + downFor;
    }

    @Async
    public Coro<String> call() throws IOException {
      calls++;
      await(sleep(0.05)); // a round trip
      if (getRunningLoop().time() < upAt) {
        throw new IOException("503 Service Unavailable");
      }
      return done("200 OK after " + calls + " calls");
    }

    public int calls() {
      return calls;
    }
  }

  @Async
  static Coro<String> demo(PrintStream out) throws IOException {
    FlakyService service = new AsyncRetryWithBackoff_FlakyService(20);
    return done(await(retry(service::call, new Policy(8, 1, 60), out)));
  }

  public static void main(String[] args) throws IOException {
    // Real time: this takes about 31 seconds. The test runs the same on virtual time at once.
    System.out.println(AsyncIO.run(AsyncRetryWithBackoff.demo(System.out)));
  }
}
