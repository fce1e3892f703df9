package io.jasyncio.parity;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.Awaitable;
import io.jasyncio.Coro;
import io.jasyncio.Task;
import io.jasyncio.annotations.Async;
import io.jasyncio.sync.Lock;
import java.util.ArrayList;
import java.util.List;

/** Port of lock_fairness.py. */
abstract class LockFairness {

  @Async
  static Coro<Void> user(Out out, Lock lock, String name, List<String> log) {
    try (lock) {
      log.add(name);
      out.print(name + " has the lock");
      await(sleep(0));
    }
    out.print(name + " released");
    return done();
  }

  @Async
  static Coro<Void> main(Out out) {
    Lock lock = new Lock();
    List<String> log = new ArrayList<>();
    await(lock.acquire());
    List<Task<Void>> tasks = new ArrayList<>();
    for (String name : List.of("a", "b", "c", "d")) {
      tasks.add(createTask(user(out, lock, name, log)));
    }
    await(sleep(0));
    out.print("locked:", lock.isLocked());
    lock.release();
    tasks.get(0).cancel();
    out.print("after release, locked:", lock.isLocked());
    Task<Void> late = createTask(user(out, lock, "late", log));
    List<Awaitable<?>> all = new ArrayList<>(tasks);
    all.add(late);
    await(gatherReturnExceptions(all));
    out.print("order:", String.join(" ", log));
    out.print("a cancelled:", tasks.get(0).isCancelled());
    return done();
  }
}
