"""A real SMTP server on a loopback port (aiosmtpd), for the system tests: it keeps every message it
accepts, parsed with Python's `email` package, and refuses the mailboxes in `bounce` with 550."""
import email
import socket
import email.policy
import threading
import time

from aiosmtpd.controller import Controller


class Mailbox:
    def __init__(self, port=0):
        self.messages = []      # (envelope recipients, parsed message)
        self.bounce = set()     # addresses refused with 550
        self.lock = threading.Lock()
        self.port = port
        self.controller = None
        self.start()

    # MARK: aiosmtpd handler

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.bounce:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message.raw = envelope.content  # the bytes as sent, for assertions on their encoding
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    # MARK: Control

    def start(self):
        """Listens (again) on the same port."""
        if not self.port:
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                self.port = probe.getsockname()[1]
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        """Stops listening: connections are refused until `start`."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"

    def to(self, address):
        """The messages received for `address`."""
        with self.lock:
            return [m for rcpts, m in self.messages if address.lower() in (r.lower() for r in rcpts)]

    def wait_for(self, address, count=1, timeout=20):
        """Waits until `address` has received `count` messages; returns them."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            received = self.to(address)
            if len(received) >= count:
                return received
            time.sleep(0.05)
        raise AssertionError(f"{address} received {len(self.to(address))} messages, expected {count}")
