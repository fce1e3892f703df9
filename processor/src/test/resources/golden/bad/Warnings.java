package bad;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import static io.jasyncio.AsyncIO.*;
import java.sql.Connection;
abstract class Warnings {
  @Async Coro<String> fetch() { return done("x"); }
  @Async static Coro<Integer> compute() { return done(2); }
  @Async io.jasyncio.AsyncGenerator<Integer> numbers() { await(emit(1)); return stopIteration(); }
  @Async Coro<Void> run(java.util.concurrent.CompletableFuture<String> future) throws Exception {
    sleep(1); // warning: [AsyncNeverAwaited] the coroutine returned by sleep(...) is created and dropped
    fetch(); // warning: [AsyncNeverAwaited] the coroutine returned by fetch(...)
    numbers(); // warning: [AsyncNeverAwaited] the async generator returned by numbers(...) is created and dropped, so its body never runs; iterate it with for (T x : awaitEach(numbers(...)))
    Thread.sleep(10); // warning: [AsyncBlockingCall] use await(sleep(seconds))
    future.get(); // warning: [AsyncBlockingCall] await(future) instead
    future.join(); // warning: [AsyncBlockingCall] await(it) instead
    java.nio.file.Files.readString(java.nio.file.Path.of("x")); // warning: [AsyncBlockingCall] await(toThread(
    return done();
  }
  @Async Coro<Void> awaitedCallsAreNeverBlocking(io.jasyncio.queues.Queue<String> queue, io.jasyncio.sync.Semaphore sem, Thread thread) throws Exception {
    await(queue.join());
    await(sem.acquire());
    await((queue.join()));
    thread.join(); // warning: [AsyncBlockingCall] join() blocks the loop thread
    return done();
  }
  @Async Coro<Void> jdbcIsNotAStreamConnection(Connection db, io.jasyncio.streams.Connection conn) throws Exception {
    db.commit(); // warning: [AsyncBlockingCall] JDBC call commit() blocks the loop thread
    conn.writer().write(new byte[0]);
    await(conn.reader().readline());
    return done();
  }
  @SuppressWarnings("jasyncio")
  @Async Coro<Void> quiet() throws Exception {
    Thread.sleep(1);
    return done();
  }
  int plainCaller() {
    return Warnings.compute().hashCode(); // warning: [AsyncDirectStaticCall] call AsyncWarnings.compute(...) instead
  }
}
