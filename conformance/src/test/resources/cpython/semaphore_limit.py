# Semaphore: at most two at a time, FIFO, and a bounded one that refuses an extra release.
import asyncio

async def limited(sem, name, delay):
    print(f"{name} wants in")
    async with sem:
        print(f"{name} in")
        await asyncio.sleep(delay)
        print(f"{name} out")

async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(limited(sem, n, d) for n, d in [("a", 0.03), ("b", 0.01), ("c", 0.01), ("d", 0.01)]))
    b = asyncio.BoundedSemaphore(1)
    try:
        b.release()
    except ValueError as e:
        print("bounded:", e)

asyncio.run(main())
