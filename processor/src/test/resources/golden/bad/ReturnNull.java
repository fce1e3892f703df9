package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
abstract class ReturnNull {
  @Async Coro<Integer> run(boolean b) {
    if (b) return null; // error: [AsyncReturnNull] write return done(null)
    return done(1);
  }
}
