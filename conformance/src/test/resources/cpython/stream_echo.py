import asyncio


async def handle(reader, writer):
    while True:
        line = await reader.readline()
        if not line:
            break
        print("server got", line)
        writer.write(line.upper())
        await writer.drain()
    print("server sees EOF, at_eof", reader.at_eof())
    writer.write(b"bye\n")
    writer.write(b"partial")
    await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    print("serving", server.is_serving(), len(server.sockets))
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for text in [b"hello\n", b"streams\n"]:
        writer.write(text)
        await writer.drain()
        print("client got", await reader.readline())
    writer.write_eof()
    print("client got", await reader.readline())
    try:
        await reader.readexactly(10)
    except asyncio.IncompleteReadError as e:
        print("incomplete:", e, e.partial, e.expected)
    print("at_eof", reader.at_eof())
    print("read at eof", await reader.read(10))
    print("closing", writer.is_closing())
    writer.close()
    print("closing", writer.is_closing())
    await writer.wait_closed()
    server.close()
    await server.wait_closed()
    print("serving", server.is_serving(), len(server.sockets))

    r = asyncio.StreamReader(limit=4)
    r.feed_data(b"abcdefgh\nxy\n")
    try:
        await r.readline()
    except ValueError as e:
        print("ValueError:", e)
    print("next line", await r.readline())
    r.feed_eof()
    print("last line", await r.readline(), r.at_eof())

    r = asyncio.StreamReader(limit=4)
    r.feed_data(b"abcdef|")
    try:
        await r.readuntil(b"|")
    except asyncio.LimitOverrunError as e:
        print("LimitOverrunError:", e, e.consumed)
    print("still buffered", await r.readexactly(7))
    r.feed_data(b"ab")
    r.feed_eof()
    try:
        await r.readuntil(b"|")
    except asyncio.IncompleteReadError as e:
        print("incomplete:", e, e.partial, e.expected)


asyncio.run(main())
