package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
abstract class AwaitInLambda {
  @Async Coro<Integer> run() {
    java.util.function.Supplier<Integer> s = () -> await(sleep(0, 1)); // error: [AsyncAwaitInLambda] await() inside a lambda
    return done(s.get());
  }
}
