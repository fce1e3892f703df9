package io.jasyncio.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose body is an asyncio-style coroutine.
 *
 * <p>The method returns {@code io.jasyncio.Coro<T>} and is written as plain sequential Java that
 * calls {@code AsyncIO.await(...)} wherever it waits. At build time the jasyncio annotation
 * processor turns the body into a resumable state machine and writes it into a generated subclass
 * {@code AsyncX} of the declaring class {@code X} (nested {@code Outer.Inner} becomes {@code
 * AsyncOuter_Inner}): instance methods are overridden there, static methods get a static twin with
 * the same signature. Calling the method on an {@code AsyncX} instance (or {@code AsyncX.m(...)}
 * for a static one) returns a fresh, not yet started coroutine; awaiting it or wrapping it in a
 * task runs it.
 *
 * <p>The original body is compiled by javac but never run; if it is run anyway, the first
 * {@code await} throws an {@link IllegalStateException} naming the generated method to call.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Async {}
