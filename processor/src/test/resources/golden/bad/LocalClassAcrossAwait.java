package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
abstract class LocalClassAcrossAwait {
  @Async Coro<Integer> run() {
    class Point { int x = 1; }
    await(sleep(0));
    return done(new Point().x); // error: [AsyncUnsupported] local class 'Point' is used after an await point
  }
}
