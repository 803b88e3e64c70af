#!/usr/bin/env python3
"""Webhook delivery throughput: 3,000 pending deliveries over 10 endpoints to a local receiver.

A figure, not a test. The receiver holds every request until all 3,000 deliveries are queued
(300 registrations x 10 staff endpoints), then answers 204 at once; the clock runs from that
release until it has seen every (endpoint, webhook-id) pair.

    python3 bench/webhooks.py --binary .build/release/engage
"""
import argparse
import asyncio
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tests" / "system"))
import conftest  # noqa: E402  (the loopback server helpers of the system tests)

MESSAGES, ENDPOINTS = 300, 10


class Receiver:
    """A lean HTTP/1.1 receiver on asyncio, in a thread of its own: keep-alive, bodies by Content-Length.
    It holds every request until `open()`, then answers each 204 at once. Leaner than `http.server`, so
    that the figure is Engage's, not the receiver's, on two cores shared by both."""

    def __init__(self):
        self.pairs = set()
        self.requests = 0
        self.connections = 0
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()

        def run():
            asyncio.set_event_loop(self.loop)
            self.released = asyncio.Event()
            server = self.loop.run_until_complete(asyncio.start_server(self.handle, "127.0.0.1", 0))
            self.port = server.sockets[0].getsockname()[1]
            ready.set()
            self.loop.run_forever()

        threading.Thread(target=run, daemon=True).start()
        ready.wait()

    def open(self):
        self.loop.call_soon_threadsafe(self.released.set)

    async def handle(self, reader, writer):
        self.connections += 1
        try:
            while True:
                head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
                headers = dict((name.strip().lower(), value.strip()) for name, _, value in (line.partition(":") for line in head[1:] if line))
                await reader.readexactly(int(headers.get("content-length", 0)))
                await self.released.wait()
                self.requests += 1
                self.pairs.add((head[0].split(" ")[1], headers.get("webhook-id")))
                writer.write(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(Path(".build/release/engage")))
    parser.add_argument("--concurrency", default="8")
    args = parser.parse_args()
    os.environ["ENGAGE_BINARY"] = args.binary
    conftest.BINARY = args.binary
    receiver = Receiver()
    total = MESSAGES * ENDPOINTS
    with tempfile.TemporaryDirectory() as folder:
        with conftest.serve(Path(folder), ENGAGE_ADMIN_KEY=conftest.ADMIN_KEY, ENGAGE_WEBHOOK_ALLOW_PRIVATE_TARGETS="true",
                            ENGAGE_WEBHOOK_CONCURRENCY=args.concurrency, ENGAGE_WEBHOOK_TIMEOUT="60s", ENGAGE_LOG_LEVEL="warning") as server:
            for index in range(ENDPOINTS):
                created = server.post("/v1/webhook-endpoints", token=conftest.ADMIN_KEY, json={
                    "url": f"http://127.0.0.1:{receiver.port}/e{index}", "event_types": ["stakeholder.registered"]})
                assert created.status_code == 201, created.text
            for index in range(MESSAGES):
                response = server.post("/v1/stakeholders", json=conftest.registration(name=f"Benchmark Organisation {index}"))
                assert response.status_code == 201, response.text
            started = time.monotonic()
            receiver.open()
            deadline = started + 300
            while len(receiver.pairs) < total and time.monotonic() < deadline:
                time.sleep(0.005)
            elapsed = time.monotonic() - started
    delivered = len(receiver.pairs)
    print(f"webhook deliveries: {delivered}/{total} distinct in {elapsed:.2f} s = {delivered / elapsed:.0f} deliveries/s "
          f"({receiver.requests} requests over {receiver.connections} connections; {ENDPOINTS} endpoints, worker concurrency {args.concurrency}, binary {args.binary})")
    return 0 if delivered == total else 1


if __name__ == "__main__":
    sys.exit(main())
