package golden;

import io.jasyncio.Coro;
import io.jasyncio.Timeout;
import io.jasyncio.TimeoutError;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;

/** Expressions taken apart: spills, short-circuits, a switch expression, async with. */
public abstract class Pipeline {
  int total;

  @Async
  Coro<Integer> value(int x) {
    await(sleep(0));
    return done(x);
  }

  @Async
  Coro<String> run(int mode) {
    String label = "mode " + mode + ": " + await(value(mode)); // left operand converted first
    boolean ok = mode > 0 && await(value(mode)) > 1;
    int scaled = switch (mode) {
      case 1 -> await(value(10));
      case 2 -> {
        int base = await(value(20));
        yield base + 1;
      }
      default -> 0;
    };
    total += await(value(scaled)); // the field's old value is read before the await
    try (Timeout t = timeout(1.0)) {
      await(sleep(0));
    } catch (TimeoutError e) {
      return done("timed out");
    }
    return done(label + " " + ok + " " + scaled + " " + total);
  }
}
