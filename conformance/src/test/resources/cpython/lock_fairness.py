# Lock: FIFO hand-off, no barging, woken-then-cancelled waiter passes the lock on.
import asyncio

async def user(lock, name, log):
    async with lock:
        log.append(name)
        print(f"{name} has the lock")
        await asyncio.sleep(0)
    print(f"{name} released")

async def main():
    lock = asyncio.Lock()
    log = []
    await lock.acquire()
    tasks = [asyncio.create_task(user(lock, n, log)) for n in "abcd"]
    await asyncio.sleep(0)
    print("locked:", lock.locked())
    lock.release()
    tasks[0].cancel()
    print("after release, locked:", lock.locked())
    late = asyncio.create_task(user(lock, "late", log))
    await asyncio.gather(*tasks, late, return_exceptions=True)
    print("order:", " ".join(log))
    print("a cancelled:", tasks[0].cancelled())

asyncio.run(main())
