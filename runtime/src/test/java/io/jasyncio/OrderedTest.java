package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.AfterEach;

/**
 * Base of tests that pin interleavings, in the manner of kotlinx.coroutines' TestBase: every step
 * of a scenario calls {@code expect(n)} with the number it must be in the order of events, the
 * last one calls {@code finish(n)}, and a test that started expecting must reach its finish.
 */
public abstract class OrderedTest {
  private int actionIndex;
  private boolean finished;

  /** Asserts that this is the {@code index}-th step of the scenario. */
  protected final void expect(int index) {
    int actual = ++actionIndex;
    if (actual != index) {
      fail("Expecting action index " + index + " but it is actually " + actual);
    }
  }

  /** The last step: asserts it is the {@code index}-th and marks the scenario finished. */
  protected final void finish(int index) {
    expect(index);
    assertTrue(!finished, "finish() called twice");
    finished = true;
  }

  /** Fails: this point must not be reached. */
  protected final void expectUnreached() {
    fail("Should not be reached, action index is " + actionIndex);
  }

  @AfterEach
  public final void checkFinished() {
    if (actionIndex > 0) {
      assertTrue(finished, "Scenario started (action index " + actionIndex + ") but never finished");
    }
  }

  /** Asserts the current step count without advancing it. */
  protected final void assertStep(int index) {
    assertEquals(index, actionIndex);
  }
}
