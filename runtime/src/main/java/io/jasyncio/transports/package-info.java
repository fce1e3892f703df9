/**
 * Transports, asyncio's {@code asyncio.transports}: a connection as the loop drives it, writing
 * without blocking and feeding its {@link io.jasyncio.protocols.BaseProtocol protocol}. Made by
 * {@link io.jasyncio.AsyncIO#createConnection} and {@link io.jasyncio.AsyncIO#createServer}, or
 * reached from a stream with {@link io.jasyncio.streams.StreamWriter#transport()}.
 *
 * <p>Not thread-safe: use a transport on its loop's thread only.
 */
package io.jasyncio.transports;
