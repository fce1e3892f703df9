package io.jasyncio.samples;

import static io.jasyncio.AsyncIO.*;
import static io.jasyncio.iteration.AsyncIterables.*;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.Coro;
import io.jasyncio.TaskGroup;
import io.jasyncio.annotations.Async;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline of async iteration: a generator of readings (a sensor that takes 0.1 s per reading)
 * → map to Celsius → filter out the implausible → batches of 4 → each batch written by a task of a
 * TaskGroup (a sink that takes 0.3 s per batch), so that writing overlaps reading; the group's exit
 * waits for the last write. The generator's {@code finally} reports when the sensor is closed.
 */
public abstract class GeneratorPipeline {

  /** Readings in tenths of a Kelvin; every fifth one is a glitch. */
  @Async
  static AsyncGenerator<Integer> sensor(int count, PrintStream out) {
    try {
      for (int i = 0; i < count; i++) {
        await(sleep(0.1));
        await(emit(i % 5 == 4 ? -1 : 2931 + i));
      }
    } finally {
      out.println("sensor closed");
    }
    return stopIteration();
  }

  @Async
  static Coro<Void> write(List<Double> batch, List<List<Double>> written, PrintStream out) {
    await(sleep(0.3));
    written.add(batch);
    out.printf("wrote %s at %.1f s%n", batch, getRunningLoop().time());
    return done();
  }

  @Async
  static Coro<List<List<Double>>> run(int readings, PrintStream out) {
    List<List<Double>> written = new ArrayList<>();
    try (TaskGroup group = new TaskGroup()) {
      for (List<Double> batch :
          awaitEach(
              chunked(
                  filter(map(sensor(readings, out), tenths -> tenths / 10.0 - 273.15), c -> c > -273),
                  4))) {
        group.createTask(write(batch, written, out));
      }
    }
    return done(written);
  }

  public static void main(String[] args) throws Exception {
    io.jasyncio.AsyncIO.run(AsyncGeneratorPipeline.run(20, System.out));
  }
}
