package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import org.junit.jupiter.params.ParameterizedTest;
import static io.jasyncio.AsyncIO.*;
abstract class StaticHelpersAbstractTest { // error: [AsyncTestClassNotRun] remove 'abstract' (static @Async methods do not need it)
  @Async static Coro<Integer> fetch() { return done(1); }
  @ParameterizedTest void fetchesOne() { }
}
