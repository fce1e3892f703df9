package io.jasyncio;

/**
 * Makes the tasks of a loop: asyncio's task factory ({@code loop.set_task_factory}). Every {@link
 * EventLoop#createTask} (and so {@link AsyncIO#createTask}, {@link TaskGroup#createTask}, {@code
 * gather} of coroutines...) goes through the loop's factory when one is set. A factory makes its
 * tasks with {@link Task#create}; {@link AsyncIO#eagerTaskFactory()} is the one asyncio ships.
 *
 * <p>Called on the loop's thread.
 */
@FunctionalInterface
public interface TaskFactory {
  /**
   * A new task running {@code coro} on {@code loop}, named {@code name} ({@code null}: {@code
   * Task-<n>}), in {@code context} (a {@link Context}, or {@code null}: a copy of the current one).
   */
  Task<?> newTask(EventLoop loop, Coro<?> coro, String name, Context context);
}
