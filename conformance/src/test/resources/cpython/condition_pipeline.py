# Condition: consumers wait for items, notify(1) wakes one at a time, notify_all wakes the rest.
import asyncio

async def consumer(cond, items, name):
    async with cond:
        await cond.wait_for(lambda: items)
        item = items.pop(0)
        print(f"{name} got {item}")

async def main():
    cond = asyncio.Condition()
    items = []
    consumers = [asyncio.create_task(consumer(cond, items, f"c{i}")) for i in range(4)]
    await asyncio.sleep(0)
    for i in range(2):
        async with cond:
            items.append(i)
            print(f"produced {i}")
            cond.notify()
        await asyncio.sleep(0)
    async with cond:
        items.extend([10, 11])
        print("produced 10 and 11")
        cond.notify_all()
    await asyncio.gather(*consumers)
    print("left:", len(items))

asyncio.run(main())
