package io.jasyncio.subprocess;

/**
 * What {@link Subprocess#communicate} collected: all of standard output and standard error, each
 * null when it was not a {@link Stdio#PIPE}.
 */
public record Output(byte[] stdout, byte[] stderr) {}
