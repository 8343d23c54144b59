#!/usr/bin/env python3
"""Many webhook subscribers on 127.0.0.1 in one process, for the crash test and bench/crisis.

  webhook_receivers.py --plain N --tls M [--cert leaf.pem --key leaf.key] --ports-file F --log L
                       [--status-file S] [--secrets-file K]

Listens on N plain and M TLS ports (ephemeral), writes [{"port", "tls"}, ...] to F once all listen,
and appends one JSON line per request to L: {"port", "tls", "key" (Idempotency-Key), "delivery",
"event", "t" (Unix seconds, float), "status" (what it answered), "signed" (the signature checked
out, when --secrets-file maps "<port>" to the subscriber's secret; null otherwise)}.
It answers S's content as the status when the file exists (e.g. 503 while "down"), else 200.
Runs until killed. Loopback only.
"""
import argparse
import asyncio
import hashlib
import hmac
import json
import os
import ssl
import time


def signature_ok(secret, headers, body):
    timestamp = headers.get("x-sawt-timestamp", "")
    sent = headers.get("x-sawt-signature", "")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > 300:
        return False
    expected = "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, sent)


class Receivers:
    def __init__(self, args):
        self.args = args
        self.log = open(args.log, "a", buffering=1)
        self.secrets = {}

    def status(self):
        try:
            with open(self.args.status_file) as f:
                return int(f.read().strip() or 200)
        except (OSError, ValueError, TypeError):
            return 200

    def secret_for(self, port):
        if not self.args.secrets_file:
            return None
        if str(port) not in self.secrets:
            try:
                with open(self.args.secrets_file) as f:
                    self.secrets = json.load(f)
            except (OSError, ValueError):
                return None
        return self.secrets.get(str(port))

    async def handle(self, reader, writer, port, tls):
        try:
            while True:
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
                lines = head.decode("latin-1").split("\r\n")
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        name, value = line.split(":", 1)
                        headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                status = self.status()
                secret = self.secret_for(port)
                self.log.write(json.dumps({
                    "port": port, "tls": tls, "key": headers.get("idempotency-key"), "delivery": headers.get("x-sawt-delivery"),
                    "event": headers.get("x-sawt-event"), "t": time.time(), "status": status,
                    "signed": None if secret is None else signature_ok(secret, headers, body)}) + "\n")
                text = b"ok" if status < 300 else b"try later"
                writer.write(b"HTTP/1.1 %d X\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s" % (status, len(text), text))
                await writer.drain()
                break
        except (asyncio.IncompleteReadError, asyncio.TimeoutError, ConnectionError, ssl.SSLError):
            pass
        finally:
            writer.close()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--plain", type=int, default=1)
    parser.add_argument("--tls", type=int, default=0)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--ports-file", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--status-file")
    parser.add_argument("--secrets-file")
    args = parser.parse_args()
    receivers = Receivers(args)
    context = None
    if args.tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)
    servers, ports = [], []
    for index in range(args.plain + args.tls):
        tls = index >= args.plain
        holder = {}

        async def on_client(reader, writer, holder=holder, tls=tls):
            await receivers.handle(reader, writer, holder["port"], tls)

        server = await asyncio.start_server(on_client, "127.0.0.1", 0, ssl=context if tls else None, backlog=256)
        holder["port"] = server.sockets[0].getsockname()[1]
        servers.append(server)
        ports.append({"port": holder["port"], "tls": tls})
    temp = args.ports_file + ".tmp"
    with open(temp, "w") as f:
        json.dump(ports, f)
    os.replace(temp, args.ports_file)
    await asyncio.gather(*(s.serve_forever() for s in servers))


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
