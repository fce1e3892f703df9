package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
abstract class AwaitOutsideAsync {
  int plain() {
    return await(sleep(0, 1)); // error: [AsyncAwaitOutside] await() in a method that is not @Async
  }
  @Async Coro<Integer> fine() { return done(1); }
}
