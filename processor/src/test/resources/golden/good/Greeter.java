package golden;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;

/** The smallest shape: awaits in sequence, a hoisted local, a static helper. */
public abstract class Greeter {
  final String greeting;

  protected Greeter(String greeting) {
    this.greeting = greeting;
  }

  @Async
  public Coro<String> greet(String name) {
    String prefix = await(prefix()); // one await, its result kept
    await(sleep(0.01));
    return done(prefix + greeting + ", " + name);
  }

  @Async
  static Coro<String> prefix() {
    await(sleep(0));
    return done("> ");
  }
}
