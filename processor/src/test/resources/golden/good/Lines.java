package golden;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import io.jasyncio.streams.StreamReader;
import java.io.IOException;

/** An async generator, and an async for-each loop that leaves it early. */
public abstract class Lines {
  @Async
  AsyncGenerator<String> nonEmpty(StreamReader reader) throws IOException {
    try {
      while (true) {
        byte[] line = await(reader.readline());
        if (line.length == 0) {
          return stopIteration();
        }
        String text = new String(line).strip();
        if (!text.isEmpty()) {
          await(emit(text));
        }
      }
    } finally {
      reader.feedEof();
    }
  }

  @Async
  Coro<Integer> untilEnd(StreamReader reader) throws IOException {
    int count = 0;
    for (String line : awaitEach(nonEmpty(reader))) {
      if (line.equals("END")) {
        break;
      }
      count++;
    }
    return done(count);
  }
}
