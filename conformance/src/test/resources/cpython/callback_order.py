# One loop iteration runs exactly the callbacks ready when it began; timers with one deadline
# run in scheduling order; a cancelled handle never runs.
import asyncio

def cb(name):
    print("cb", name)

async def main():
    loop = asyncio.get_running_loop()
    when = loop.time() + 0.01
    loop.call_at(when, cb, "at-1")
    loop.call_at(when, cb, "at-2")
    loop.call_soon(cb, "soon-1")
    loop.call_soon(cb, "cancelled").cancel()
    def soon2():
        print("cb soon-2")
        loop.call_soon(cb, "scheduled by soon-2")
    loop.call_soon(soon2)
    print("main before yield")
    await asyncio.sleep(0)
    print("main after one yield")
    await asyncio.sleep(0)
    print("main after two yields")
    await asyncio.sleep(0.02)
    print("main done")

asyncio.run(main())
