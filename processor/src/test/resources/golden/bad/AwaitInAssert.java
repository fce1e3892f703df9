package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
abstract class AwaitInAssert {
  @Async Coro<Integer> run() {
    assert await(sleep(0, true)); // error: [AsyncUnsupported] an await point inside a assert statement is not supported
    return done(1);
  }
}
