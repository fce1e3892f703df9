# Event wakes waiters in order; Barrier releases its parties with the last one first.
import asyncio

async def waiter(event, name):
    print(f"{name} waits")
    await event.wait()
    print(f"{name} woke")

async def party(barrier, name):
    print(f"{name} arrives")
    index = await barrier.wait()
    print(f"{name} passes with {index}")

async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(event, n)) for n in "xyz"]
    await asyncio.sleep(0)
    event.set()
    event.clear()
    await asyncio.gather(*tasks)
    barrier = asyncio.Barrier(3)
    for round in range(2):
        await asyncio.gather(*(party(barrier, f"{n}{round}") for n in "pqr"))
    print("broken:", barrier.broken, "waiting:", barrier.n_waiting)

asyncio.run(main())
