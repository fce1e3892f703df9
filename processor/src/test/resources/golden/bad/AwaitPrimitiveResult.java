package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
abstract class AwaitPrimitiveResult {
  @Async Coro<Integer> run(int p, String s) {
    int a = await(switch (s) { case "a" -> 1; default -> { log(s); yield p; } }); // error: [AsyncNotAwaitable] await() takes a Coro, a Task or Future of jasyncio, or a CompletionStage; 'switch (s) { case "a" -> 1; default -...' can produce 1, an int; await what produces each value instead
    int b = await(p > 0 ? v(2) : 'c'); // error: [AsyncNotAwaitable] await() takes a Coro, a Task or Future of jasyncio, or a CompletionStage; 'p > 0 ? v(2) : 'c'' can produce 'c', a char; await what produces each value instead
    return done(a + b);
  }
  static void log(String s) {}
  static <T> Coro<T> v(T value) { return done(value); }
}
