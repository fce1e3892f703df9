"""W6 for CPython asyncio: the same workload as EchoRoundTrips, standard library only.

An echo server and N clients on one event loop; each client does R round trips of S bytes
(write, drain, readexactly). Prints the best and the median of 5 measured runs after 2 warm-ups.

    python3 benchmarks/python/echo_bench.py [connections=100] [rounds=2000] [size=64]
"""
import asyncio
import platform
import sys
import time


async def echo(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    finally:
        writer.close()


async def client(port, rounds, size):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    message = bytearray(size)
    ok = 0
    for i in range(rounds):
        message[0] = i & 0xFF
        writer.write(bytes(message))
        await writer.drain()
        back = await reader.readexactly(size)
        if back[0] == i & 0xFF:
            ok += 1
    writer.close()
    await writer.wait_closed()
    return ok


async def one_run(connections, rounds, size):
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    results = await asyncio.gather(*(client(port, rounds, size) for _ in range(connections)))
    server.close()
    await server.wait_closed()
    return sum(results)


def main():
    connections = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 64
    trips = connections * rounds
    for _ in range(2):
        assert asyncio.run(one_run(connections, rounds, size)) == trips
    rates = []
    for _ in range(5):
        start = time.perf_counter()
        ok = asyncio.run(one_run(connections, rounds, size))
        rates.append(trips / (time.perf_counter() - start))
        assert ok == trips
    rates.sort()
    print("%-18s best %10s round trips/s   median %10s round trips/s   (Python %s)" % (
        "CPython asyncio", format(round(rates[-1]), ","), format(round(rates[2]), ","),
        platform.python_version()))


if __name__ == "__main__":
    main()
