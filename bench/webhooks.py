#!/usr/bin/env python3
"""Webhook delivery throughput: 1,000 pending messages over 10 endpoints to a local receiver.

A figure, not a test. The receiver holds every request until all 1,000 deliveries are queued
(100 registrations x 10 staff endpoints), then answers 204 at once; the clock runs from that
release until it has seen every (endpoint, webhook-id) pair.

    python3 bench/webhooks.py --binary .build/release/engage
"""
import argparse
import os
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tests" / "system"))
import conftest  # noqa: E402  (the loopback server helpers of the system tests)

MESSAGES, ENDPOINTS = 100, 10


class Receiver:
    def __init__(self):
        self.release = threading.Event()
        self.lock = threading.Lock()
        self.pairs = set()
        self.requests = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.release.wait()
                with receiver.lock:
                    receiver.requests += 1
                    receiver.pairs.add((self.path, self.headers.get("webhook-id")))
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.port = self.server.server_address[1]


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
            receiver.release.set()
            deadline = started + 300
            while len(receiver.pairs) < total and time.monotonic() < deadline:
                time.sleep(0.005)
            elapsed = time.monotonic() - started
    delivered = len(receiver.pairs)
    print(f"webhook deliveries: {delivered}/{total} distinct in {elapsed:.2f} s = {delivered / elapsed:.0f} deliveries/s "
          f"({receiver.requests} requests; {ENDPOINTS} endpoints, worker concurrency {args.concurrency}, binary {args.binary})")
    return 0 if delivered == total else 1


if __name__ == "__main__":
    sys.exit(main())
