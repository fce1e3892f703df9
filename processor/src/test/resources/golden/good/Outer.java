package golden;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import static io.jasyncio.AsyncIO.*;

/** A nested class: names of the enclosing class, X.this in a lambda, a generic method. */
public class Outer {
  static final int LIMIT = 3;

  enum Kind { SMALL, LARGE }

  public abstract static class Inner {
    final List<String> seen = new ArrayList<>();

    @Async
    <T extends Comparable<T>> Coro<T> largest(List<T> items) {
      T best = null;
      for (T item : items) {
        await(sleep(0));
        if (best == null || item.compareTo(best) > 0) {
          best = item;
        }
      }
      Supplier<Integer> count = () -> Inner.this.seen.size();
      seen.add(String.valueOf(best) + count.get());
      return done(best);
    }

    @Async
    Coro<Kind> classify(int n) {
      int size = await(largest(List.of(n, LIMIT)));
      return done(size > LIMIT ? Kind.LARGE : Kind.SMALL);
    }
  }
}
