package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
abstract class UnnamedType {
  @Async Coro<Integer> run() {
    var thing = new Object() { int n = 3; }; // error: [AsyncUnnamedType] local 'thing' of type
    await(sleep(0));
    return done(thing.n);
  }
}
