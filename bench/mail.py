#!/usr/bin/env python3
"""E-mail throughput: 1,000 mails queued at once, sent to a local SMTP server (aiosmtpd).

A figure, not a test. Engage first runs without ENGAGE_SMTP_URL while 1,000 organisations register
(each registration writes one mail to its contact, which waits in the outbox); then it is started
again with the SMTP server configured, and the clock runs from that start until the server has
accepted all 1,000. It also counts the SMTP sessions, to show that connections are reused.

    python3 bench/mail.py --binary .build/release/engage
"""
import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tests" / "system"))
import conftest  # noqa: E402  (the loopback server helpers of the system tests)
from mailbox import Mailbox  # noqa: E402

MAILS = 1000


class CountingMailbox(Mailbox):
    """Counts SMTP sessions (each greeting is one connection) and accepts each message without parsing
    it, so the figure is Engage's more than the Python server's."""
    sessions = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.sessions += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), time.monotonic()))
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(Path(".build/release/engage")))
    args = parser.parse_args()
    os.environ["ENGAGE_BINARY"] = args.binary
    conftest.BINARY = args.binary
    mailbox = CountingMailbox()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "engage.sqlite"
        quiet = {"ENGAGE_ADMIN_KEY": conftest.ADMIN_KEY, "ENGAGE_LOG_LEVEL": "warning"}
        with conftest.serve(Path(folder), database, **quiet) as server:
            for index in range(MAILS):
                response = server.post("/v1/stakeholders", json=conftest.registration(
                    name=f"Benchmark Organisation {index}", contact={"name": "Contact", "email": f"contact{index}@bench.example"}))
                assert response.status_code == 201, response.text
        started = time.monotonic()
        with conftest.serve(Path(folder), database, ENGAGE_SMTP_URL=mailbox.url, ENGAGE_MAIL_FROM="bench@unodc.example", **quiet):
            deadline = started + 300
            while len(mailbox.messages) < MAILS and time.monotonic() < deadline:
                time.sleep(0.005)
            elapsed = time.monotonic() - started
    mailbox.stop()
    received = len(mailbox.messages)
    times = [at for _, at in mailbox.messages]
    sending = max(times) - min(times) if len(times) > 1 else float("nan")
    print(f"e-mail: {received:,} of {MAILS:,} mails accepted by a local SMTP server in {elapsed:.2f} s from the server's start = "
          f"{received / elapsed:,.0f} mails/s ({(received - 1) / sending:,.0f} mails/s from the first mail to the last), "
          f"over {mailbox.sessions} SMTP connection(s); aiosmtpd, one Python process on the same 2 cores, is part of the figure")


if __name__ == "__main__":
    main()
