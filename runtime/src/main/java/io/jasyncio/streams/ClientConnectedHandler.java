package io.jasyncio.streams;

import io.jasyncio.Coro;

/**
 * What a {@link Server} runs for each accepted connection: asyncio's {@code client_connected_cb}.
 * The returned coroutine runs as a task of its own; usually it is an {@code @Async} method of the
 * form {@code handle(StreamReader reader, StreamWriter writer)}, passed as {@code AsyncX::handle}.
 *
 * <p>If the handler throws, or its task fails, the error goes to the loop's exception handler
 * ("Unhandled exception in client_connected_cb") and the connection is closed. The handler owns the
 * writer: close it when done.
 */
@FunctionalInterface
public interface ClientConnectedHandler {
  Coro<?> handle(StreamReader reader, StreamWriter writer) throws Exception;
}
