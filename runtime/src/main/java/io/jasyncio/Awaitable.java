package io.jasyncio;

/**
 * Something {@code await(...)} accepts: a {@link Coro} (run inline in the awaiting task, like
 * {@code await coro()} in Python) or a {@link Future} (including {@link Task}: the awaiting task
 * suspends until it is done, unless it is done already). {@code await} also accepts any {@link
 * java.util.concurrent.CompletionStage}, through its own overload.
 *
 * <p>The interface is sealed: to make a type of your own awaitable, give it an {@code @Async}
 * method that returns a {@code Coro}, or have it extend {@code Future}.
 *
 * @param <T> the type of the value an await produces
 */
public sealed interface Awaitable<T> permits Coro, Future {}
