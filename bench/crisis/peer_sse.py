#!/usr/bin/env python3
"""The named peer of bench/crisis: a minimal asyncio Server-Sent Events broadcaster on loopback.
GET <any path> opens a stream (greeted with "retry:"); POST /publish sends one `event: statement`
to every open stream and answers 204. It does nothing else (no store, no authentication), so it is
the floor a fan-out can reach in one process on this machine. Writes its port to the file given."""

import asyncio
import sys

streams = set()
EVENT = b'event: statement\nid: 1\ndata: {"id":1,"title_en":"peer"}\n\n'


async def handle(reader, writer):
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, OSError):
        writer.close()
        return
    if head.startswith(b"POST /publish"):
        for w in list(streams):
            try:
                w.write(EVENT)
            except OSError:
                streams.discard(w)
        writer.write(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        await writer.drain()
        writer.close()
        return
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\nretry: 3000\n\n")
    streams.add(writer)
    try:
        await reader.read()  # until the client goes
    except OSError:
        pass
    streams.discard(writer)
    writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=4096)
    with open(sys.argv[1], "w") as f:
        f.write(str(server.sockets[0].getsockname()[1]))
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
