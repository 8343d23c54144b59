#!/usr/bin/env python3
"""Concurrent writer for kill9_test.sh (standard library only).

Sends WRITES POST /api/v1/entities requests creating departments crash-1..crash-N under PARENT,
CONCURRENCY at a time, each worker on its own keep-alive connection (reconnecting after a failure).
Every code answered 201 is appended to ACKED (flushed before it counts). Once KILL_AFTER writes are
acknowledged the server process KILL_PID gets SIGKILL, with the other workers' requests in flight.
RESULTS gets one "n status error" line per request (status 0 and an exception name on failure).
Prints one JSON summary line.
"""
import argparse
import http.client
import json
import os
import signal
import threading
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--parent", type=int, required=True)
    ap.add_argument("--writes", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--kill-pid", type=int, required=True)
    ap.add_argument("--kill-after", type=int, required=True)
    ap.add_argument("--acked", required=True)
    ap.add_argument("--results", required=True)
    args = ap.parse_args()

    lock = threading.Lock()
    state = {"next": 1, "acked": 0, "killed_at": None}
    acked = open(args.acked, "a", encoding="utf-8")
    results = open(args.results, "a", encoding="utf-8")
    headers = {"Authorization": "Bearer " + args.token, "Content-Type": "application/json"}

    def take():
        with lock:
            n = state["next"]
            if n > args.writes:
                return None
            state["next"] = n + 1
            return n

    def worker():
        conn = None
        while True:
            n = take()
            if n is None:
                break
            body = json.dumps({"kind": "department", "parent_id": args.parent, "code": "crash-%d" % n,
                               "name_ar": "إدارة اختبار %d" % n, "name_en": "Test department %d" % n},
                              ensure_ascii=False).encode("utf-8")
            status, error = 0, "-"
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=20)
                conn.request("POST", "/api/v1/entities", body=body, headers=headers)
                resp = conn.getresponse()
                resp.read()
                status = resp.status
                if resp.will_close:
                    conn.close()
                    conn = None
            except Exception as e:  # noqa: BLE001 — every failure is a datum here
                error = type(e).__name__
                if conn is not None:
                    conn.close()
                conn = None
            with lock:
                if status == 201:
                    acked.write("crash-%d\n" % n)
                    acked.flush()
                    state["acked"] += 1
                    if state["acked"] >= args.kill_after and state["killed_at"] is None:
                        try:
                            os.kill(args.kill_pid, signal.SIGKILL)
                        except ProcessLookupError:
                            pass
                        state["killed_at"] = state["acked"]
                results.write("%d %d %s\n" % (n, status, error))
        if conn is not None:
            conn.close()

    start = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    acked.close()
    results.close()
    print(json.dumps({"acked": state["acked"], "killed_at": state["killed_at"],
                      "elapsed_ms": int((time.monotonic() - start) * 1000)}))


if __name__ == "__main__":
    main()
