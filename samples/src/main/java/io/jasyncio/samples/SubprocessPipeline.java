package io.jasyncio.samples;

import static io.jasyncio.AsyncIO.*;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.jasyncio.Coro;
import io.jasyncio.annotations.Async;
import io.jasyncio.subprocess.Output;
import io.jasyncio.subprocess.Stdio;
import io.jasyncio.subprocess.Subprocess;
import io.jasyncio.sync.Semaphore;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Child processes: a shell-style pipeline ({@code printf ... | sort}) whose bytes this program
 * moves from one child to the other with backpressure, and CPU-bound work fanned out to child
 * processes (the place for it: the loop's thread must stay free), at most two at a time.
 */
public abstract class SubprocessPipeline {

  /** {@code printf lines | sort}, the pipe being this program: read a chunk, write it, drain. */
  @Async
  static Coro<String> sorted(List<String> lines) throws IOException {
    Subprocess producer =
        await(createSubprocessExec(List.of("printf", "%s\\n", String.join("\n", lines)), Stdio.DEVNULL, Stdio.PIPE, Stdio.INHERIT));
    Subprocess sort = await(createSubprocessExec(List.of("sort"), Stdio.PIPE, Stdio.PIPE, Stdio.INHERIT));
    while (true) {
      byte[] chunk = await(producer.stdout().read(64 * 1024));
      if (chunk.length == 0) {
        break;
      }
      sort.stdin().write(chunk);
      await(sort.stdin().drain()); // waits while sort has not taken enough
    }
    await(producer.waitFor());
    Output out = await(sort.communicate(null)); // closes sort's input, reads all it writes
    return done(new String(out.stdout(), UTF_8));
  }

  /** One piece of CPU-bound work in a child process: a checksum of {@code size} bytes. */
  @Async
  static Coro<String> checksum(int size, Semaphore slots, PrintStream out) throws IOException {
    await(slots.acquire());
    try {
      Subprocess child = await(createSubprocessExec(List.of("cksum"), Stdio.PIPE, Stdio.PIPE, Stdio.INHERIT));
      byte[] data = new byte[size];
      for (int i = 0; i < size; i++) {
        data[i] = (byte) (i * 31);
      }
      Output result = await(child.communicate(data));
      out.println("child " + child.pid() + " summed " + size + " bytes");
      return done(new String(result.stdout(), UTF_8).trim());
    } finally {
      slots.release();
    }
  }

  @Async
  static Coro<List<String>> fanOut(List<Integer> sizes, PrintStream out) throws IOException {
    Semaphore slots = new Semaphore(2);
    List<Coro<String>> work = new ArrayList<>();
    for (int size : sizes) {
      work.add(checksum(size, slots, out));
    }
    return done(await(gather(work)));
  }

  @Async
  static Coro<Void> demo(PrintStream out) throws IOException {
    out.print(await(sorted(List.of("pear", "apple", "fig", "banana"))));
    for (String sum : await(fanOut(List.of(1_000, 100_000, 1_000_000), out))) {
      out.println("cksum: " + sum);
    }
    return done();
  }

  public static void main(String[] args) throws Exception {
    run(AsyncSubprocessPipeline.demo(System.out));
  }
}
