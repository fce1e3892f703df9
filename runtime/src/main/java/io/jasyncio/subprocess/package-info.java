/**
 * Child processes, asyncio's {@code asyncio.subprocess}: start a program, talk to it through
 * streams, wait for it, without blocking the loop.
 */
package io.jasyncio.subprocess;
