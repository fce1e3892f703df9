package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import java.util.concurrent.Future;
import static io.jasyncio.AsyncIO.*;
abstract class AwaitNotAwaitable {
  @Async Coro<Integer> run(Future<Integer> pending) {
    int value = await(pending); // error: [AsyncNotAwaitable] await() takes a Coro, a Task or Future of jasyncio, or a CompletionStage; 'pending' is a Future<Integer>; a java.util.concurrent.Future can only be waited for by blocking a thread: await(toThread(pending::get))
    return done(value);
  }
}
