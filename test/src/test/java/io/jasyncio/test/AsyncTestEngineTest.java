package io.jasyncio.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import io.jasyncio.test.examples.Failing;
import io.jasyncio.test.examples.FetchingSpec;
import io.jasyncio.test.examples.Passing;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/** The engine, driven as a build tool drives it: discovery from selectors, then execution. */
class AsyncTestEngineTest {

  @BeforeEach
  void clearLog() {
    Passing.LOG.clear();
  }

  private static Events run(DiscoverySelector... selectors) {
    return EngineTestKit.engine(AsyncTestEngine.ID).selectors(selectors).execute().testEvents();
  }

  private static Throwable failureOf(Events events, String method) {
    Event finished =
        events
            .finished()
            .filter(e -> e.getTestDescriptor().getDisplayName().equals(method + "()"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no result for " + method));
    TestExecutionResult result = finished.getRequiredPayload(TestExecutionResult.class);
    assertEquals(TestExecutionResult.Status.FAILED, result.getStatus(), method + " should fail");
    return result.getThrowable().orElseThrow();
  }

  @Test
  void passingTestsPassWithLifecycleMethodsOnTheSameLoop() {
    Events events = run(selectClass(Passing.class));
    events.assertStatistics(stats -> stats.started(5).succeeded(5).skipped(1).failed(0));
    assertTrue(Passing.LOG.contains("hour"));
    assertTrue(Passing.LOG.contains("static"));
    assertEquals(
        // Within a class, lifecycle methods run in the order of their names.
        List.of("async setUp", "plain setUp, loop running: true", "hour", "tearDown"),
        Passing.LOG.subList(Passing.LOG.indexOf("hour") - 2, Passing.LOG.indexOf("hour") + 2));
    assertTrue(!Passing.LOG.contains("disabled ran"));
  }

  @Test
  void selectingTheGeneratedClassRunsTheSameTestsOnce() throws Exception {
    Class<?> generated = Class.forName("io.jasyncio.test.examples.AsyncPassing");
    Events events = run(selectClass(Passing.class), selectClass(generated));
    events.assertStatistics(stats -> stats.started(5).succeeded(5));
    Events alone = run(selectClass(generated));
    alone.assertStatistics(stats -> stats.started(5).succeeded(5));
  }

  @Test
  void theAnchorGeneratedForAnUnmatchedNameRunsTheClassTestsOnce() throws Exception {
    Class<?> anchor = Class.forName("io.jasyncio.test.examples.AsyncFetchingSpecTest");
    Events events = run(selectClass(anchor), selectClass(FetchingSpec.class));
    events.assertStatistics(stats -> stats.started(1).succeeded(1));
    assertEquals(
        "io.jasyncio.test.examples.FetchingSpec",
        events.started().list().get(0).getTestDescriptor().getParent().orElseThrow()
            .getLegacyReportingName());
  }

  @Test
  void aMethodSelectorRunsThatMethodOnly() {
    Events events = run(selectMethod(Passing.class, "tasksAndGatherWork"));
    events.assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void aUniqueIdSelectorRunsThatTest() {
    Events events =
        run(
            selectUniqueId(
                "[engine:jasyncio]/[class:io.jasyncio.test.examples.Passing]/[method:staticTestsRunToo]"));
    events.assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void aPackageSelectorFindsEachTestClassOnce() {
    Events events = run(selectPackage("io.jasyncio.test.examples"));
    events.assertStatistics(stats -> stats.started(5 + 6 + 1).succeeded(5 + 1).failed(6));
  }

  @Test
  void anAssertionFailureFailsTheTestAtTheUsersLine() {
    Throwable failure = failureOf(run(selectClass(Failing.class)), "assertionFails");
    assertInstanceOf(AssertionFailedError.class, failure);
    assertTrue(failure.getMessage().startsWith("one is not two"), failure.getMessage());
    assertTrue(
        List.of(failure.getStackTrace()).stream()
            .anyMatch(f -> "Failing.java".equals(f.getFileName()) && f.getLineNumber() == 18),
        () -> List.of(failure.getStackTrace()).toString());
  }

  @Test
  void aTestThatOverrunsItsTimeoutFailsNamingTheAwaitPoint() {
    Throwable failure =
        failureOf(run(selectMethod(Failing.class, "waitsForever")), "waitsForever");
    assertInstanceOf(TimeoutException.class, failure);
    String message = failure.getMessage();
    assertTrue(message.contains("waitsForever() timed out after 0.3 s of real time"), message);
    assertTrue(message.contains("Failing.waitHere(Failing.java:31)"), message);
    assertTrue(message.contains("Failing.waitsForever(Failing.java:"), message);
  }

  @Test
  void aTaskLeftPendingFailsTheTest() {
    Throwable failure =
        failureOf(run(selectMethod(Failing.class, "leavesATaskPending")), "leavesATaskPending");
    assertTrue(failure.getMessage().contains("left tasks pending"), failure.getMessage());
    assertTrue(failure.getMessage().contains("left behind"), failure.getMessage());
  }

  @Test
  void aFailedTaskNobodyAwaitedFailsTheTest() {
    Throwable failure =
        failureOf(run(selectMethod(Failing.class, "dropsAFailedTask")), "dropsAFailedTask");
    assertTrue(
        failure.getMessage().startsWith("Task exception was never retrieved"), failure.getMessage());
    assertTrue(failure.getMessage().contains("dropped"), failure.getMessage());
    assertEquals("nobody reads this", failure.getCause().getMessage());
  }

  @Test
  void aCoroutineNeverAwaitedFailsTheTest() {
    Throwable failure =
        failureOf(run(selectMethod(Failing.class, "neverAwaitsACoroutine")), "neverAwaitsACoroutine");
    assertTrue(failure.getMessage().contains("was never awaited"), failure.getMessage());
    assertTrue(failure.getMessage().contains("Failing.neverAwaitsACoroutine()"), failure.getMessage());
  }

  @Test
  void aCallbackThatThrowsFailsTheTest() {
    Throwable failure =
        failureOf(run(selectMethod(Failing.class, "aCallbackThrows")), "aCallbackThrows");
    assertTrue(failure.getMessage().startsWith("Exception in callback"), failure.getMessage());
    assertEquals("callback failed", failure.getCause().getMessage());
  }

  @Test
  void classesWithoutAsyncTestsAreNotClaimed() {
    Events events = run(selectClass(AsyncTestEngineTest.class));
    events.assertStatistics(stats -> stats.started(0));
  }
}
