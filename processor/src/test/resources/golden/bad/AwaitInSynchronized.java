package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
abstract class AwaitInSynchronized {
  final Object lock = new Object();
  @Async Coro<Void> run() {
    synchronized (lock) {
      await(sleep(0)); // error: [AsyncAwaitInSynchronized] use io.jasyncio.sync.Lock
    }
    return done();
  }
}
