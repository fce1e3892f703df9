package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
abstract class NotCoro {
  @Async String run() { // error: [AsyncReturnType] must return io.jasyncio.Coro<T> (or io.jasyncio.AsyncGenerator<T> for a generator); change the return type to Coro<String> and end with return done(value)
    return "x";
  }
}
