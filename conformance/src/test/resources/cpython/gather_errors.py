# gather: the first error propagates, the others keep running; return_exceptions collects.
import asyncio

async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        print(f"{name} fails")
        raise ValueError(name)
    print(f"{name} ok")
    return name

async def main():
    a = asyncio.create_task(job("a", 0.01))
    b = asyncio.create_task(job("b", 0.02, fail=True))
    c = asyncio.create_task(job("c", 0.03))
    try:
        await asyncio.gather(a, b, c)
    except ValueError as e:
        print("gather raised", e)
    print("c cancelled?", c.cancelled(), "done?", c.done())
    await c
    print("c finished:", c.result())

    results = await asyncio.gather(job("d", 0.01, fail=True), job("e", 0.02), return_exceptions=True)
    for r in results:
        print("result", type(r).__name__, r)

    outer = asyncio.gather(job("f", 10), job("g", 10))
    await asyncio.sleep(0)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print("gather cancelled, children cancelled too")

asyncio.run(main())
