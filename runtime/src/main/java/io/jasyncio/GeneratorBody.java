package io.jasyncio;

/**
 * The state machine of an {@code @Async} method that returns {@link AsyncGenerator}: a {@link
 * Coro} whose {@code $resume} may also stop at an {@code await(emit(v))}, reporting it by
 * returning {@link #$YIELDED} with {@code v} kept for {@link AsyncGenerator} to hand out. Only the
 * generator drives it; it is never awaited or wrapped in a task by itself.
 *
 * <p>An emit point in state {@code n} becomes {@code $label = n + 1; $yield(v); return $YIELDED;}
 * (the variables $resume keeps in locals are stored between the two); the
 * generator resumes the machine with the value sent in ({@code null} for a plain next) or with the
 * exception to throw there ({@link GeneratorExit} when closing, the argument of {@code athrow}).
 *
 * @param <T> the type of the elements
 * @hidden
 */
public abstract class GeneratorBody<T> extends Coro<Object> {

  /** Returned by {@code $resume}: "stopped at an emit; the value was kept by {@link #$yield}". */
  protected static final Object $YIELDED =
      new Object() {
        @Override
        public String toString() {
          return "$YIELDED";
        }
      };

  Object yielded;

  protected GeneratorBody() {
    if (DebugMode.trackCoroutines) {
      NeverAwaited.awaited(this); // driven by its generator, which reports its own neglect
    }
  }

  /** Keeps {@code value} for the consumer and says so: the result of an emit point's return. */
  protected final Object $yield(Object value) {
    yielded = value;
    return $YIELDED;
  }

  /** The generator object of this call, as the {@code @Async} method returns it. */
  public final AsyncGenerator<T> $generator() {
    return new AsyncGenerator<>(this);
  }
}
