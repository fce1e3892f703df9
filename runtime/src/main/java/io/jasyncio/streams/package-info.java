/**
 * TCP streams: asyncio's {@code streams} module. {@link io.jasyncio.streams.Streams#openConnection}
 * connects and returns a {@link io.jasyncio.streams.StreamReader} and {@link
 * io.jasyncio.streams.StreamWriter}; {@link io.jasyncio.streams.Streams#startServer} listens and
 * runs a handler task per connection. Reads wait for data without blocking the loop; writes never
 * block, and {@code drain()} applies backpressure. Everything here belongs to the loop thread.
 */
package io.jasyncio.streams;
