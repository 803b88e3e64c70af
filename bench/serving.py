"""What every bench script does with a server it started: wait until it answers."""
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
