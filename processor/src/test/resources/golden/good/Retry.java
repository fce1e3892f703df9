package golden;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import java.io.IOException;
import static io.jasyncio.AsyncIO.*;

/** Loops, try/catch/finally, a return inside a try, a checked exception. */
public abstract class Retry {
  int attempts;

  @Async
  Coro<String> fetch(String url) throws IOException {
    attempts++;
    await(sleep(0));
    if (attempts < 3) {
      throw new IOException("flaky " + url);
    }
    return done("body of " + url);
  }

  @Async
  Coro<String> withRetries(String url, int tries) {
    for (int i = 1; i <= tries; i++) {
      try {
        return done(await(fetch(url)));
      } catch (IOException e) {
        await(sleep(0.001 * i));
      } finally {
        System.out.println("attempt " + i);
      }
    }
    return done("gave up");
  }
}
