package io.jasyncio;

/**
 * Base of the coordination primitives ({@code io.jasyncio.sync}, {@code io.jasyncio.queues}): an
 * object that may be created anywhere, even with no loop running, and binds to the event loop of
 * its first blocking use, as asyncio's loop-bound mixin does. From then on, using it from another
 * loop fails with {@code IllegalStateException("<it> is bound to a different event loop")}.
 *
 * <p>Not thread-safe, like everything bound to a loop: use it from its loop's thread only.
 */
public abstract class LoopBound {
  private EventLoop loop;

  protected LoopBound() {}

  /**
   * The running loop, after binding this object to it on first use.
   *
   * @throws IllegalStateException "no running event loop", or "... is bound to a different event
   *     loop"
   */
  protected final EventLoop boundLoop() {
    EventLoop running = EventLoop.runningLoopOrNull();
    if (running == null) {
      throw new IllegalStateException("no running event loop");
    }
    if (loop == null) {
      loop = running;
    } else if (loop != running) {
      throw new IllegalStateException(this + " is bound to a different event loop");
    }
    return running;
  }

  /** A pending future on the bound loop, for a task that has to wait. */
  protected final <T> Future<T> newWaiter() {
    return new Future<>(boundLoop());
  }

  /** {@code <class@hash [details]>}, the shape of asyncio's reprs. */
  protected final String describe(String details) {
    return "<"
        + getClass().getName()
        + "@"
        + Integer.toHexString(System.identityHashCode(this))
        + " ["
        + details
        + "]>";
  }
}
