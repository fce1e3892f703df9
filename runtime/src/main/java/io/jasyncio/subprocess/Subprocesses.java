package io.jasyncio.subprocess;

import io.jasyncio.Coro;
import io.jasyncio.EventLoop;
import io.jasyncio.streams.StreamReader;
import io.jasyncio.streams.StreamWriter;
import io.jasyncio.streams.Streams;
import java.io.File;
import java.util.List;

/**
 * Starting child processes: asyncio's {@code create_subprocess_exec} and {@code
 * create_subprocess_shell}. The process starts when the coroutine is awaited.
 */
public final class Subprocesses {
  private Subprocesses() {}

  /**
   * Runs {@code command} (the program, then its arguments; no shell) with its standard streams
   * connected as given.
   *
   * @throws IllegalArgumentException if the command is empty, or {@code stdin}/{@code stdout} is
   *     {@link Stdio#STDOUT}
   * @throws java.io.IOException (when awaited) if the program cannot be started
   */
  public static Coro<Subprocess> exec(List<String> command, Stdio stdin, Stdio stdout, Stdio stderr)
      throws java.io.IOException {
    if (command == null || command.isEmpty()) {
      throw new IllegalArgumentException("the command must name a program");
    }
    if (stdin == Stdio.STDOUT || stdout == Stdio.STDOUT) {
      throw new IllegalArgumentException("STDOUT is for stderr only");
    }
    List<String> argv = List.copyOf(command);
    EventLoop loop = EventLoop.getRunningLoop();
    return new Coro<>() {
      @Override
      protected Object $resume(Object $in, Throwable $err) throws Throwable {
        if ($err != null) {
          throw $err;
        }
        return start(loop, argv, stdin, stdout, stderr);
      }

      @Override
      protected StackTraceElement $where() {
        return new StackTraceElement(Subprocesses.class.getName(), "exec", null, -1);
      }
    };
  }

  /** Runs {@code command} through the system shell ({@code /bin/sh -c}; {@code cmd /c} on Windows). */
  public static Coro<Subprocess> shell(String command, Stdio stdin, Stdio stdout, Stdio stderr)
      throws java.io.IOException {
    if (command == null) {
      throw new IllegalArgumentException("command must not be null");
    }
    boolean windows = File.separatorChar == '\\';
    return exec(
        windows ? List.of("cmd", "/c", command) : List.of("/bin/sh", "-c", command),
        stdin,
        stdout,
        stderr);
  }

  private static Subprocess start(
      EventLoop loop, List<String> argv, Stdio stdin, Stdio stdout, Stdio stderr)
      throws java.io.IOException {
    ProcessBuilder builder = new ProcessBuilder(argv);
    builder.redirectInput(
        stdin == Stdio.DEVNULL
            ? ProcessBuilder.Redirect.from(new File(File.separatorChar == '\\' ? "NUL" : "/dev/null"))
            : redirect(stdin));
    builder.redirectOutput(redirect(stdout));
    if (stderr == Stdio.STDOUT) {
      builder.redirectErrorStream(true);
    } else {
      builder.redirectError(redirect(stderr));
    }
    Process process = builder.start();
    String name = process.pid() + "-";
    StreamWriter in = stdin == Stdio.PIPE ? Streams.writePipe(process.getOutputStream(), name + "stdin") : null;
    StreamReader out = stdout == Stdio.PIPE ? Streams.readPipe(process.getInputStream(), name + "stdout") : null;
    StreamReader err = stderr == Stdio.PIPE ? Streams.readPipe(process.getErrorStream(), name + "stderr") : null;
    return new Subprocess(loop, process, in, out, err);
  }

  /** An output's redirect (standard input's DEVNULL is a file to read, handled apart). */
  private static ProcessBuilder.Redirect redirect(Stdio stdio) {
    switch (stdio) {
      case PIPE:
        return ProcessBuilder.Redirect.PIPE;
      case DEVNULL:
        return ProcessBuilder.Redirect.DISCARD;
      default:
        return ProcessBuilder.Redirect.INHERIT;
    }
  }
}
