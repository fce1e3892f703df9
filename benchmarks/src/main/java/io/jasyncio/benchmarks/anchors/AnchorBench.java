package io.jasyncio.benchmarks.anchors;

import io.jasyncio.AsyncIO;
import io.jasyncio.EventLoop;
import io.jasyncio.Task;
import io.jasyncio.benchmarks.echo.AsyncStreamsEcho;
import io.jasyncio.sync.Event;
import java.util.Set;

/**
 * jasyncio's side of the anchor workloads (W1-W6 of {@code ../shared/anchors}), each round a
 * fresh {@code AsyncIO.run} of code the processor generated from {@link Workloads}. Arguments
 * name the workloads to run ({@code w1 ... w6}); output lines as the peers'.
 *
 * <pre>
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar io.jasyncio.benchmarks.anchors.AnchorBench w1 w3
 * </pre>
 */
public final class AnchorBench {
  static final int N1 = 1_000_000;
  static final int N2 = 1_000_000;
  static final int N3 = 10_000_000;
  static final int N4 = 100_000;
  static final int N5 = 1_000_000;
  static final int C6 = 100;
  static final int R6 = Integer.getInteger("r6", 2000);
  static final int MSG = 64;
  static final int NF1 = 10_000_000;
  static final int NF2 = 1_000_000;
  static volatile long sink;

  private AnchorBench() {}

