package io.jasyncio.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the grammar harness takes for the same outcome in the plain and the async build: names
 * that differ by construction only. Each pair was a false "behaved differently" in a large run.
 */
class RunsTest {
  private static String comparable(String result) {
    return new Runs.Outcome(result, List.of(), 0, 0, List.of()).comparable();
  }

  @Test
  void aLocalClassIsTheSameWhetherLocalOrAMemberOfTheMachine() {
    // seed 411, program 19403: a body returned an instance of its local class
    assertEquals(comparable("= World$Bodies$1Loc18@1a2b3c"), comparable("= AsyncWorld_Bodies$b_19403$coro$Loc18@4d5e6f"));
    assertEquals(comparable("= World$Bodies$2Loc@1a2b3c"), comparable("= AsyncWorld_Bodies$g_7_1$coro$Loc$1@4d5e6f"));
    // seed 413, program 58773: declared after the last await, it stays local to $resume
    assertEquals(comparable("= World$Bodies$1Loc1@1a2b3c"), comparable("= AsyncWorld_Bodies$b_58773$coro$1Loc1@4d5e6f"));
  }

  @Test
  void aNullPointerMessageTheJvmMadeUpIsTheSameWhicheverExpressionItNames() {
    // seed 411, program 477997: a caught NullPointerException printed whole
    assertEquals(
        comparable("x java.lang.NullPointerException: Cannot invoke \"java.lang.Integer.intValue()\" because \"this.cell.b\" is null"),
        comparable("x java.lang.NullPointerException: Cannot invoke \"java.lang.Integer.intValue()\" because \"this.$self.cell.b\" is null"));
    assertEquals(
        comparable("x Cannot read the array length because the return value of \"World$Bodies.arr()\" is null"),
        comparable("x Cannot read the array length because the return value of \"AsyncWorld_Bodies$b_1$coro.arr()\" is null"));
    // what failed still counts
    assertNotEquals(
        comparable("x Cannot invoke \"java.lang.Integer.intValue()\" because \"this.cell.b\" is null"),
        comparable("x Cannot invoke \"java.lang.Long.longValue()\" because \"this.cell.b\" is null"));
  }

  @Test
  void aLambdaIsTheSameOnJdk17WhereItsClassIsNumbered() {
    // seed 413, program 17369 (JDK 17): Lambda$19062/0x.. and Lambda$19067/0x..
    assertEquals(
        comparable("x World$Bodies$$Lambda$19062/0x00007fbe9c25d9d0@1a2b"),
        comparable("x AsyncWorld_Bodies$b_1$coro$$Lambda$19067/0x00007fbe9c5ba000@3c4d"));
    assertEquals(
        comparable("x World$Bodies$$Lambda/0x00007fbe9c25d9d0@1a2b"), comparable("x AsyncWorld_Bodies$$Lambda/0x0000000800001@3c4d"));
  }

  @Test
  void aPackageGluedToTheTextBeforeItIsStillDropped() {
    // seed 411, program 20359: "str" + a lambda
    assertEquals(
        comparable("strplain.World$Bodies$$Lambda/0x01@5e6f"), comparable("strgen.AsyncWorld_Bodies$b_2$coro$$Lambda/0x02@7a8b"));
  }

  @Test
  void aGeneratorsCloseFailingInThePlainLoopsTryIsAtTheLoopsHeaderAsInTheAsyncBuild() {
    // seed 411, program 122526 (JDK 25): an inner generator that ignored GeneratorExit; plain
    // javac reports the try-with-resources' close() at its '}', the async build at the loop.
    String plain =
        String.join(
            "\n",
            "class World {",
            "  void g_1_0body(int p) {",
            "      try (var it$16 = awaitEach(g_1_1(p))) {",
            "      for (int e15 : it$16) {",
            "        if (fz) return;",
            "      }",
            "      }",
            "  }",
            "}");
    String async =
        String.join(
            "\n",
            "class World {",
            "  @Async AsyncGenerator<Integer> g_1_0(int p) {",
            "      /*EACH 16 g_1_1(p) EACH*/",
            "      for (int e15 : /*<16*/awaitEach(g_1_1(p))/*>*/) {",
            "        if (fz) return stopIteration();",
            "      }",
            "      /*END 16*/",
            "  }",
            "}");
    List<String> plainFrames = StackLines.of(List.of(new StackTraceElement("World", "g_1_0body", "W.java", 7)), plain);
    List<String> asyncFrames = StackLines.of(List.of(new StackTraceElement("World", "g_1_0", "W.java", 4)), async);
    assertEquals(true, StackLines.samePlaces(plainFrames, asyncFrames), plainFrames + " " + asyncFrames);
    // A '}' of any other block stays where it is.
    List<String> elsewhere = StackLines.of(List.of(new StackTraceElement("World", "g_1_0body", "W.java", 6)), plain);
    assertEquals(false, StackLines.samePlaces(elsewhere, asyncFrames), elsewhere + " " + asyncFrames);
  }

  @Test
  void otherNamesStillCount() {
    assertNotEquals(comparable("= World$Bodies$Cell@12"), comparable("= World$Bodies$Pt@12"));
    assertNotEquals(comparable("= World$Bodies$1Loc@12"), comparable("= AsyncWorld_Bodies$b_1$coro$Other@12"));
  }
}
