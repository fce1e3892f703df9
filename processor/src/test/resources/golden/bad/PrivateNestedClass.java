package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
abstract class PrivateNestedClass {
  private static final class Hidden { int n = 2; }
  @Async Coro<Integer> run() {
    await(sleep(0));
    return done(new Hidden().n); // error: [AsyncPrivateAccess] private class 'Hidden'
  }
}
