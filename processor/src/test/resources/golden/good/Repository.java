package golden;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import java.util.List;

/** An interface's @Async default method: AsyncRepository implements it, and so runs it. */
public interface Repository<T> {
  int PAGE = 2;

  @Async
  Coro<T> load(String key);

  static String pageKey(String key, int page) {
    return key + "#" + page;
  }

  @Async
  default Coro<List<T>> loadPages(String key, int pages) {
    List<T> out = new java.util.ArrayList<>();
    for (int page = 0; page < pages * PAGE; page += PAGE) {
      out.add(await(load(pageKey(key, page))));
    }
    return done(out);
  }
}
