/**
 * Asynchronous iteration beyond the core types ({@link io.jasyncio.AsyncIterable}, {@link
 * io.jasyncio.AsyncIterator}, {@link io.jasyncio.AsyncGenerator}): operators in the manner of
 * Kotlin's flows and Python's itertools ({@link io.jasyncio.iteration.AsyncIterables}), the bridge
 * to and from {@link java.util.concurrent.Flow} ({@link io.jasyncio.iteration.Publishers}), and a
 * base for iterators written by hand ({@link io.jasyncio.iteration.PullIterator}).
 *
 * <p>Not thread-safe: an iterator belongs to the loop of the tasks that iterate it. Only the Flow
 * bridge takes calls from other threads (a publisher's {@code onNext}, a subscriber's {@code
 * request}), and hands them to the loop.
 */
package io.jasyncio.iteration;
