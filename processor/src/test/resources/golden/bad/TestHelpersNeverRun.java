package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import org.junit.jupiter.api.Test;
import static io.jasyncio.AsyncIO.*;
abstract class TestHelpersNeverRun { // error: [AsyncTestClassNotRun] do not match: the tests would never run
  @Async Coro<Integer> fetch() { return done(1); }
  @Test void fetchesOne() { }
}
