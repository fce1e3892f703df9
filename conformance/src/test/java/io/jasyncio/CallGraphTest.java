package io.jasyncio;

import static io.jasyncio.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.annotations.Async;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Call-graph introspection (asyncio 3.14's capture_call_graph, pstree): who waits for what. */
@Timeout(30)
abstract class CallGraphTest {

  /** The line of this file that contains {@code marker}. */
  static int lineOf(String marker) throws Exception {
    List<String> lines = Files.readAllLines(Path.of("src/test/java/io/jasyncio/CallGraphTest.java"));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker) && !lines.get(i).contains("lineOf(")) {
        return i + 1;
      }
    }
    throw new AssertionError("no line with " + marker);
  }

  @Async
  Coro<CallGraph> inner() {
    await(sleep(0));
    return done(captureCallGraph()); // <- captured here
  }

  @Async
  Coro<CallGraph> outer() {
    return done(await(inner())); // <- awaits inner
  }

  @Test
  void theCallStackNamesEachAsyncFrameAtItsOriginalLineInnermostFirst() throws Exception {
    CallGraph graph = runWithVirtualTime(outer());
    List<StackTraceElement> stack = graph.callStack();
    assertEquals(2, stack.size(), stack.toString());
    assertEquals("inner", stack.get(0).getMethodName());
    assertEquals(lineOf("// <- captured here"), stack.get(0).getLineNumber());
    assertEquals("CallGraphTest.java", stack.get(0).getFileName());
    assertEquals("outer", stack.get(1).getMethodName());
    assertEquals(lineOf("// <- awaits inner"), stack.get(1).getLineNumber());
  }

  @Async
  Coro<Void> waitOn(Future<?> gate) {
    await(gate); // <- waits on the gate
    return done();
  }

  @Async
  Coro<String> awaitsTaskDirectly() {
    Future<Object> gate = getRunningLoop().createFuture();
    Task<Void> child = createTask(waitOn(gate), "child");
    Task<String> parent = createTask(awaitChild(child), "parent");
    await(sleep(0));
    await(sleep(0));
    String text = captureCallGraph(child).format();
    gate.cancel();
    try {
      await(parent);
    } catch (CancelledError expected) {
      // the gate's cancellation went through
    }
    return done(text);
  }

  @Async
  Coro<String> awaitChild(Task<Void> child) {
    await(child); // <- parent awaits child
    return done("");
  }

  @Test
  void aTaskAwaitingAnotherIsWhatAwaitsIt() throws Exception {
    String text = runWithVirtualTime(awaitsTaskDirectly());
    assertEquals(
        "* Task(name='child')\n"
            + "  + Call stack:\n"
            + "  |   at io.jasyncio.CallGraphTest.waitOn(CallGraphTest.java:" + lineOf("// <- waits on the gate") + ")\n"
            + "  + Awaited by:\n"
            + "     * Task(name='parent')\n"
            + "       + Call stack:\n"
            + "       |   at io.jasyncio.CallGraphTest.awaitChild(CallGraphTest.java:" + lineOf("// <- parent awaits child") + ")\n",
        text);
  }

  @Async
  Coro<String> gathered() {
    Future<Object> gate = getRunningLoop().createFuture();
    Task<Void> a = createTask(waitOn(gate), "a");
    Task<Void> b = createTask(waitOn(gate), "b");
    Task<Object> parent = createTask(gatherBoth(a, b), "gatherer");
    await(sleep(0));
    await(sleep(0));
    String text = captureCallGraph(a).format();
    gate.setResult(null);
    await(parent);
    return done(text);
  }

  @Async
  Coro<Object> gatherBoth(Task<Void> a, Task<Void> b) {
    await(gather(a, b)); // <- gathers
    return done(null);
  }

  @Test
  void throughGatherTheChildIsAwaitedByTheGatherFutureAndThatByItsTask() throws Exception {
    String text = runWithVirtualTime(gathered());
    assertTrue(text.contains("* Task(name='a')"), text);
    assertTrue(text.contains("+ Awaited by:\n     * Future(gather)\n"), text);
    assertTrue(text.contains("* Task(name='gatherer')"), text);
    assertTrue(text.contains("CallGraphTest.gatherBoth(CallGraphTest.java:" + lineOf("// <- gathers") + ")"), text);
  }

  @Async
  Coro<String> inAGroup() {
    Future<Object> gate = getRunningLoop().createFuture();
    String text;
    try (TaskGroup tg = new TaskGroup()) {
      Task<Void> child = tg.createTask(waitOn(gate), "member");
      await(sleep(0));
      text = captureCallGraph(child).format();
      gate.setResult(null);
    }
    return done(text);
  }

  @Test
  void aTaskGroupMemberIsAwaitedByTheGroupsTask() throws Exception {
    String text = runWithVirtualTime(inAGroup());
    assertTrue(text.startsWith("* Task(name='member')"), text);
    assertTrue(text.contains("+ Awaited by:\n     * Task(name='Task-"), text);
    assertTrue(text.contains("CallGraphTest.inAGroup(CallGraphTest.java:"), text);
  }

  @Async
  Coro<Void> parkedForever(CountDownLatch started) {
    started.countDown();
    await(getRunningLoop().createFuture()); // <- parked
    return done();
  }

  @Test
  void aRunningLoopsTasksCanBeDumpedFromAnotherThreadAndThroughJmx() throws Exception {
    EventLoop loop = EventLoop.withVirtualTime();
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Void> running = new CompletableFuture<>();
    Thread loopThread =
        new Thread(
            () -> {
              try {
                loop.runUntilComplete(loop.createTask(parkedForever(started), "parked"));
              } catch (Throwable e) {
                running.complete(null);
              }
            });
    loopThread.start();
    started.await();
    String parkedAt = "CallGraphTest.parkedForever(CallGraphTest.java:" + lineOf("// <- parked") + ")";

    String dump = loop.dumpTasks();
    assertTrue(dump.contains("1 pending task"), dump);
    assertTrue(dump.contains("* Task(name='parked')"), dump);
    assertTrue(dump.contains(parkedAt), dump);

    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("io.jasyncio:type=EventLoops");
    for (int i = 0; i < 1000 && !server.isRegistered(name); i++) {
      Thread.sleep(10); // registered by a daemon thread a second after the first loop started
    }
    String viaJmx = (String) server.invoke(name, "dumpTasks", new Object[0], new String[0]);
    assertTrue(viaJmx.contains(parkedAt), viaJmx);
    assertTrue((Integer) server.getAttribute(name, "RunningLoops") >= 1);

    loop.callSoonThreadsafe(() -> loop.allTasks().forEach(Task::cancel));
    loopThread.join();
    loop.close();
  }
}
