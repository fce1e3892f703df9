package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
abstract class PrivateMethod {
  private int helper() { return 1; }
  @Async Coro<Integer> run() {
    await(sleep(0));
    return done(this.helper()); // error: [AsyncPrivateAccess] private method 'helper'
  }
}
