package io.jasyncio.streams;

/**
 * Both halves of a connection, as {@link Streams#openConnection} returns them (Python's {@code
 * (reader, writer)} tuple).
 */
public record Connection(StreamReader reader, StreamWriter writer) {}
