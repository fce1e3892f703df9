package io.jasyncio.subprocess;

import static io.jasyncio.AsyncIO.*;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.condition.OS.WINDOWS;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;

/** Child processes through pipes (asyncio.subprocess), with the POSIX tools every CI host has. */
@Timeout(60)
@DisabledOnOs(WINDOWS)
abstract class SubprocessTest {
  static String s(byte[] data) {
    return new String(data, US_ASCII);
  }

  @Async
  Coro<String> catEchoes() throws IOException {
    Subprocess cat = await(createSubprocessExec(List.of("cat"), Stdio.PIPE, Stdio.PIPE, Stdio.INHERIT));
    Integer before = cat.returncode();
    cat.stdin().write("hello\n".getBytes(US_ASCII));
    await(cat.stdin().drain());
    String line = s(await(cat.stdout().readline()));
    cat.stdin().close();
    byte[] rest = await(cat.stdout().read(-1));
    int code = await(cat.waitFor());
    return done(before + " " + line.trim() + " " + rest.length + " " + code + " " + cat.returncode());
  }

  @Test
  void linesGoThroughAChildAndBackAndItsExitIsAwaited() throws Exception {
    assertEquals("null hello 0 0 0", run(catEchoes()));
  }

  @Async
  Coro<String> bigOutputs() throws IOException {
    Subprocess p =
        await(
            createSubprocessShell(
                "head -c 5000000 /dev/zero; echo err >&2; head -c 3000000 /dev/zero >&2",
                Stdio.DEVNULL,
                Stdio.PIPE,
                Stdio.PIPE));
    Output out = await(p.communicate(null));
    return done(out.stdout().length + " " + out.stderr().length + " " + p.returncode());
  }

  @Test
  void communicateReadsLargeOutputsOnBothStreamsWithoutDeadlock() throws Exception {
    assertEquals("5000000 3000004 0", run(bigOutputs()));
  }

  @Async
  Coro<String> bigInput() throws IOException {
    Subprocess wc = await(createSubprocessExec(List.of("wc", "-c"), Stdio.PIPE, Stdio.PIPE, Stdio.INHERIT));
    Output out = await(wc.communicate(new byte[3_000_000]));
    return done(s(out.stdout()).trim() + " " + (out.stderr() == null) + " " + wc.returncode());
  }

  @Test
  void communicateFeedsLargeInputWhileReadingTheOutput() throws Exception {
    assertEquals("3000000 true 0", run(bigInput()));
  }

  @Async
  Coro<String> stopsReadingEarly() throws IOException {
    Subprocess head =
        await(createSubprocessExec(List.of("head", "-c", "10"), Stdio.PIPE, Stdio.PIPE, Stdio.INHERIT));
    Output out = await(head.communicate(new byte[10_000_000]));
    return done(out.stdout().length + " " + head.returncode());
  }

  @Test
  void aChildThatStopsReadingItsInputIsNotAnError() throws Exception {
    assertEquals("10 0", run(stopsReadingEarly()));
  }

  @Async
  Coro<String> statusesAndSignals() throws IOException {
    Subprocess three = await(createSubprocessShell("exit 3", Stdio.DEVNULL, Stdio.DEVNULL, Stdio.DEVNULL));
    int code = await(three.waitFor());
    Subprocess merged =
        await(createSubprocessShell("echo out; echo err >&2", Stdio.DEVNULL, Stdio.PIPE, Stdio.STDOUT));
    Output both = await(merged.communicate(null));
    Subprocess terminated = await(createSubprocessExec(List.of("sleep", "30"), Stdio.DEVNULL, Stdio.DEVNULL, Stdio.INHERIT));
    terminated.terminate();
    int term = await(terminated.waitFor());
    Subprocess killed = await(createSubprocessExec(List.of("sleep", "30"), Stdio.DEVNULL, Stdio.DEVNULL, Stdio.INHERIT));
    killed.kill();
    int kill = await(killed.waitFor());
    return done(code + " " + s(both.stdout()).replace("\n", ",") + " " + both.stderr() + " " + term + " " + kill);
  }

