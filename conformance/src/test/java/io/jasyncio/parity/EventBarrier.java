package io.jasyncio.parity;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.Coro;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.sync.Barrier;
import io.jasyncio.sync.Event;
import java.util.ArrayList;
import java.util.List;

/** Port of event_barrier.py. */
abstract class EventBarrier {

  @Async
  static Coro<Void> waiter(Out out, Event event, String name) {
    out.print(name + " waits");
    await(event.waitFor());
    out.print(name + " woke");
    return done();
  }

  @Async
  static Coro<Void> party(Out out, Barrier barrier, String name) {
    out.print(name + " arrives");
    int index = await(barrier.waitFor());
    out.print(name + " passes with " + index);
    return done();
  }

  @Async
  static Coro<Void> main(Out out) {
    Event event = new Event();
    List<Task<Void>> tasks = new ArrayList<>();
    for (String name : List.of("x", "y", "z")) {
      tasks.add(createTask(waiter(out, event, name)));
    }
    await(sleep(0));
    event.set();
    event.clear();
    await(gather(tasks));
    Barrier barrier = new Barrier(3);
    for (int round = 0; round < 2; round++) {
      await(
          gather(
              party(out, barrier, "p" + round),
              party(out, barrier, "q" + round),
              party(out, barrier, "r" + round)));
    }
    out.print("broken:", barrier.isBroken(), "waiting:", barrier.nWaiting());
    return done();
  }
}
