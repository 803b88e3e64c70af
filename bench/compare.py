#!/usr/bin/env python3
"""Two builds of Engage on the same seeded file, read case by read case, alternating: the way to
quote a change's effect as a ratio measured in one run (the machine's speed drifts between runs).

    python3 bench/compare.py --before /tmp/engage-before --after .build/release/engage [--rounds 2]

Each round serves the file with one binary, then the other (never both at once), and runs every
read case for `--duration` seconds; the table shows each binary's best round and the ratio.
"""
import argparse
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "Tests" / "system"))
sys.path.insert(0, str(ROOT / "bench"))
import conftest  # noqa: E402
import run  # noqa: E402
import seed  # noqa: E402
import serving  # noqa: E402


@contextmanager
def engage_server(binary, database, folder):
    port = conftest.free_port()
    env = conftest.clean_env(ENGAGE_HOST="127.0.0.1", ENGAGE_PORT=port, ENGAGE_DATABASE=database, ENGAGE_RATE_LIMITS="off")
    with open(folder / "stderr.log", "a") as log:
        process = subprocess.Popen([binary, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        serving.wait_until_up(base + "/healthz", process, folder / "stderr.log")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", required=True)
    parser.add_argument("--after", required=True)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="engage-compare-"))
    database = folder / "engage.sqlite"
    subprocess.run([args.after, "migrate", "--database", str(database)], check=True, capture_output=True)
    seed.main(str(database))
    with sqlite3.connect(database) as db:
        stakeholder = db.execute("SELECT id FROM stakeholder WHERE status = 'approved' LIMIT 1 OFFSET 777").fetchone()[0]
        approved = [row[0] for row in db.execute("SELECT id FROM stakeholder WHERE status = 'approved' ORDER BY seq")]
    random_ids = run.random_id_script(folder, "random", approved, "/v1/stakeholders/")
    cases = [
        ("GET /healthz", "/healthz", None),
        ("GET /v1/stakeholders/{id} (random id)", "", random_ids),
        ("GET /v1/stakeholders/{id} (one id)", f"/v1/stakeholders/{stakeholder}", None),
        ("GET /v1/stakeholders?country=KE&limit=50", "/v1/stakeholders?country=KE&limit=50", None),
        ("GET /v1/stakeholders?q=trafficking&limit=50", "/v1/stakeholders?q=trafficking&limit=50", None),
        ("GET /v1/events?from=2026-01-01&limit=50", "/v1/events?from=2026-01-01&limit=50", None),
        ("GET /v1/events.ics?from=2027-06-01", "/v1/events.ics?from=2027-06-01", None),
    ]
    best = {"before": {}, "after": {}}
    for _ in range(args.rounds):
        for label, binary in (("before", args.before), ("after", args.after)):
            with engage_server(binary, database, folder) as base:
                for name, path, lua in cases:
                    rps, _, _, errors = run.wrk(base + path, args.duration, args.connections, lua)
                    assert errors == 0, f"{label} {name}: {errors} non-2xx"
                    best[label][name] = max(best[label].get(name, 0), rps)
    print(f"before: {args.before}\nafter:  {args.after}\nbest of {args.rounds} alternating rounds, wrk -t2 -c{args.connections} -d{args.duration}s")
    print()
    print("| request | before req/s | after req/s | after / before |")
    print("| --- | ---: | ---: | ---: |")
    for name, _, _ in cases:
        before, after = best["before"][name], best["after"][name]
        print(f"| `{name}` | {before:,.0f} | {after:,.0f} | {after / before:.2f} |")


if __name__ == "__main__":
    main()
