package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
class Base { String hello() { return "base"; } }
abstract class SuperCall extends Base {
  @Override String hello() { return "mine"; }
  @Async Coro<String> run() {
    await(sleep(0));
    return done(super.hello()); // error: [AsyncSuperCall] declares hello itself
  }
}
