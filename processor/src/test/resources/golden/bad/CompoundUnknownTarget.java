package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
abstract class CompoundUnknownTarget {
  static int[] values() { return new int[2]; }
  @Async Coro<Integer> run() {
    values()[0] += await(sleep(0, 1)); // error: [AsyncUnsupported] compound assignment to
    return done(1);
  }
}
