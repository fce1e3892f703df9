package io.jasyncio.benchmarks.echo;

import io.jasyncio.AsyncIO;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * W6, the echo workload, side by side in one run: {@code connections} clients each doing {@code
 * rounds} round trips of {@code size} bytes against an echo server on 127.0.0.1.
 *
 * <ul>
 *   <li>{@code jasyncio 1 loop}: server and clients on one event loop (one thread), the shape of
 *       the Python script;
 *   <li>{@code jasyncio 2 loops}: the server on one loop thread, the clients on another;
 *   <li>{@code virtual threads}: blocking sockets, a virtual thread per connection and per client
 *       (JDK 21+);
 *   <li>{@code CPython asyncio}: {@code benchmarks/python/echo_bench.py}, if a Python is given.
 * </ul>
 *
 * A harness rather than JMH: each measurement is a whole run of 200,000 round trips, repeated
 * after warm-up; the best and the median of the measured runs are printed.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.jasyncio.benchmarks.echo.EchoRoundTrips \
 *     [connections=100] [rounds=2000] [size=64] [runs=5] [python=python3]
 * </pre>
 */
public final class EchoRoundTrips {
  private EchoRoundTrips() {}

  public static void main(String[] args) throws Exception {
    int connections = intArg(args, "connections", 100);
    int rounds = intArg(args, "rounds", 2000);
    int size = intArg(args, "size", 64);
    int runs = intArg(args, "runs", 5);
    String python = stringArg(args, "python", null);
    long trips = (long) connections * rounds;
    System.out.printf(
        "W6 echo: %d connections x %d round trips x %d B on 127.0.0.1, %d measured runs, %s%n",
        connections, rounds, size, runs, Runtime.version());

    StreamsEcho echo = new AsyncStreamsEcho();
    report("jasyncio 1 loop", trips, runs, () -> AsyncIO.run(echo.oneLoop(connections, rounds, size)));
    report("jasyncio 2 loops", trips, runs, () -> twoLoops(echo, connections, rounds, size));
    if (VirtualThreadEcho.virtualThreads() != null) {
      report("virtual threads", trips, runs, () -> VirtualThreadEcho.run(connections, rounds, size));
    } else {
      System.out.println("virtual threads: skipped (JDK 21+ needed)");
    }
    if (python != null) {
      runPython(python, connections, rounds, size);
    }
  }

  interface Workload {
    int run() throws Exception;
  }

  private static int twoLoops(StreamsEcho echo, int connections, int rounds, int size)
      throws Exception {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    CompletableFuture<Void> stop = new CompletableFuture<>();
    Thread server =
        new Thread(
            () -> {
              try {
                AsyncIO.run(echo.serveUntil(port, stop));
              } catch (java.io.IOException e) {
                port.completeExceptionally(e);
              }
            },
            "echo-server-loop");
    server.start();
    try {
      return AsyncIO.run(echo.clients(port.get(), connections, rounds, size));
    } finally {
      stop.complete(null);
      server.join();
    }
  }

  private static void report(String name, long trips, int runs, Workload workload) throws Exception {
    for (int i = 0; i < 2; i++) {
      check(name, trips, workload.run()); // warm-up
    }
    double[] rates = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      int ok = workload.run();
      double seconds = (System.nanoTime() - start) / 1e9;
      check(name, trips, ok);
      rates[i] = trips / seconds;
    }
    java.util.Arrays.sort(rates);
    System.out.printf(
        "%-18s best %,10.0f round trips/s   median %,10.0f round trips/s%n",
        name, rates[runs - 1], rates[runs / 2]);
  }

  private static void check(String name, long trips, int ok) {
    if (ok != trips) {
      throw new IllegalStateException(name + ": " + ok + " of " + trips + " round trips correct");
    }
  }

  private static void runPython(String python, int connections, int rounds, int size)
      throws Exception {
    Process process =
        new ProcessBuilder(
                python,
                "benchmarks/python/echo_bench.py",
                String.valueOf(connections),
                String.valueOf(rounds),
                String.valueOf(size))
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        System.out.println(line);
      }
    }
    if (process.waitFor() != 0) {
      System.out.println("CPython asyncio: the script failed (exit " + process.exitValue() + ")");
    }
  }

  private static int intArg(String[] args, String name, int otherwise) {
    String value = stringArg(args, name, null);
    return value == null ? otherwise : Integer.parseInt(value);
  }

  private static String stringArg(String[] args, String name, String otherwise) {
    for (String arg : args) {
      if (arg.startsWith(name + "=")) {
        return arg.substring(name.length() + 1);
      }
    }
    return otherwise;
  }
}
