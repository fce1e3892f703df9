package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
interface NotAClass { // error: [AsyncNotAClass] is an interface
  @Async default Coro<Integer> run() { return done(1); }
}
