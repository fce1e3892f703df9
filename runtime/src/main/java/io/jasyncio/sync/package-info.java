/**
 * asyncio's synchronization primitives ({@code asyncio.locks}): {@link io.jasyncio.sync.Lock},
 * {@link io.jasyncio.sync.Event}, {@link io.jasyncio.sync.Condition}, {@link
 * io.jasyncio.sync.Semaphore}, {@link io.jasyncio.sync.BoundedSemaphore} and {@link
 * io.jasyncio.sync.Barrier}.
 *
 * <p>Common to all of them:
 *
 * <ul>
 *   <li><b>Not thread-safe</b>: they coordinate tasks of one event loop. Each binds to the loop of
 *       its first blocking use; using it from another loop is an {@code IllegalStateException}.
 *   <li><b>No timeouts</b>: wrap the await in {@code waitFor(..., seconds)} or a {@code
 *       timeout(...)} block, as in Python.
 *   <li><b>FIFO, no barging</b>: waiters are served in arrival order, and a task that arrives while
 *       a woken waiter has not run yet queues behind it.
 *   <li><b>Cancellation-safe</b>: a waiter cancelled after it was woken passes what it was woken
 *       for (the lock, a permit, a notification) on to the next waiter.
 *   <li>Python's {@code wait()} is {@code waitFor()} and {@code notify()} is {@code signal()},
 *       because {@code Object.wait()} and {@code Object.notify()} are final.
 * </ul>
 */
package io.jasyncio.sync;
