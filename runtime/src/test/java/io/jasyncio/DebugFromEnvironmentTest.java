package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Debug mode without code changes: {@code JASYNCIO_DEBUG} (as {@code PYTHONASYNCIODEBUG}) or
 * {@code -Djasyncio.debug=true}. Read once per JVM, so each case runs in a JVM of its own.
 */
@Timeout(120)
class DebugFromEnvironmentTest {

  /** Prints whether a new loop is in debug mode. */
  public static void main(String[] args) {
    System.out.print(new EventLoop().isDebug());
  }

  private static String run(String envValue, String... jvmOptions) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new java.util.ArrayList<>(List.of(java.toString()));
    command.addAll(List.of(jvmOptions));
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), DebugFromEnvironmentTest.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("JASYNCIO_DEBUG");
    if (envValue != null) {
      builder.environment().put("JASYNCIO_DEBUG", envValue);
    }
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("child JVM did not finish");
    }
    return out;
  }

  @Test
  void offByDefault() throws Exception {
    assertEquals("false", run(null));
  }

  @Test
  void anyNonEmptyEnvironmentValueTurnsItOn() throws Exception {
    assertEquals("true", run("1"));
  }

  @Test
  void anEmptyEnvironmentValueLeavesItOff() throws Exception {
    assertEquals("false", run(""));
  }

  @Test
  void theSystemPropertyTurnsItOn() throws Exception {
    assertEquals("true", run(null, "-Djasyncio.debug=true"));
  }
}
