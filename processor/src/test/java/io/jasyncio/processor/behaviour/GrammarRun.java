package io.jasyncio.processor.behaviour;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Large runs of {@link GrammarProgramsTest}'s check, on every core, with a running report: each
 * batch's figures and every defect go to the report file as they are found.
 *
 * <pre>
 * mvn -q -B -pl processor -am test-compile
 * java -XX:-OmitStackTraceInFastThrow \
 *     -cp processor/target/test-classes:processor/target/classes:$(cat processor/target/test-classpath.txt) \
 *     io.jasyncio.processor.behaviour.GrammarRun SEED COUNT [THREADS] [REPORT] [--no-cancel] [--from=N]
 * </pre>
 *
 * <p>{@code --from=N} starts at program N of the seed (the programs before it are not generated):
 * a run too long for one sitting goes on where the report's last "up to" line left it, appending
 * to the same report; its programs are the ones one uninterrupted run would have drawn.
 *
 * <p>A batch still running after {@code -Djasyncio.grammar.stall} seconds (900) is written to the
 * report as STALLED, with its worker's stack, then an "up to" past it, and the run exits with
 * status 3: resumed from that "up to", the run goes on after the stalled batch.
 *
 * (the classpath file is written by the processor module's build, see its pom; without the flag,
 * HotSpot may give a hot place that throws often its preallocated exception without a message,
 * in one of the two versions only, and the run reports it as a difference).
 */
public final class GrammarRun {
  private GrammarRun() {}

  public static void main(String[] args) throws Exception {
    long seed = Long.parseLong(args[0]);
    int count = Integer.parseInt(args[1]);
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
    Path report = Path.of(args.length > 3 ? args[3] : "grammar-run.txt");
    boolean cancel = !List.of(args).contains("--no-cancel");
    int first = 0;
    for (String arg : args) {
      if (arg.startsWith("--from=")) {
        first = Integer.parseInt(arg.substring("--from=".length()));
      }
    }
    int batch = 200;
    long started = System.nanoTime();
    write(report, "seed " + seed + ", programs " + first + " to " + count + ", JDK " + Runtime.version() + "\n");
    if (!java.lang.management.ManagementFactory.getRuntimeMXBean()
        .getInputArguments()
        .contains("-XX:-OmitStackTraceInFastThrow")) {
      write(report, "WARNING: without -XX:-OmitStackTraceInFastThrow, messages may differ\n");
    }
    AtomicInteger next = new AtomicInteger(first);
    GrammarHarness.Report total = new GrammarHarness.Report();
    // A batch that runs far longer than batches do is a finding, not a reason to stop a run of
    // hours: it is reported with its worker's stack, counted as done, and the run ends (exit 3),
    // so that a run resumed from the report's last "up to" goes on after it.
    long stallNanos = Long.getLong("jasyncio.grammar.stall", 900) * 1_000_000_000L;
    java.util.Map<Thread, long[]> running = new java.util.concurrent.ConcurrentHashMap<>();
    Thread watchdog =
        new Thread(
            () -> {
              for (;;) {
                try {
                  Thread.sleep(10_000);
                } catch (InterruptedException stop) {
                  return;
                }
                for (java.util.Map.Entry<Thread, long[]> busy : running.entrySet()) {
                  if (System.nanoTime() - busy.getValue()[1] > stallNanos) {
                    StringBuilder stack = new StringBuilder();
                    for (StackTraceElement frame : busy.getKey().getStackTrace()) {
                      stack.append("\n    at ").append(frame);
                    }
                    long from = busy.getValue()[0];
                    synchronized (total) {
                      write(report, "STALLED batch from " + from + " (seed " + seed + "), its worker:" + stack + "\n");
                      write(
                          report,
                          String.format(
                              "[%.1f min] up to %d: %s (the stalled batch left out)%n",
                              (System.nanoTime() - started) / 60e9, from + batch, total.summary()));
                    }
                    System.exit(3);
                  }
                }
              }
            },
            "stall-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          pool.submit(
              () -> {
                for (int from = next.getAndAdd(batch); from < count; from = next.getAndAdd(batch)) {
                  GrammarHarness.Report one;
                  running.put(Thread.currentThread(), new long[] {from, System.nanoTime()});
                  try {
                    one = GrammarHarness.batch(seed, from, Math.min(count, from + batch), cancel);
                    running.remove(Thread.currentThread());
                  } catch (RuntimeException | Error crashed) {
                    running.remove(Thread.currentThread());
                    // The harness itself failed on this batch: say so and go on with the next.
                    java.io.StringWriter trace = new java.io.StringWriter();
                    crashed.printStackTrace(new java.io.PrintWriter(trace));
                    write(report, "CRASHED batch from " + from + " (seed " + seed + "): " + trace + "\n");
                    continue;
                  }
                  synchronized (total) {
                    total.add(one);
                    double minutes = (System.nanoTime() - started) / 60e9;
                    StringBuilder line = new StringBuilder();
                    line.append(String.format("[%.1f min] up to %d: %s%n", minutes, from + batch, total.summary()));
                    for (String defect : one.refusals) {
                      line.append("REFUSED ").append(defect).append('\n');
                    }
                    for (String defect : one.compileDefects) {
                      line.append("DID NOT COMPILE ").append(defect).append('\n');
                    }
                    for (String defect : one.mismatches) {
                      line.append("DIFFERENT ").append(defect).append('\n');
                    }
                    write(report, line.toString());
                  }
                }
                return null;
              }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdown();
    write(report, "DONE " + total.summary() + "\njavac rejected, by reason: " + total.rejections + "\n");
    System.out.println(total.summary());
    System.exit(total.clean() ? 0 : 1);
  }

  private static void write(Path report, String text) {
    try {
      Files.writeString(report, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
