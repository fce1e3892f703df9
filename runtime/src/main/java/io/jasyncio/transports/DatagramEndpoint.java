package io.jasyncio.transports;

import io.jasyncio.protocols.DatagramProtocol;

/**
 * A UDP endpoint made by {@link io.jasyncio.AsyncIO#createDatagramEndpoint}: its transport and its
 * protocol (Python's {@code (transport, protocol)} tuple).
 */
public record DatagramEndpoint<P extends DatagramProtocol>(DatagramTransport transport, P protocol) {}
