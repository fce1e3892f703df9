package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
enum NotAClass { // error: [AsyncNotAClass] is an enum
  ONE;
  @Async Coro<Integer> run() { return done(1); }
}
