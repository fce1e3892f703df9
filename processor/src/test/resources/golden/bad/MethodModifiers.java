package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
abstract class MethodModifiers {
  @Async private Coro<Integer> hidden() { return done(1); } // error: [AsyncMethodModifier] is private
  @Async final Coro<Integer> fixed() { return done(1); } // error: [AsyncMethodModifier] is final
  @Async synchronized Coro<Integer> locked() { return done(1); } // error: [AsyncMethodModifier] is synchronized
  @Async native Coro<Integer> empty(); // error: [AsyncNoBody] has no body
  @Async abstract Coro<Integer> contract(); // a contract: implemented by subclasses, nothing generated
}
