package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
class NotAbstract { // error: [AsyncNotAbstract] declare it abstract and create instances with new AsyncNotAbstract(...)
  @Async Coro<Integer> run() { return done(1); }
}
