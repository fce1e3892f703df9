package io.jasyncio.queues;

/**
 * Thrown by a queue that was {@linkplain Queue#shutdown(boolean) shut down}: by every put, and by
 * gets once no item is left. asyncio's {@code QueueShutDown} (3.13), with no message.
 */
public class QueueShutDown extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QueueShutDown() {}
}
