package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
abstract class AwaitInAnonymousClass {
  @Async Coro<String> run() {
    Object o = new Object() {
      @Override public String toString() {
        return await(sleep(0, "x")); // error: [AsyncAwaitInClassBody] await() inside an anonymous or local class
      }
    };
    return done(o.toString());
  }
}
