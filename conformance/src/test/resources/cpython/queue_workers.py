# A worker pool: bounded queue, three workers, join, then cancel the workers.
import asyncio

async def worker(name, queue, log):
    try:
        while True:
            item = await queue.get()
            for _ in range(item):  # item steps of work; no timers, so the interleaving is exact
                await asyncio.sleep(0)
            log.append(f"{name}:{item}")
            queue.task_done()
    except asyncio.CancelledError:
        print(f"{name} stops")
        raise

async def main():
    queue = asyncio.Queue(maxsize=2)
    log = []
    workers = [asyncio.create_task(worker(f"w{i}", queue, log)) for i in range(3)]
    for item in [3, 1, 2, 1, 1, 3]:
        await queue.put(item)
        print(f"put {item}, size {queue.qsize()}")
    await queue.join()
    print("joined; processed", len(log))
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    print("empty:", queue.empty(), "full:", queue.full())
    pq = asyncio.PriorityQueue()
    for entry in [(2, 0, "b"), (1, 1, "a"), (2, 2, "c"), (0, 3, "z")]:
        pq.put_nowait(entry)
    print("priority order:", " ".join(pq.get_nowait()[2] for _ in range(4)))
    lq = asyncio.LifoQueue()
    for x in "abc":
        lq.put_nowait(x)
    print("lifo order:", "".join(lq.get_nowait() for _ in range(3)))
    try:
        asyncio.Queue(1).get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")

asyncio.run(main())
