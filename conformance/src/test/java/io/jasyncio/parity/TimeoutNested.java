package io.jasyncio.parity;

import static io.jasyncio.AsyncIO.*;

import io.jasyncio.CancelledError;
import io.jasyncio.Coro;
import io.jasyncio.Timeout;
import io.jasyncio.TimeoutError;
import io.jasyncio.annotations.Async;

/** Port of timeout_nested.py. */
abstract class TimeoutNested {

  @Async
  static Coro<Void> main(Out out) {
    Timeout first = timeout(0.01);
    try {
      try (Timeout t = first) {
        await(sleep(1));
      }
    } catch (TimeoutError e) {
      out.print("timed out, expired =", first.expired());
    }
    Timeout outer = timeout(1);
    Timeout inner = timeout(0.01);
    try (Timeout o = outer) {
      try {
        try (Timeout i = inner) {
          await(sleep(1));
        }
      } catch (TimeoutError e) {
        out.print("inner expired", inner.expired(), "outer expired", outer.expired());
      }
    }
    Timeout outer2 = timeout(0.01);
    Timeout inner2 = timeout(1);
    try {
      try (Timeout o = outer2) {
        try {
          try (Timeout i = inner2) {
            await(sleep(1));
          }
        } catch (CancelledError e) {
          out.print("outer expiry passes through the inner timeout as a cancellation");
          throw e;
        }
      }
    } catch (TimeoutError e) {
      out.print("outer converted it, inner expired =", inner2.expired());
    }
    Timeout none = timeoutAt(null);
    try (Timeout t = none) {
      out.print("no deadline:", t.when());
      t.reschedule(getRunningLoop().time() + 10);
      await(sleep(0));
    }
    out.print("rescheduled and finished, expired =", none.expired());
    try {
      await(waitFor(sleep(1), 0.01));
    } catch (TimeoutError e) {
      out.print("wait_for timed out");
    }
    out.print("cancelling =", currentTask().cancelling());
    return done();
  }
}
