# TaskGroup: a failing child cancels its siblings and the body; errors are grouped.
import asyncio

async def sleeper(name, delay):
    try:
        await asyncio.sleep(delay)
        print(f"{name} finished")
        return name
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise

async def failer(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} raises")
    raise RuntimeError(name)

async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(sleeper("a", 0.01))
        b = tg.create_task(sleeper("b", 0.02))
        print("body done")
    print("results", a.result(), b.result())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sleeper("slow", 1))
            tg.create_task(failer("boom", 0.01))
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                print("body cancelled by the group")
                raise
    except* RuntimeError as eg:
        print("group failed:", len(eg.exceptions), "error(s):", ", ".join(str(e) for e in eg.exceptions))
    print("still running, cancelling =", asyncio.current_task().cancelling())
    await asyncio.sleep(0)
    print("end")

asyncio.run(main())
