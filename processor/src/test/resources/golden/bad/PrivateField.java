package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
abstract class PrivateField {
  private int count;
  @Async Coro<Integer> run() {
    await(sleep(0));
    return done(count); // error: [AsyncPrivateAccess] private field 'count' of PrivateField; generated code cannot reach it; make it package-private
  }
}
