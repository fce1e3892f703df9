# Timeouts: expiry becomes TimeoutError, only the timeout that fired converts, reschedule.
import asyncio

async def main():
    try:
        async with asyncio.timeout(0.01) as t:
            await asyncio.sleep(1)
    except TimeoutError:
        print("timed out, expired =", t.expired())
    async with asyncio.timeout(1) as outer:
        try:
            async with asyncio.timeout(0.01) as inner:
                await asyncio.sleep(1)
        except TimeoutError:
            print("inner expired", inner.expired(), "outer expired", outer.expired())
    try:
        async with asyncio.timeout(0.01) as outer:
            try:
                async with asyncio.timeout(1) as inner:
                    await asyncio.sleep(1)
            except asyncio.CancelledError:
                print("outer expiry passes through the inner timeout as a cancellation")
                raise
    except TimeoutError:
        print("outer converted it, inner expired =", inner.expired())
    async with asyncio.timeout(None) as t:
        print("no deadline:", t.when())
        t.reschedule(asyncio.get_running_loop().time() + 10)
        await asyncio.sleep(0)
    print("rescheduled and finished, expired =", t.expired())
    try:
        await asyncio.wait_for(asyncio.sleep(1), 0.01)
    except TimeoutError:
        print("wait_for timed out")
    print("cancelling =", asyncio.current_task().cancelling())

asyncio.run(main())
