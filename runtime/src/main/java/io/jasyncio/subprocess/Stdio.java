package io.jasyncio.subprocess;

/** What a child process's standard stream is connected to (asyncio's constants of the same use). */
public enum Stdio {
  /** The parent's own stream (asyncio's {@code None}, the default). */
  INHERIT,
  /** A pipe to this program: a {@link io.jasyncio.streams.StreamWriter} or {@code StreamReader}. */
  PIPE,
  /** The null device: nothing in, everything out discarded. */
  DEVNULL,
  /** For standard error only: into the same place as standard output. */
  STDOUT
}
