package io.jasyncio.samples;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A blocking call (here file I/O; JDBC is the same) moved off the loop with {@code toThread}: the
 * loop keeps running other tasks while a worker thread does the call. Calling {@code Files} directly
 * inside an {@code @Async} method draws an [AsyncBlockingCall] warning from the processor.
 */
public abstract class BlockingFileCall {

  /** Ticks every 10 ms until cancelled: proof that the loop is not blocked. */
  @Async
  static Coro<Void> ticker(int[] ticks) {
    while (true) {
      await(sleep(0.01));
      ticks[0]++;
    }
  }

  /** Reads a file on a worker thread, slowly (the sleep stands for a slow disk or database). */
  @Async
  static Coro<Integer> countLines(Path file, int[] ticks, PrintStream out) {
    Task<Void> heartbeat = createTask(ticker(ticks));
    List<String> lines =
        await(
            toThread(
                () -> {
                  Thread.sleep(200); // blocking, but on a worker thread
                  return Files.readAllLines(file);
                }));
    heartbeat.cancel();
    out.println(file.getFileName() + " has " + lines.size() + " lines; the loop ticked " + ticks[0]
        + " times meanwhile");
    return done(lines.size());
  }

  public static void main(String[] args) throws Exception {
    Path file = Files.createTempFile("jasyncio", ".txt");
    try {
      Files.write(file, List.of("one", "two", "three"));
      AsyncIO.run(AsyncBlockingFileCall.countLines(file, new int[1], System.out));
    } finally {
      Files.delete(file);
    }
  }
}
