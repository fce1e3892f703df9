package io.jasyncio.transports;

import io.jasyncio.protocols.BaseProtocol;

/**
 * A connection made by {@link io.jasyncio.AsyncIO#createConnection}: its transport and the protocol
 * it feeds (Python's {@code (transport, protocol)} tuple).
 */
public record Connected<P extends BaseProtocol>(Transport transport, P protocol) {}
