# asyncio.run cancels the tasks left when main returns and lets their finally blocks await.
import asyncio

async def leftover(name):
    try:
        print(name, "started")
        await asyncio.sleep(10)
    finally:
        print(name, "cleanup starts")
        await asyncio.sleep(0)
        print(name, "cleanup ends")

async def main():
    asyncio.create_task(leftover("a"))
    asyncio.create_task(leftover("b"))
    await asyncio.sleep(0)
    print("main returns")
    return 42

print("result", asyncio.run(main()))
