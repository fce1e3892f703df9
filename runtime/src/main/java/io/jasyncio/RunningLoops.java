package io.jasyncio;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The loops running in this JVM, for the JMX view ({@link EventLoopsMXBean}). A loop joins when
 * it starts running and leaves when it stops. The MBean is registered once, on a daemon thread,
 * {@value #REGISTRATION_DELAY_MS} ms after the first loop starts: loading the JMX machinery costs
 * tens of milliseconds of CPU and fills the JIT's queue with its code, which a program's first
 * moments (and a short program, which never needs the view) should not pay for.
 */
final class RunningLoops implements EventLoopsMXBean {
  private static final Set<EventLoop> LOOPS = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean REGISTERED = new AtomicBoolean();
  private static final boolean ENABLED =
      !"false".equalsIgnoreCase(System.getProperty("jasyncio.jmx"));

  static final long REGISTRATION_DELAY_MS = 1000;

  static void started(EventLoop loop) {
    LOOPS.add(loop);
    if (ENABLED && !REGISTERED.get() && REGISTERED.compareAndSet(false, true)) {
      Thread registration = new Thread(RunningLoops::registerLater, "jasyncio-jmx-registration");
      registration.setDaemon(true);
      registration.start();
    }
  }

  static void stopped(EventLoop loop) {
    LOOPS.remove(loop);
  }

  private static void registerLater() {
    try {
      Thread.sleep(REGISTRATION_DELAY_MS);
    } catch (InterruptedException e) {
      return;
    }
    register();
  }

  private static void register() {
    try {
      javax.management.MBeanServer server =
          java.lang.management.ManagementFactory.getPlatformMBeanServer();
      javax.management.ObjectName name =
          new javax.management.ObjectName("io.jasyncio:type=EventLoops");
      if (!server.isRegistered(name)) {
        server.registerMBean(new RunningLoops(), name);
      }
    } catch (Exception | LinkageError e) {
      EventLoop.LOGGER.log(
          System.Logger.Level.DEBUG, "jasyncio: JMX view not registered: " + e, e);
    }
  }

  @Override
  public int getRunningLoops() {
    return LOOPS.size();
  }

  @Override
  public String dumpTasks() {
    StringBuilder text = new StringBuilder();
    for (EventLoop loop : LOOPS) {
      text.append(loop.dumpTasks()).append('\n');
    }
    return text.length() == 0 ? "no event loop is running\n" : text.toString();
  }
}
