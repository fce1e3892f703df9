package io.jasyncio.benchmarks.anchors;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Warm-up rounds, then measured rounds, each line "label: metric=median (min-max) ...
 * procCPU_ms=..." in the format of the peers' programs, so one script compares both sides.
 */
final class Rounds {
  static final int WARM = Integer.getInteger("warm", 3);
  static final int MEAS = Integer.getInteger("meas", 5);

  interface Round {
    double[] run() throws Exception;
  }

  private Rounds() {}

  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static void bench(String label, String[] names, Round round) throws Exception {
    System.out.println("  ... " + label + " started loadavg=" + loadavg());
    for (int i = 0; i < WARM; i++) {
      round.run();
    }
    double[][] values = new double[MEAS][];
    for (int i = 0; i < MEAS; i++) {
      long cpu = cpuNanos();
      double[] measured = round.run();
      values[i] = Arrays.copyOf(measured, measured.length + 1);
      values[i][measured.length] = (cpuNanos() - cpu) / 1e6;
    }
    StringBuilder line = new StringBuilder(label).append(": ");
    String[] all = Arrays.copyOf(names, names.length + 1);
    all[names.length] = "procCPU_ms";
    for (int k = 0; k < all.length; k++) {
      double[] column = new double[MEAS];
      for (int i = 0; i < MEAS; i++) {
        column[i] = values[i][k];
      }
      Arrays.sort(column);
      double median =
          MEAS % 2 == 1 ? column[MEAS / 2] : (column[MEAS / 2 - 1] + column[MEAS / 2]) / 2;
      line.append(all[k]).append('=').append(format(median)).append(" (").append(format(column[0]))
          .append('-').append(format(column[MEAS - 1])).append(")  ");
    }
    // Each measured round's first metric, as the peers' harness prints them.
    line.append(" [rounds: ");
    for (int i = 0; i < MEAS; i++) {
      line.append(i == 0 ? "" : ",").append(format(values[i][0]));
    }
    line.append("; warm=").append(WARM).append(" meas=").append(MEAS).append(']');
    System.out.println(line.toString().trim());
  }

  static String format(double d) {
    double a = Math.abs(d);
    if (a >= 1e5) {
      return String.format(Locale.ROOT, "%.4g", d);
    }
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.0f", d);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", d);
    }
    return String.format(Locale.ROOT, "%.3g", d);
  }

  static String loadavg() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "?";
    }
  }

  static long used() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  static long usedAfterGc() throws InterruptedException {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(20);
      best = Math.min(best, used());
    }
    return best;
  }

  /** SplitMix64 from {@code seed}, each value mod 101 (unsigned): the peers' W5 delays. */
  static int[] delaysMs(int n, long seed) {
    int[] delays = new int[n];
    long state = seed;
    for (int i = 0; i < n; i++) {
      state += 0x9E3779B97F4A7C15L;
      long z = state;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      z ^= z >>> 31;
      delays[i] = (int) Long.remainderUnsigned(z, 101);
    }
    return delays;
  }
}
