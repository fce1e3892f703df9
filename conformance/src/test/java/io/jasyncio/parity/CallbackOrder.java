package io.jasyncio.parity;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import io.jasyncio.annotations.Async;

/** Port of callback_order.py. */
abstract class CallbackOrder {

  @Async
  static Coro<Void> main(Out out) {
    EventLoop loop = getRunningLoop();
    double when = loop.time() + 0.01;
    loop.callAt(when, () -> out.print("cb", "at-1"));
    loop.callAt(when, () -> out.print("cb", "at-2"));
    loop.callSoon(() -> out.print("cb", "soon-1"));
    loop.callSoon(() -> out.print("cb", "cancelled")).cancel();
    loop.callSoon(
        () -> {
          out.print("cb soon-2");
          loop.callSoon(() -> out.print("cb", "scheduled by soon-2"));
        });
    out.print("main before yield");
    await(sleep(0));
    out.print("main after one yield");
    await(sleep(0));
    out.print("main after two yields");
    await(sleep(0.02));
    out.print("main done");
    return done();
  }
}
