package golden;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;

/** Only static @Async methods: AsyncBackoff is abstract, so a test runner cannot run it as a test class too. */
public class Backoff {
  @Async
  static Coro<Integer> attempts(int limit, double firstDelay) {
    double delay = firstDelay;
    int tries = 0;
    while (tries < limit) {
      tries++;
      await(sleep(delay));
      delay *= 2;
    }
    return done(tries);
  }
}
