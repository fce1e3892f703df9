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
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A blocking call (here file I/O; JDBC is the same) moved off the loop with {@code toThread}: the
 * loop keeps running other tasks while a worker thread does the call. Calling {@code Files} directly
 * inside an {@code @Async} method draws an [AsyncBlockingCall] warning from the processor.
 */
public abstract class BlockingFileCall {

  /** Ticks every 10 ms until cancelled: proof that the loop is not blocked. */
  @Async
  static Coro<Void> ticker(AtomicInteger ticks) {
    while (true) {
      await(sleep(0.01));
      ticks.incrementAndGet();
    }
  }

  /** Reads a file on a worker thread, slowly (the sleep stands for a slow disk or database). */
  @Async
  static Coro<Integer> countLines(Path file, AtomicInteger ticks, PrintStream out) {
    return countLines(
        () -> {
          Thread.sleep(200); // blocking, but on a worker thread
          return Files.readAllLines(file);
        },
        file.getFileName().toString(),
        ticks,
        out);
  }

  /** Runs the blocking {@code read} on a worker thread while the loop keeps ticking. */
  @Async
  static Coro<Integer> countLines(
      Callable<List<String>> read, String name, AtomicInteger ticks, PrintStream out) {
    Task<Void> heartbeat = createTask(ticker(ticks));
    List<String> lines = await(toThread(read));
    heartbeat.cancel();
    out.println(name + " has " + lines.size() + " lines; the loop ticked " + ticks.get()
        + " times meanwhile");
    return done(lines.size());
  }

  public static void main(String[] args) throws Exception {
    Path file = Files.createTempFile("jasyncio", ".txt");
    try {
      Files.write(file, List.of("one", "two", "three"));
      AsyncIO.run(AsyncBlockingFileCall.countLines(file, new AtomicInteger(), System.out));
    } finally {
      Files.delete(file);
    }
  }
}
