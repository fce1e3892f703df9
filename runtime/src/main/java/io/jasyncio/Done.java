package io.jasyncio;

import java.util.Set;

/**
 * What {@link AsyncIO#waitFutures} returns: the futures that were done when the wait ended and
 * those still pending. Both sets hold the very objects that were passed in, in their original
 * order.
 *
 * @param <F> the type of the futures
 */
public record Done<F>(Set<F> done, Set<F> pending) {}
