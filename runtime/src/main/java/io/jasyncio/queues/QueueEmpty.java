package io.jasyncio.queues;

/**
 * Thrown by {@link Queue#getNowait()} on an empty queue: asyncio's {@code QueueEmpty}, with no
 * message.
 */
public class QueueEmpty extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QueueEmpty() {}
}
