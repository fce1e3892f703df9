package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
class InnerClass {
  abstract class Inner { // error: [AsyncInnerClass] declare it static
    @Async Coro<Integer> run() { return done(1); }
  }
}
