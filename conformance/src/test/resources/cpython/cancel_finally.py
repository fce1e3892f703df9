# Cancellation delivered at the await, finally blocks that await, cancel messages, uncancel.
import asyncio

async def child(name):
    try:
        print(f"{name} waiting")
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print(f"{name} cancelled with {e.args[0] if e.args else None}")
        raise
    finally:
        print(f"{name} finally starts")
        await asyncio.sleep(0)
        print(f"{name} finally ends")

async def refuses():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("refuses: caught, carrying on")
    await asyncio.sleep(0)
    return "refused"

async def main():
    t = asyncio.create_task(child("t"))
    await asyncio.sleep(0)
    print("cancel returns", t.cancel("stop"))
    print("cancelling", t.cancelling())
    try:
        await t
    except asyncio.CancelledError:
        print("main saw the cancellation; t.cancelled() =", t.cancelled())
    print("cancel a done task:", t.cancel())

    r = asyncio.create_task(refuses())
    await asyncio.sleep(0)
    r.cancel()
    print("refuses result:", await r, "cancelled:", r.cancelled(), "cancelling:", r.cancelling())

    early = asyncio.create_task(child("early"))
    early.cancel()
    try:
        await early
    except asyncio.CancelledError:
        print("cancelled before it started")

asyncio.run(main())
