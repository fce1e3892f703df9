package io.jasyncio.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.platform.commons.annotation.Testable;

/**
 * Marks an {@code @Async} method as a test, run by the jasyncio test engine (on the classpath with
 * the {@code jasyncio-test} dependency; Maven Surefire, Gradle and IDEs find it by themselves).
 *
 * <pre>{@code
 * abstract class RetryTest {          // abstract: it has @Async instance methods
 *   @Async @AsyncTest
 *   Coro<Void> backsOffExponentially() {
 *     int attempts = await(Backoff.attempts(10, 1.0));   // sleeps 1, 2, 4, ... 512 seconds
 *     assertEquals(10, attempts);
 *     assertEquals(1023.0, getRunningLoop().time());    // virtual seconds: no real wait
 *     return done();
 *   }
 * }
 * }</pre>
 *
 * <h2>How each test runs</h2>
 *
 * <ul>
 *   <li>On a fresh event loop, in debug mode, on its own thread; the method may be static or, in
 *       an abstract class, an instance method (the engine makes a new instance of the generated
 *       {@code AsyncX} for each test). JUnit Jupiter's {@code @BeforeEach} and {@code @AfterEach}
 *       methods of the class run on the same loop before and after it; they may be {@code @Async}
 *       methods too. {@code @BeforeAll}/{@code @AfterAll} static methods run once, off the loop.
 *       {@code @Disabled} and {@code @DisplayName} work as in Jupiter.
 *   <li>On {@linkplain io.jasyncio.EventLoop#withVirtualTime() virtual time} unless {@link
 *       #realTime()}: {@code await(sleep(600))} takes no real time, and timeouts, retries and rate
 *       limits are exact.
 * </ul>
 *
 * <h2>When it fails</h2>
 *
 * An assertion or any exception that leaves the test; or, after it returned:
 *
 * <ul>
 *   <li>it ran longer than {@link #timeout()} seconds of real time: the failure names the task,
 *       the coroutine and the await point it was stuck at;
 *   <li>it left tasks pending (await them, cancel them, or use a {@code TaskGroup});
 *   <li>a task or future failed and nobody read its exception;
 *   <li>a coroutine was created and never awaited;
 *   <li>a callback threw (reported to the loop's exception handler).
 * </ul>
 *
 * The test class may have any name: the engine runs the tests of {@code X} once, whether the build
 * tool selected {@code X} or the generated {@code AsyncX}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Testable
public @interface AsyncTest {
  /**
   * The most real time the test may take, in seconds; 0 or less: the default, which is the
   * configuration parameter {@code jasyncio.test.timeout} (for instance in {@code
   * junit-platform.properties}), else 60 seconds.
   */
  double timeout() default 0;

  /** Whether the loop keeps real time instead of virtual time. */
  boolean realTime() default false;
}
