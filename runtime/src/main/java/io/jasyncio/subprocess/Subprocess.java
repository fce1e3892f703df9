package io.jasyncio.subprocess;

import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.streams.StreamReader;
import io.jasyncio.streams.StreamWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A running child process (asyncio's {@code asyncio.subprocess.Process}), made by {@link
 * Subprocesses#exec} or {@link Subprocesses#shell}. Its piped streams are ordinary {@link
 * StreamWriter}/{@link StreamReader}s, fed by threads that do the blocking pipe I/O.
 *
 * <p>Cancelling a task that waits in {@link #waitFor()} or {@link #communicate} does not kill the
 * child, as in asyncio: kill it in a {@code finally} if it must not outlive the wait. When the
 * loop shuts down ({@code AsyncIO.run}'s end, {@code Runner.close()}) with the child still running,
 * the child is killed: a program never leaves a process behind.
 *
 * <p>Not thread-safe: use it on its loop's thread.
 */
public final class Subprocess {
  private final Process process;
  private final StreamWriter stdin;
  private final StreamReader stdout;
  private final StreamReader stderr;
  /** Waits for the exit on the loop; cancelled at loop shutdown, which kills the child. */
  private final Task<Integer> exit;

  Subprocess(
      EventLoop loop, Process process, StreamWriter stdin, StreamReader stdout, StreamReader stderr) {
    this.process = process;
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
    this.exit = loop.createTask(new ExitWatch(process), "exit of pid " + process.pid());
  }

  /** The child's standard input, if it was {@link Stdio#PIPE}; else null. */
  public StreamWriter stdin() {
    return stdin;
  }

  /** The child's standard output, if it was {@link Stdio#PIPE}; else null. */
  public StreamReader stdout() {
    return stdout;
  }

  /** The child's standard error, if it was {@link Stdio#PIPE}; else null. */
  public StreamReader stderr() {
    return stderr;
  }

  /** The child's process id. */
  public long pid() {
    return process.pid();
  }

  /**
   * The exit status once the child has exited, else null; after a kill by a signal, 128 plus the
   * signal's number on Unix (Java's convention; asyncio gives its negative).
   */
  public Integer returncode() {
    return process.isAlive() ? null : process.exitValue();
  }

  /** Waits for the child to exit; returns {@link #returncode()}. */
  public Coro<Integer> waitFor() {
    Task<Integer> watched = exit;
    return new Coro<>() {
      @Override
      protected Object $resume(Object $in, Throwable $err) throws Throwable {
        if ($err != null) {
          throw $err;
        }
        if ($label == 0) {
          $label = 1;
          // Shielded: a cancelled wait leaves the child and its watch alone (asyncio's wait()).
          Object out = $await(AsyncIO.shield(watched));
          if (out == $SUSPEND) {
            return $SUSPEND;
          }
          return out;
        }
        return $in;
      }

      @Override
      protected StackTraceElement $where() {
        return new StackTraceElement(Subprocess.class.getName(), "waitFor", null, -1);
      }
    };
  }

  /**
   * Sends {@code input} (if not null) to standard input and closes it, reads standard output and
   * standard error to their ends, all at once (so a child that writes much before it reads cannot
   * deadlock with this side), then waits for the exit. A child that stops reading early (a broken
   * pipe) is not an error.
   *
   * @throws IllegalStateException (when awaited) if input is given and stdin is not a pipe
   */
  public Coro<Output> communicate(byte[] input) {
    return new Communicate(this, input);
  }

  /** Asks the child to end (SIGTERM on Unix). */
  public void terminate() {
    process.destroy();
  }

  /** Ends the child at once (SIGKILL on Unix). */
  public void kill() {
    process.destroyForcibly();
  }

  /**
   * Sends the signal {@code name} ({@code "USR1"}, {@code "HUP"}, {@code "INT"}, ...) to the child,
   * as asyncio's {@code send_signal}; does nothing once the child has exited. {@code "TERM"} and
   * {@code "KILL"} are {@link #terminate()} and {@link #kill()}. Java has no call to send any other
   * signal, so those are sent by the system's {@code kill} command, started and waited for here:
   * a millisecond or two of the loop's time, on Unix only.
   *
   * @throws UnsupportedOperationException on a system without {@code kill}, for other signals
   * @throws IllegalArgumentException if {@code kill} does not know the signal
   */
  public void sendSignal(String name) {
    if (!process.isAlive()) {
      return;
    }
    String signal = name.startsWith("SIG") ? name.substring(3) : name;
    switch (signal) {
      case "TERM" -> terminate();
      case "KILL" -> kill();
      default -> runKill("-s", signal);
    }
  }

  /** {@link #sendSignal(String)} by number, as {@code kill -<number>} takes it. */
  public void sendSignal(int number) {
    if (!process.isAlive()) {
      return;
    }
    if (number <= 0) {
      throw new IllegalArgumentException("not a signal: " + number);
    }
    runKill("-" + number);
  }

  private void runKill(String... signal) {
    if (System.getProperty("os.name", "").startsWith("Windows")) {
      throw new UnsupportedOperationException("signals other than TERM and KILL need a Unix kill");
    }
    List<String> command = new ArrayList<>(List.of("kill"));
    command.addAll(List.of(signal));
    command.add(Long.toString(process.pid()));
    try {
      Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] said = kill.getInputStream().readAllBytes();
      if (kill.waitFor() != 0 && process.isAlive()) {
        throw new IllegalArgumentException(
            String.join(" ", command) + ": " + new String(said, java.nio.charset.StandardCharsets.UTF_8).trim());
      }
    } catch (java.io.IOException e) {
      throw new UnsupportedOperationException("cannot run kill to send a signal", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending a signal", e);
    }
  }

  @Override
  public String toString() {
    Integer code = returncode();
    return "<Subprocess pid=" + pid() + (code == null ? " running" : " returncode=" + code) + ">";
  }

  /** The exit, awaited on the loop; a cancellation (loop shutdown) kills the child. */
  private static final class ExitWatch extends Coro<Integer> {
    private final Process process;

    ExitWatch(Process process) {
      this.process = process;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      if ($label == 0) {
        $label = 1;
        Object out = $await(process.onExit());
        if (out == $SUSPEND) {
          return $SUSPEND;
        }
      } else if ($err != null) {
        process.destroyForcibly();
        throw $err;
      }
      return process.exitValue();
    }

    @Override
    protected StackTraceElement $where() {
      return new StackTraceElement(Subprocess.class.getName(), "waitFor", null, -1);
    }
  }

  /**
   * communicate(): feeds stdin and reads both outputs as tasks gathered together, then waits.
   *
   * <p>States: 0 start; 1 waiting for the gather; 2 waiting for the exit.
   */
  private static final class Communicate extends Coro<Output> {
    private final Subprocess owner;
    private final byte[] input;
    private List<Object> results;

    Communicate(Subprocess owner, byte[] input) {
      this.owner = owner;
      this.input = input;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      if ($err != null) {
        throw $err;
      }
      switch ($label) {
        case 0:
          {
            if (input != null && owner.stdin == null) {
              throw new IllegalStateException("communicate(input) needs stdin=PIPE");
            }
            List<Coro<?>> parts = new ArrayList<>(3);
            parts.add(owner.stdin == null ? AsyncIO.sleep(0) : new FeedStdin(owner.stdin, input));
            parts.add(owner.stdout == null ? AsyncIO.sleep(0) : owner.stdout.read(-1));
            parts.add(owner.stderr == null ? AsyncIO.sleep(0) : owner.stderr.read(-1));
            $label = 1;
            Object out = $await(AsyncIO.gather(parts));
            if (out == $SUSPEND) {
              return $SUSPEND;
            }
            $in = out;
          }
          // fall through
        case 1:
          {
            results = (List<Object>) $in;
            $label = 2;
            Object out = $await(owner.waitFor());
            if (out == $SUSPEND) {
              return $SUSPEND;
            }
          }
          // fall through
        default:
          return new Output(
              owner.stdout == null ? null : (byte[]) results.get(1),
              owner.stderr == null ? null : (byte[]) results.get(2));
      }
    }

    @Override
    protected StackTraceElement $where() {
      return new StackTraceElement(Subprocess.class.getName(), "communicate", null, -1);
    }
  }

  /** Writes the input (if any), drains, closes stdin; a broken pipe ends it quietly. */
  private static final class FeedStdin extends Coro<Void> {
    private final StreamWriter stdin;
    private final byte[] input;

    FeedStdin(StreamWriter stdin, byte[] input) {
      this.stdin = stdin;
      this.input = input;
    }

    @Override
    protected Object $resume(Object $in, Throwable $err) throws Throwable {
      if ($label == 0) {
        $label = 1;
        if (input != null && input.length > 0) {
          stdin.write(input);
          Object out = $await(stdin.drain());
          if (out == $SUSPEND) {
            return $SUSPEND;
          }
        }
      } else if ($err instanceof java.io.IOException) {
        // The child stopped reading (broken pipe): what it did not read is not an error here.
        $err = null;
      }
      if ($err != null) {
        throw $err;
      }
      stdin.close();
      return null;
    }

    @Override
    protected StackTraceElement $where() {
      return new StackTraceElement(Subprocess.class.getName(), "communicate", null, -1);
    }
  }
}
