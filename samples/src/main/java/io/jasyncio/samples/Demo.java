package io.jasyncio.samples;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The README's demo: asyncio's "hello ... world" with two concurrent tasks. Each task sleeps, and
 * both sleep at the same time, so the whole program takes 2 seconds, not 3.
 *
 * <pre>
 * async def say_after(delay, what):
 *     await asyncio.sleep(delay)
 *     print(what)
 *
 * async def main():
 *     task1 = asyncio.create_task(say_after(1, 'hello'))
 *     task2 = asyncio.create_task(say_after(2, 'world'))
 *     print(f"started at {time.strftime('%X')}")
 *     await task1
 *     await task2
 *     print(f"finished at {time.strftime('%X')}")
 * </pre>
 */
public abstract class Demo {
  static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  @Async
  static Coro<Void> sayAfter(double delay, String what) {
    await(sleep(delay));
    System.out.println(what);
    return done();
  }

  @Async
  static Coro<Void> main() {
    Task<Void> task1 = createTask(sayAfter(1, "hello"));
    Task<Void> task2 = createTask(sayAfter(2, "world"));
    System.out.println("started at " + LocalTime.now().format(CLOCK));
    await(task1);
    await(task2);
    System.out.println("finished at " + LocalTime.now().format(CLOCK));
    return done();
  }

  public static void main(String[] args) {
    AsyncIO.run(AsyncDemo.main());
  }
}