  @Test
  void exitStatusesStderrIntoStdoutTerminateAndKill() throws Exception {
    assertEquals("3 out,err, null 143 137", run(statusesAndSignals()));
  }

  @Async
  Coro<String> signalled() throws IOException {
    String script = "trap 'echo got USR1; exit 3' USR1; echo ready; while true; do sleep 0.05; done";
    Subprocess child =
        await(createSubprocessExec(List.of("sh", "-c", script), Stdio.DEVNULL, Stdio.PIPE, Stdio.INHERIT));
    String ready = s(await(child.stdout().readline())).trim(); // the trap is set from here on
    child.sendSignal("USR1");
    String got = s(await(child.stdout().readline())).trim();
    int code = await(child.waitFor());
    child.sendSignal("USR1"); // exited: nothing happens
    child.sendSignal(10);
    String refused;
    Subprocess other =
        await(createSubprocessExec(List.of("sleep", "30"), Stdio.DEVNULL, Stdio.DEVNULL, Stdio.INHERIT));
    try {
      other.sendSignal("NOSUCHSIGNAL");
      refused = "sent";
    } catch (IllegalArgumentException e) {
      refused = "refused";
    }
    other.sendSignal("SIGKILL");
    return done(ready + " " + got + " " + code + " " + refused + " " + await(other.waitFor()));
  }

  @Test
  void sendSignalDeliversAnySignalByNameAndIgnoresAnExitedChild() throws Exception {
    assertEquals("ready got USR1 3 refused 137", run(signalled()));
  }

  @Async
  Coro<Integer> signalledByNumber() throws IOException {
    Subprocess sleeper =
        await(createSubprocessExec(List.of("sleep", "30"), Stdio.DEVNULL, Stdio.DEVNULL, Stdio.INHERIT));
    sleeper.sendSignal(15); // SIGTERM's number on every Unix, sent by kill -15
    return done(await(sleeper.waitFor()));
  }

  @Test
  void sendSignalByNumberReachesARunningChild() throws Exception {
    assertEquals(143, run(signalledByNumber()));
  }

  @Async
  Coro<Long> leaveRunning() throws IOException {
    Subprocess sleeper =
        await(createSubprocessExec(List.of("sleep", "30"), Stdio.DEVNULL, Stdio.DEVNULL, Stdio.INHERIT));
    return done(sleeper.pid()); // returns without waiting for it
  }

  @Test
  void theLoopsShutdownKillsAChildStillRunning() throws Exception {
    long pid = run(leaveRunning());
    ProcessHandle child = ProcessHandle.of(pid).orElse(null);
    if (child != null) {
      child.onExit().get(20, TimeUnit.SECONDS);
      assertFalse(child.isAlive());
    }
  }

  @Async
  Coro<String> cancelledWait() throws IOException {
    Subprocess sleeper =
        await(createSubprocessExec(List.of("sleep", "30"), Stdio.DEVNULL, Stdio.DEVNULL, Stdio.INHERIT));
    try {
      await(waitFor(sleeper.waitFor(), 0.05));
      return done("exited?");
    } catch (io.jasyncio.TimeoutError e) {
      boolean alive = sleeper.returncode() == null;
      sleeper.kill();
      int code = await(sleeper.waitFor());
      return done(alive + " " + code);
    }
  }

  @Test
  void aCancelledWaitLeavesTheChildRunningAsInAsyncio() throws Exception {
    assertEquals("true 137", run(cancelledWait()));
  }

  @Async
  Coro<String> noSuchProgram() throws IOException {
    try {
      await(createSubprocessExec(List.of("/nonexistent/program"), Stdio.DEVNULL, Stdio.PIPE, Stdio.PIPE));
      return done("started");
    } catch (IOException e) {
      return done(e.getMessage());
    }
  }

  @Test
  void aProgramThatCannotStartFailsTheAwaitWithTheSystemsReason() throws Exception {
    String message = run(noSuchProgram());
    assertTrue(message.contains("/nonexistent/program"), message);
  }
}
