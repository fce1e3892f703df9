package io.jasyncio.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests, in the manner of AutoFactory's: each {@code good/X.java} must compile and generate
 * exactly {@code expected/AsyncX.java}; each {@code bad/X.java} must fail with the diagnostics
 * its {@code // error: [Tag] text} and {@code // warning: [Tag] text} comments announce, each on
 * its own line, and no other jasyncio diagnostic. Regenerate the expected files with
 * {@code -Djasyncio.golden.update=true}.
 */
class GoldenTest {
  private static final Path ROOT = Path.of("src/test/resources/golden");
  private static final boolean UPDATE = Boolean.getBoolean("jasyncio.golden.update");
  private static final Pattern EXPECTED =
      Pattern.compile("// (error|warning): (\\[\\w+\\])\\s*(.*)$");

  private static Compilation compile(Path file) {
    String text = read(file);
    String name = "golden." + file.getFileName().toString().replace(".java", "");
    if (text.startsWith("package bad;")) {
      name = "bad." + file.getFileName().toString().replace(".java", "");
    }
    JavaFileObject source = JavaFileObjects.forSourceString(name, text);
    return javac()
        .withProcessors(new AsyncProcessor())
        .withOptions("-Xlint:all,-processing,-options")
        .compile(source);
  }

  @TestFactory
  Stream<DynamicTest> goodInputsGenerateTheExpectedSources() throws IOException {
    return files("good")
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      Compilation compilation = compile(file);
                      List<String> errors = messages(compilation, Diagnostic.Kind.ERROR);
                      assertTrue(errors.isEmpty(), String.join("\n", errors));
                      List<JavaFileObject> outputs = compilation.generatedSourceFiles();
                      assertTrue(!outputs.isEmpty(), "nothing generated for " + file);
                      for (JavaFileObject output : outputs) {
                        String name = Path.of(output.toUri().getPath()).getFileName().toString();
                        String generated = output.getCharContent(true).toString();
                        Path expected = ROOT.resolve("expected/" + name);
                        if (UPDATE) {
                          Files.writeString(expected, generated, StandardCharsets.UTF_8);
                        }
                        assertTrue(
                            Files.exists(expected),
                            "no golden file " + expected + "; run with -Djasyncio.golden.update=true");
                        assertEquals(read(expected), generated, "generated source " + name);
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> badInputsReportTheirDiagnosticsOnTheirLines() throws IOException {
    return files("bad")
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      List<String> expected = new ArrayList<>();
                      String[] lines = read(file).split("\n", -1);
                      for (int i = 0; i < lines.length; i++) {
                        Matcher m = EXPECTED.matcher(lines[i]);
                        if (m.find()) {
                          expected.add((i + 1) + " " + m.group(1) + " " + m.group(2) + " " + m.group(3).trim());
                        }
                      }
                      assertTrue(!expected.isEmpty(), "no expectations in " + file);
                      Compilation compilation = compile(file);
                      List<Diagnostic<? extends JavaFileObject>> ours =
                          compilation.diagnostics().stream()
                              .filter(d -> d.getMessage(Locale.ROOT).startsWith("[Async"))
                              .collect(Collectors.toList());
                      List<String> unmatched = new ArrayList<>();
                      for (String expectation : expected) {
                        String[] parts = expectation.split(" ", 4);
                        long line = Long.parseLong(parts[0]);
                        Diagnostic.Kind kind =
                            parts[1].equals("error") ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING;
                        Optional<Diagnostic<? extends JavaFileObject>> match =
                            ours.stream()
                                .filter(
                                    d ->
                                        d.getLineNumber() == line
                                            && d.getKind() == kind
                                            && d.getMessage(Locale.ROOT).startsWith(parts[2])
                                            && d.getMessage(Locale.ROOT).contains(parts[3]))
                                .findFirst();
                        if (match.isPresent()) {
                          ours.remove(match.get());
                        } else {
                          unmatched.add(expectation);
                        }
                      }
                      if (!unmatched.isEmpty() || !ours.isEmpty()) {
                        fail(
                            "expected but not reported: "
                                + unmatched
                                + "\nreported but not expected: "
                                + ours.stream()
                                    .map(d -> d.getLineNumber() + " " + d.getKind() + " " + d.getMessage(Locale.ROOT))
                                    .collect(Collectors.toList())
                                + "\nall diagnostics:\n"
                                + compilation.diagnostics().stream()
                                    .map(d -> d.getLineNumber() + " " + d.getKind() + " " + d.getMessage(Locale.ROOT))
                                    .collect(Collectors.joining("\n")));
                      }
                    }));
  }

  private static List<String> messages(Compilation compilation, Diagnostic.Kind kind) {
    return compilation.diagnostics().stream()
        .filter(d -> d.getKind() == kind)
        .map(d -> d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
        .collect(Collectors.toList());
  }

  private static Stream<Path> files(String folder) throws IOException {
    try (Stream<Path> listing = Files.list(ROOT.resolve(folder))) {
      return listing.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList()).stream();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
