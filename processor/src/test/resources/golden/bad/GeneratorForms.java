package bad;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
abstract class GeneratorForms {
  @Async AsyncGenerator<Integer> g() {
    emit(1); // error: [AsyncGeneratorForm] emit(..) that is not awaited
    return stopIteration();
  }
  @Async Coro<Void> notAGenerator() {
    await(emit(1)); // error: [AsyncGeneratorForm] emit(..) in an @Async method that returns
    return done();
  }
  @Async Coro<Void> loopOnly() {
    Iterable<Integer> each = awaitEach(g()); // error: [AsyncForEachForm] awaitEach(..) is only the iterable of a for-each loop
    return done();
  }
  static int plain(io.jasyncio.AsyncIterable<Integer> source) {
    int n = 0;
    for (int x : awaitEach(source)) { // error: [AsyncForEachForm] awaitEach(..) in a method that is not @Async
      n += x;
    }
    return n;
  }
}
