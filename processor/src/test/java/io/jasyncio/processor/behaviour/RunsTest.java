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
  void otherNamesStillCount() {
    assertNotEquals(comparable("= World$Bodies$Cell@12"), comparable("= World$Bodies$Pt@12"));
    assertNotEquals(comparable("= World$Bodies$1Loc@12"), comparable("= AsyncWorld_Bodies$b_1$coro$Other@12"));
  }
}
