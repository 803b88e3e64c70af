"""A webhook receiver on a loopback port, for the system tests: it logs every request and answers
as each path says, so one receiver can play a healthy, a flaky, a rate-limited, a gone and a hung endpoint."""
import json
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver:
    def __init__(self):
        self.requests = []          # (path, headers, body bytes, time)
        self.lock = threading.Lock()
        self.seen = defaultdict(int)  # (path, webhook-id) -> attempts so far
        self.connections = 0          # TCP connections accepted (HTTP/1.1 keeps them alive between requests)
        self.per_path = defaultdict(int)  # path -> requests so far, over every message
        self.release = threading.Event()  # lets the request /hold-then-gone holds answer
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def setup(self):
                super().setup()
                with receiver.lock:
                    receiver.connections += 1

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                path = self.path
                with receiver.lock:
                    receiver.requests.append((path, {k.lower(): v for k, v in self.headers.items()}, body, time.monotonic()))
                    key = (path.split("?")[0], self.headers.get("webhook-id"))
                    receiver.seen[key] += 1
                    attempt = receiver.seen[key]
                    receiver.per_path[key[0]] += 1
                    nth = receiver.per_path[key[0]]
                status, headers, delay = receiver.answer(path, attempt, nth)
                if delay == "hold":
                    receiver.release.wait(10)
                elif delay:
                    time.sleep(delay)
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    body = b"" if status == 204 else b"ok"   # a 204 has no body (it would break keep-alive framing)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    @staticmethod
    def answer(path, attempt, nth=1):
        """/ok: 204. /flaky/N: 500 for the first N attempts of each message. /limited: 429 with Retry-After: 2
        on the first attempt. /gone: 410. /hang: answers after 5 s. /slow: 204 after 30 ms.
        /hold-then-gone: its first request of all gets a 204 once `release` is set, every later one a 410."""
        parts = path.strip("/").split("/")
        name = parts[0]
        if name == "flaky":
            return (500, {}, 0) if attempt <= int(parts[1]) else (200, {}, 0)
        if name == "limited":
            return (429, {"Retry-After": "2"}, 0) if attempt == 1 else (200, {}, 0)
        if name == "gone":
            return 410, {}, 0
        if name == "hang":
            return 200, {}, 5
        if name == "slow":
            return 204, {}, 0.03
        if name == "hold-then-gone":
            return (204, {}, "hold") if nth == 1 else (410, {}, 0)
        return 204, {}, 0

    def received(self, path=None):
        with self.lock:
            return [(p, h, b, t) for (p, h, b, t) in self.requests if path is None or p.split("?")[0] == path]

    def messages(self, path=None):
        """The distinct messages received (deduplicated by webhook-id, as the spec asks receivers to)."""
        unique = {}
        for _, headers, body, _ in self.received(path):
            unique.setdefault(headers["webhook-id"], json.loads(body))
        return unique

    def wait_for(self, predicate, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.05)
        return predicate()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
