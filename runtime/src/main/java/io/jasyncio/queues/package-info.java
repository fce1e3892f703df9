/**
 * asyncio's queues ({@code asyncio.queues}): {@link io.jasyncio.queues.Queue} (FIFO), {@link
 * io.jasyncio.queues.PriorityQueue} (lowest first) and {@link io.jasyncio.queues.LifoQueue} (a
 * stack), for handing work between tasks of one event loop.
 *
 * <p>Not thread-safe: to feed a queue from another thread, go through {@code
 * loop.callSoonThreadsafe(() -> queue.putNowait(item))}. A queue binds to the loop of its first
 * blocking use.
 */
package io.jasyncio.queues;
