package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
class InnerClass {
  class Middle {
    abstract class Inner { // error: [AsyncInnerClass] which is itself an inner class
      @Async Coro<Integer> run() { return done(1); }
    }
  }
}
