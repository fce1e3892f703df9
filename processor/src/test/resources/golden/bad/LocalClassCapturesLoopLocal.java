package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
abstract class LocalClassCapturesLoopLocal {
  @Async Coro<Integer> run() {
    for (int i = 0; i < 3; i++) {
      int each = i;
      class Holder { int get() { return each; } } // error: [AsyncUnsupported] local class 'Holder' is kept across an await and captures 'each', which is declared in a loop
      Holder h = new Holder();
      await(sleep(0));
      h.get();
    }
    return done(1);
  }
}
