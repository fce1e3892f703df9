package io.jasyncio;

/** {@link AsyncIterator#anext()} for any iterator: its {@code nextOrEnd}, with END as a StopAsyncIteration. */
final class NextOrStop extends Coro<Object> {
  @Override
  boolean tracedAsFrame() {
    return false; // the runtime's step between the user's frames
  }

  private final Awaitable<?> next;

  NextOrStop(Awaitable<?> next) {
    this.next = next;
  }

  @Override
  protected Object $resume(Object in, Throwable err) throws Throwable {
    if (err != null) {
      throw err;
    }
    if ($label == 0) {
      $label = 1;
      in = $await(next);
      if (in == $SUSPEND) {
        return $SUSPEND;
      }
    }
    if (in == AsyncIterator.END) {
      throw new StopAsyncIteration();
    }
    return in;
  }
}
