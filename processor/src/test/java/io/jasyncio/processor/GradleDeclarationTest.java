package io.jasyncio.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Gradle reads {@code META-INF/gradle/incremental.annotation.processors} to know that a processor
 * is incremental; without it every change recompiles the whole source set.
 */
class GradleDeclarationTest {

  private static String read(String resource) throws IOException {
    try (InputStream in = AsyncProcessor.class.getClassLoader().getResourceAsStream(resource)) {
      assertNotNull(in, resource + " is missing");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
  }

  @Test
  void theProcessorDeclaresItselfIsolatingUnderTheNameItIsRegisteredWith() throws IOException {
    assertEquals(
        AsyncProcessor.class.getName() + ",isolating",
        read("META-INF/gradle/incremental.annotation.processors"));
    assertEquals(
        AsyncProcessor.class.getName(), read("META-INF/services/javax.annotation.processing.Processor"));
  }
}
