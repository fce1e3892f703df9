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

  /**
   * A future that is its own timer: it sits in the loop's timer heap itself and, when due, is run
   * from the ready queue like a timer handle (so a sleep costs no handle), completing with the
   * result. Cancelling it takes it out of the heap.
   */
  static final class Timed<T> extends Future<T> implements TimerEntry {
    private final T result;
    /** Index in the loop's timer heap, or -1 when not in it. */
    private int heapIndex = -1;

    Timed(EventLoop loop, double delay, T result) {
      super(loop);
      this.result = result;
      loop.addTimer(this, loop.time() + delay);
    }

    @Override
    public void heapIndex(int index) {
      heapIndex = index;
    }

    /** Due: completes, unless it was cancelled meanwhile. */
    void fire() {
      if (!isDone()) {
        setResult(result);
      }
    }

    @Override
    public boolean cancel(String message) {
      if (heapIndex >= 0) {
        loop.timers.remove(this, heapIndex);
      }
      return super.cancel(message);
    }
  }
}
