#!/usr/bin/env python3
"""The PostgreSQL half of `make bench`: the same seeded data, copied into a throwaway PostgreSQL 15
(`engage copy`), read with the same wrk cases as the SQLite run, and enrolments per second with one
instance and with two instances on the one database. Figures, not pass/fail.

    python3 bench/postgres.py --binary .build/release/engage --sqlite <seeded file> [--duration 5]
"""
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "Tests" / "system"))
import conftest  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
import serving  # noqa: E402

ADMIN = conftest.ADMIN_KEY

ENROL_LUA = """
local counter = 0
local thread_id = 0
setup = function(thread) thread:set("tid", thread_id); thread_id = thread_id + 1 end
request = function()
  counter = counter + 1
  local body = '{"stakeholder_id":"%(stakeholder)s","participant":{"name":"Bench","email":"%(tag)s-' .. tid .. '-' .. counter .. '@example.org"}}'
  return wrk.format("POST", "/v1/workshops/%(workshop)s/enrolments", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer %(key)s"}, body)
end
"""


@contextmanager
def cluster():
    folder = Path(tempfile.mkdtemp(prefix="engage-bench-pg-"))
    folder.chmod(0o755)
    port = conftest.free_port()
    started = subprocess.run([str(ROOT / "scripts" / "pg-test-cluster"), "start", str(folder / "cluster"), str(port)],
                             capture_output=True, text=True, check=True)
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run([str(ROOT / "scripts" / "pg-test-cluster"), "stop", str(folder / "cluster")], capture_output=True)


@contextmanager
def instance(binary, url, secret, name, folder):
    port = conftest.free_port()
    env = conftest.clean_env(ENGAGE_HOST="127.0.0.1", ENGAGE_PORT=port, ENGAGE_DATABASE_URL=url, ENGAGE_SERVER_SECRET_FILE=secret,
                             ENGAGE_ADMIN_KEY=ADMIN, ENGAGE_RATE_LIMITS="off", ENGAGE_INSTANCE_ID=name, ENGAGE_LOG_LEVEL="warning")
    with open(folder / f"{name}.log", "w") as log:
        process = subprocess.Popen([binary, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        serving.wait_until_up(base + "/readyz", process, folder / f"{name}.log", pause=0.05)
        serving.wait_until_idle(process.pid)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def enrolment_rate(bases, stakeholder, duration, connections, folder, wrk):
    """Enrolments per second, the load split evenly over the given instances (one wrk each, at once)."""
    workshop = requests.post(bases[0] + "/v1/workshops", headers={"Authorization": f"Bearer {ADMIN}"}, timeout=10, json={
        "title": "Bench training", "starts_on": "2027-07-07", "ends_on": "2027-07-08", "capacity": 10000,
        "enrolment": {"opens_at": "2026-01-01T00:00:00Z", "closes_at": "2030-01-01T00:00:00Z"}}).json()["id"]
    results = [None] * len(bases)

    def run(index, base):
        script = folder / f"enrol-{index}-{len(bases)}.lua"
        script.write_text(ENROL_LUA % {"stakeholder": stakeholder, "workshop": workshop, "key": ADMIN, "tag": f"i{index}n{len(bases)}"})
        results[index] = wrk(base, duration, max(2, connections // len(bases)), str(script))

    threads = [threading.Thread(target=run, args=(i, b)) for i, b in enumerate(bases)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    detail = requests.get(f"{bases[0]}/v1/workshops/{workshop}").json()
    stored = detail["confirmed_count"] + detail["waitlist_count"]
    return sum(r[0] for r in results), sum(r[3] for r in results), stored, detail["confirmed_count"]


def main(binary, sqlite_file, cases, stakeholder, duration, connections, wrk):
    """Returns the read rows for PostgreSQL and the enrolment figures."""
    folder = Path(tempfile.mkdtemp(prefix="engage-bench-pg-run-"))
    secret = Path(str(sqlite_file) + ".secret")
    with cluster() as url:
        copied = subprocess.run([binary, "copy", "--from", str(sqlite_file), "--to", url], capture_output=True, text=True)
        if copied.returncode != 0:
            raise SystemExit(copied.stderr)
        rows = []
        with instance(binary, url, str(secret), "bench-a", folder) as base:
            ceiling = None
            for name, path, lua, headers in cases:
                rps, p50, p99, errors = wrk(base + path if not lua else base, duration, connections, lua, headers)
                ceiling = ceiling or rps
                rows.append((name, rps, rps / ceiling, p50, p99, errors))
            one = enrolment_rate([base], stakeholder, duration, connections, folder, wrk)
            with instance(binary, url, str(secret), "bench-b", folder) as second:
                two = enrolment_rate([base, second], stakeholder, duration, connections, folder, wrk)
    return rows, one, two


if __name__ == "__main__":
    print("run through bench/run.py (make bench)", file=sys.stderr)
    sys.exit(2)
