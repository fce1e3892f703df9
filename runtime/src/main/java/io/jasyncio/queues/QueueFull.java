package io.jasyncio.queues;

/**
 * Thrown by {@link Queue#putNowait(Object)} on a full queue: asyncio's {@code QueueFull}, with no
 * message.
 */
public class QueueFull extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QueueFull() {}
}
