package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
abstract class AwaitNull {
  @Async Coro<Integer> run() {
    await(sleep(0));
    Object nothing = await(null); // error: [AsyncNotAwaitable] await(null): there is nothing to await
    return done(1);
  }
}
