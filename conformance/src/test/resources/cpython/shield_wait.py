# shield keeps the inner task running; wait() sorts done and pending; as_completed yields by time.
import asyncio

async def job(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} finished")
    return name

async def shielded(inner):
    return await asyncio.shield(inner)

async def main():
    inner = asyncio.create_task(job("inner", 0.02))
    waiter = asyncio.create_task(shielded(inner))
    await asyncio.sleep(0.005)
    waiter.cancel()
    try:
        await waiter
    except asyncio.CancelledError:
        print("the shield's waiter was cancelled, inner done:", inner.done())
    print("inner result", await inner)

    tasks = [asyncio.create_task(job(n, d)) for n, d in [("x", 0.03), ("y", 0.01), ("z", 0.05)]]
    done, pending = await asyncio.wait(tasks, timeout=0.02)
    print("done", len(done), "pending", len(pending))
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("first completed round: done", len(done), "pending", len(pending))
    await asyncio.wait(tasks)
    fresh = [job(n, d) for n, d in [("p", 0.03), ("q", 0.01), ("r", 0.02)]]
    for next_done in asyncio.as_completed(fresh):
        print("as_completed gives", await next_done)

asyncio.run(main())
