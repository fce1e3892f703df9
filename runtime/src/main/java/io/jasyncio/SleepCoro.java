package io.jasyncio;

/**
 * {@code sleep(delay)} with a positive delay. As in Python, the clock starts when the coroutine is
 * awaited, not when it is created: state 0 schedules a timer that completes a future, then
 * suspends on it. Cancelling the task cancels the future, which cancels the timer.
 */
final class SleepCoro<T> extends Coro<T> {
  private final double delay;
  private final T result;

  SleepCoro(double delay, T result) {
    this.delay = delay;
    this.result = result;
  }

  @Override
  protected Object $resume(Object $in, Throwable $err) throws Throwable {
    if ($err != null) {
      throw $err;
    }
    if ($label == 0) {
      $label = 1;
      return $await(new Timed<>($task.loop, delay, result));
    }
    return $in;
  }

  @Override
  protected StackTraceElement $where() {
    return new StackTraceElement("io.jasyncio.AsyncIO", "sleep", null, -1);
  }

  /** A future completed by its own timer, which it cancels when it is cancelled. */
  private static final class Timed<T> extends Future<T> implements Runnable {
    private final T result;
    private final TimerHandle timer;

    Timed(EventLoop loop, double delay, T result) {
      super(loop);
      this.result = result;
      this.timer = loop.callLater(delay, this);
    }

    @Override
    public void run() {
      if (!isDone()) {
        setResult(result);
      }
    }

    @Override
    public boolean cancel(String message) {
      timer.cancel();
      return super.cancel(message);
    }
  }
}
