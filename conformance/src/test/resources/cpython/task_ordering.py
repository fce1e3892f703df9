# Task start order, sleep(0) interleaving, awaiting a done task, gather's result order.
import asyncio

async def worker(name, steps):
    for i in range(steps):
        print(f"{name} step {i}")
        await asyncio.sleep(0)
    print(f"{name} done")
    return name.upper()

async def main():
    a = asyncio.create_task(worker("a", 2))
    b = asyncio.create_task(worker("b", 3))
    print("created")
    await asyncio.sleep(0)
    print("main after first yield")
    results = await asyncio.gather(b, a, worker("c", 1))
    print("results " + " ".join(results))
    print("a done twice: " + await a)

asyncio.run(main())
