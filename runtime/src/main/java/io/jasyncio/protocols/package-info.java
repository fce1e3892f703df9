/**
 * Protocols, asyncio's {@code asyncio.protocols}: the callbacks a {@link
 * io.jasyncio.transports.Transport} calls as a connection is made, receives data and is lost. The
 * low-level layer the streams sit on; use it for protocol-level servers and clients that handle
 * bytes as they arrive, without a task per connection.
 *
 * <p>Every callback runs on the transport's loop thread and must not block.
 */
package io.jasyncio.protocols;
