package io.jasyncio.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.AsyncIO;
import io.jasyncio.Coro;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void aSimpleBodyRuns() throws Exception {
    String source =
        String.join(
            "\n",
            "package demo;",
            "import io.jasyncio.Coro;",
            "import io.jasyncio.annotations.Async;",
            "import static io.jasyncio.AsyncIO.*;",
            "import java.util.*;",
            "public abstract class Demo {",
            "  @Async public Coro<Integer> add(int a, int b) {",
            "    int x = await(child(a));",
            "    await(sleep(0));",
            "    List<String> log = new ArrayList<>();",
            "    for (int i = 0; i < 3; i++) {",
            "      log.add(\"i\" + i);",
            "      x += await(child(i));",
            "    }",
            "    try {",
            "      if (x > 100) throw new IllegalStateException(\"big\");",
            "      x = x + await(child(b));",
            "    } catch (IllegalStateException e) {",
            "      x = -1;",
            "    } finally {",
            "      await(sleep(0));",
            "      log.add(\"finally\");",
            "    }",
            "    return done(x + log.size());",
            "  }",
            "  @Async static Coro<Integer> child(int i) {",
            "    await(sleep(0));",
            "    return done(i * 10);",
            "  }",
            "}");
    try (TestCompiler.Result result = TestCompiler.compile("demo.Demo", source)) {
      System.out.println(String.join("\n", result.errors()));
      if (result.generated.resolve("demo/AsyncDemo.java").toFile().exists()) {
        System.out.println(result.generatedSource("demo.AsyncDemo"));
      }
      assertTrue(result.success, String.join("\n", result.errors()));
      Object demo = result.load("demo.AsyncDemo").getConstructor().newInstance();
      @SuppressWarnings("unchecked")
      Coro<Integer> coro = (Coro<Integer>) demo.getClass().getMethod("add", int.class, int.class).invoke(demo, 1, 2);
      assertEquals(10 + 0 + 10 + 20 + 20 + 4, AsyncIO.run(coro));
    }
  }
}
