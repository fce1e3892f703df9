package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
final class FinalClass { // error: [AsyncFinalClass] remove final
  @Async static Coro<Integer> run() { return done(1); }
}
