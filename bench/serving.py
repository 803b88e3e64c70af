"""What every bench script does with a server it started: wait until it answers, and until it is idle."""
import os
import time
from pathlib import Path

import requests


def wait_until_up(url, process, log: Path, timeout=60, pause=0.002):
    """Returns once `url` answers 200; raises with the end of `log` when `process` exits or `timeout` s pass."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if requests.get(url, timeout=1).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"{url} did not come up: {log.read_text()[-500:]}")
        time.sleep(pause)


def cpu_seconds(pid):
    """User and system CPU time the process has used so far, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_until_idle(pid, window=0.5, below=0.05, timeout=60):
    """Returns the seconds waited until the process used under `below` of a core over `window` s.

    A server starts its maintenance (the retention pass over the seed's ended events erases 11,376
    registrations in about 3 s) while it already answers: a phase measured during it measures both.
    """
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        before = cpu_seconds(pid)
        time.sleep(window)
        if cpu_seconds(pid) - before < below * window:
            break
    return time.monotonic() - started
