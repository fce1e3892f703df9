package io.jasyncio;

/**
 * The JMX view of the loops running in this JVM, registered as {@code io.jasyncio:type=EventLoops}
 * a second after the first loop starts (set {@code -Djasyncio.jmx=false} to leave it out). From {@code
 * jconsole}, VisualVM or any JMX client, {@link #dumpTasks()} is what {@code python -m asyncio
 * pstree PID} shows for asyncio: every pending task of every running loop, where it waits and who
 * awaits it.
 */
public interface EventLoopsMXBean {
  /** How many loops are running now. */
  int getRunningLoops();

  /** {@link EventLoop#dumpTasks()} of every running loop, one after the other. */
  String dumpTasks();
}
