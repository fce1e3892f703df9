package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
abstract class PrivateConstructors { // error: [AsyncNoConstructor] only private constructors
  private PrivateConstructors() {}
  @Async Coro<Integer> run() { return done(1); }
}
