#!/usr/bin/env python3
"""Opens N Server-Sent Events connections to one stream on loopback, waits until every one has
been greeted, fires a trigger (an HTTP POST that publishes something), and measures when each
connection receives its first `event: statement`. Prints one JSON object:
  {"clients", "connected", "received", "p50_ms", "p99_ms", "max_ms", "trigger_ms", "trigger_status",
   "trigger_epoch" (Unix seconds when the trigger was sent, for other observers of the same event)}
Times run from just before the trigger request is sent. Bounded: every wait has a deadline.
Used by bench/crisis/run.sh against sawt's public alert stream and against the peer broadcaster."""

import argparse
import asyncio
import json
import time
import urllib.request


async def client(host, port, path, greeted, arrivals, index, start_ref, stop):
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except OSError:
        return
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    text = b""
    said_hello = False
    try:
        while not stop.is_set():
            chunk = await reader.read(4096)
            if not chunk:
                break
            text += chunk
            if not said_hello and b"retry:" in text:
                said_hello = True
                greeted.append(index)
            if b"event: statement" in text:
                arrivals[index] = time.perf_counter() - start_ref[0]
                break
    except (OSError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


def trigger(url, token, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


def percentile(values, q):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", default="/api/v1/public/alerts/stream")
    parser.add_argument("--clients", type=int, default=10000)
    parser.add_argument("--trigger-url", required=True)
    parser.add_argument("--trigger-token", default="")
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()

    greeted, arrivals, start_ref, stop = [], {}, [0.0], asyncio.Event()
    tasks = []
    # Connect in waves so the listen backlog is not overrun.
    for i in range(args.clients):
        tasks.append(asyncio.create_task(client("127.0.0.1", args.port, args.path, greeted, arrivals, i, start_ref, stop)))
        if i % 500 == 499:
            await asyncio.sleep(0.05)
    deadline = time.perf_counter() + args.timeout
    while len(greeted) < args.clients and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
    connected = len(greeted)

    start_ref[0] = time.perf_counter()
    trigger_epoch = time.time()
    status = await asyncio.get_running_loop().run_in_executor(None, trigger, args.trigger_url, args.trigger_token, {})
    trigger_ms = (time.perf_counter() - start_ref[0]) * 1000
    deadline = time.perf_counter() + args.timeout
    while len(arrivals) < connected and time.perf_counter() < deadline:
        await asyncio.sleep(0.01)
    stop.set()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)

    ms = [v * 1000 for v in arrivals.values()]
    result = {"clients": args.clients, "connected": connected, "received": len(ms), "trigger_status": status,
              "trigger_ms": round(trigger_ms, 1), "trigger_epoch": trigger_epoch,
              "p50_ms": None if not ms else round(percentile(ms, 0.50), 1),
              "p99_ms": None if not ms else round(percentile(ms, 0.99), 1),
              "max_ms": None if not ms else round(max(ms), 1)}
    print(json.dumps(result))


if __name__ == "__main__":
    asyncio.run(main())