  public static void main(String[] args) throws Exception {
    Set<String> w = Set.of(args.length == 0 ? new String[] {"w1", "w2", "w3", "w4", "w5", "w6"} : args);
    System.out.println("# jasyncio | java " + System.getProperty("java.vm.version") + " | args="
        + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    if (w.contains("f1")) {
      // Kotlin flow's peer (benchmarks/anchors/flow-compare.sh): a generator and an async
      // for-each loop, elements ready.
      Rounds.bench("F1 generator ready elements N=" + NF1, new String[] {"ns/element", "ms"}, () -> {
        long t0 = System.nanoTime();
        long sum = AsyncIO.run(io.jasyncio.benchmarks.AsyncGenerators.sumReady(NF1));
        long dt = System.nanoTime() - t0;
        sink = sum;
        return new double[] {(double) dt / NF1, dt / 1e6};
      });
    }
    if (w.contains("f2")) {
      Rounds.bench("F2 generator elements after a sleep(0) N=" + NF2, new String[] {"ns/element", "ms"}, () -> {
        long t0 = System.nanoTime();
        long sum = AsyncIO.run(io.jasyncio.benchmarks.AsyncGenerators.sumSuspending(NF2));
        long dt = System.nanoTime() - t0;
        sink = sum;
        return new double[] {(double) dt / NF2, dt / 1e6};
      });
    }
    if (w.contains("w1")) {
      Rounds.bench("W1 spawn N=" + N1, new String[] {"ms", "ns/task"}, () -> {
        long t0 = System.nanoTime();
        int done = AsyncIO.run(AsyncWorkloads.spawn(N1));
        long dt = System.nanoTime() - t0;
        check(done == N1);
        return new double[] {dt / 1e6, (double) dt / N1};
      });
    }
    if (w.contains("w2")) {
      Rounds.bench("W2 ping-pong Queue(1) N=" + N2, new String[] {"msg/s", "ms"}, () -> {
        long t0 = System.nanoTime();
        long sum = AsyncIO.run(AsyncWorkloads.pingPong(N2));
        long dt = System.nanoTime() - t0;
        check(sum == (long) N2 * (N2 - 1) / 2);
        return new double[] {N2 / (dt / 1e9), dt / 1e6};
      });
    }
    if (w.contains("w3")) {
      Rounds.bench("W3 await-chain (child with suspension point) N=" + N3, new String[] {"ns/await", "ms"}, () -> {
        long[] dt = new long[1];
        long s = AsyncIO.run(AsyncWorkloads.timed(N3, dt));
        sink = s;
        return new double[] {(double) dt[0] / N3, dt[0] / 1e6};
      });
    }
    if (w.contains("w4")) {
      Rounds.bench("W4 memory N=" + N4 + " suspended on Event", new String[] {"B/task", "MB"}, () -> {
        try (EventLoop loop = new EventLoop()) {
          Event event = new Event();
          int[] started = new int[1];
          Task<?>[] tasks = new Task<?>[N4];
          long base = Rounds.usedAfterGc();
          loop.callSoon(() -> {
            for (int i = 0; i < N4; i++) {
              tasks[i] = loop.createTask(AsyncWorkloads.waitOn(event, started));
            }
          });
          loop.runUntilComplete(AsyncIO.sleep(0)); // every task runs up to its wait
          loop.runUntilComplete(AsyncIO.sleep(0));
          check(started[0] == N4);
          long after = Rounds.usedAfterGc();
          loop.callSoon(event::set);
          for (Task<?> task : tasks) {
            loop.runUntilComplete(task);
          }
          return new double[] {(after - base) / (double) N4, (after - base) / 1048576.0};
        }
      });
    }
    if (w.contains("w5")) {
      int[] delays = Rounds.delaysMs(N5, 42);
      Rounds.bench("W5 timers N=" + N5 + " sleep(0..100ms)", new String[] {"overhead_ms", "wall_ms"}, () -> {
        long t0 = System.nanoTime();
        int done = AsyncIO.run(AsyncWorkloads.timers(delays));
        long dt = System.nanoTime() - t0;
        check(done == N5);
        return new double[] {dt / 1e6 - 100, dt / 1e6};
      });
    }
    if (w.contains("w6")) {
      AsyncStreamsEcho echo = new AsyncStreamsEcho();
      Rounds.bench("W6 echo " + C6 + " conns x " + R6 + " x " + MSG + "B, one loop", new String[] {"rt/s", "ms"}, () -> {
        long t0 = System.nanoTime();
        int ok = AsyncIO.run(echo.oneLoop(C6, R6, MSG));
        long dt = System.nanoTime() - t0;
        check(ok == C6 * R6);
        return new double[] {ok / (dt / 1e9), dt / 1e6};
      });
    }
    if (w.contains("w6p")) {
      // W6 in protocol mode (BufferedProtocol, no task per connection), beside streams mode.
      io.jasyncio.benchmarks.echo.AsyncProtocolEcho protocols = new io.jasyncio.benchmarks.echo.AsyncProtocolEcho();
      AsyncStreamsEcho streams = new AsyncStreamsEcho();
      for (int pass = 0; pass < 2; pass++) {
        Rounds.bench("W6p echo " + C6 + " conns x " + R6 + " x " + MSG + "B, protocols, one loop", new String[] {"rt/s", "ms"}, () -> {
          long t0 = System.nanoTime();
          int ok = AsyncIO.run(protocols.oneLoop(C6, R6, MSG));
          long dt = System.nanoTime() - t0;
          check(ok == C6 * R6);
          return new double[] {ok / (dt / 1e9), dt / 1e6};
        });
        Rounds.bench("W6s echo " + C6 + " conns x " + R6 + " x " + MSG + "B, streams, one loop", new String[] {"rt/s", "ms"}, () -> {
          long t0 = System.nanoTime();
          int ok = AsyncIO.run(streams.oneLoop(C6, R6, MSG));
          long dt = System.nanoTime() - t0;
          check(ok == C6 * R6);
          return new double[] {ok / (dt / 1e9), dt / 1e6};
        });
      }
    }
    if (w.contains("w6g")) {
      // W6 on an EventLoopGroup: server and clients on every loop (1, then 2 loops).
      AsyncStreamsEcho echo = new AsyncStreamsEcho();
      for (int loops : new int[] {1, 2}) {
        Rounds.bench("W6g echo " + C6 + " conns x " + R6 + " x " + MSG + "B, group of " + loops + " loops",
            new String[] {"rt/s", "ms"}, () -> {
          long[] dt = new long[1];
          int ok = echo.group(loops, C6, R6, MSG, dt);
          check(ok == C6 * R6);
          return new double[] {ok / (dt[0] / 1e9), dt[0] / 1e6};
        });
      }
    }
  }

  private static void check(boolean ok) {
    if (!ok) {
      throw new AssertionError("wrong result");
    }
  }
}
