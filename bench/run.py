#!/usr/bin/env python3
"""`make bench`: a release `engage serve` on a seeded database of realistic size, loaded with wrk
on loopback; prints one table. Figures, not pass/fail: read them as ratios to the framework ceiling
(`GET /healthz`) measured in the same run, on the same machine, with the load generator beside it.

    python3 bench/run.py --binary .build/release/engage [--duration 5] [--connections 64]
"""
import argparse
import itertools
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "Tests" / "system"))
import conftest  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
import datasette  # noqa: E402
import postgres  # noqa: E402
import seed  # noqa: E402
import serving  # noqa: E402

ADMIN = conftest.ADMIN_KEY

# Each line of the pairs file is "event stakeholder": a pair not yet registered. Two events give about
# 36,000 pairs, so a run of 5 s would have to pass 7,000 registrations/s before it registered one twice.
REGISTRATION_LUA = """
local events, ids = {}, {}
for line in io.lines("%(pairs)s") do
  local event, id = line:match("(%%S+) (%%S+)")
  events[#events + 1] = event; ids[#ids + 1] = id
end
local counter = 0
local thread_id = 0
setup = function(thread) thread:set("tid", thread_id); thread_id = thread_id + 1 end
request = function()
  counter = counter + 1
  local index = ((counter * 2 + tid) %% #ids) + 1
  local body = '{"stakeholder_id":"' .. ids[index] .. '","participants":[{"name":"Bench Delegate","email":"delegate@example.org"}]}'
  return wrk.format("POST", "/v1/events/" .. events[index] .. "/registrations", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer %(key)s"}, body)
end
"""


def registration_pairs(db, events):
    """Every (event, approved stakeholder) pair of `events` without a registration, the events taking turns."""
    lists = [[(event, row[0]) for row in db.execute(
        "SELECT id FROM stakeholder WHERE status = 'approved' AND id NOT IN (SELECT stakeholder_id FROM event_registration WHERE event_id = ?)",
        (event,))] for event in events]
    return [pair for turn in itertools.zip_longest(*lists) for pair in turn if pair]

RANDOM_ID_LUA = """
local ids = {}
for line in io.lines("%(ids)s") do ids[#ids + 1] = line end
local thread_id = 0
setup = function(thread) thread:set("tid", thread_id); thread_id = thread_id + 1 end
init = function(args) math.randomseed(20261202 + tid) end
request = function() return wrk.format("GET", "%(prefix)s" .. ids[math.random(#ids)] .. "%(suffix)s") end
"""

# The reads Engage and Datasette both serve, by the bench's short name (see bench/datasette.py).
PEER_ROWS = [
    ("ceiling", "`/healthz` vs `/-/versions.json`"),
    ("by id, random", "one stakeholder by id, a random one of the approved on each request"),
    ("by id, same", "one stakeholder by id, the same one on each request"),
    ("country list", "50 approved stakeholders in one country"),
    ("full text", "full text `trafficking`, 50 results"),
    ("events", "50 events from a date"),
]
TARGETS = {"by id, random": 10, "by id, same": 10, "country list": 8, "full text": 5, "events": 8}
CEILING_TARGETS = {"by id, random": 0.5, "by id, same": 0.5, "country list": 0.25, "full text": 0.25, "events": 0.25}


def random_id_script(folder, name, ids, prefix, suffix=""):
    """A wrk script that asks for a different, random row of `ids` on every request."""
    ids_file = folder / f"{name}.txt"
    ids_file.write_text("\n".join(str(i) for i in ids) + "\n")
    script = folder / f"{name}.lua"
    script.write_text(RANDOM_ID_LUA % {"ids": ids_file, "prefix": prefix, "suffix": suffix})
    return str(script)


def wrk(url, duration, connections, script=None, headers=()):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    output = subprocess.run(command + [url], capture_output=True, text=True, timeout=duration + 60).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rps, latency.get("50", "?"), latency.get("99", "?"), int(errors.group(1)) if errors else 0


def cold_statistics(base, event, stakeholders):
    """The statistics' latency when no kept answer is valid: each request follows a new registration (which moves
    the statistics stamp). Only the GET is timed. Returns (median ms, max ms, count)."""
    headers = {"Authorization": f"Bearer {ADMIN}"}
    times = []
    for stakeholder in stakeholders[:21]:
        created = requests.post(f"{base}/v1/events/{event}/registrations", headers=headers, timeout=30, json={
            "stakeholder_id": stakeholder, "participants": [{"name": "Bench", "email": f"cold-{stakeholder}@example.org"}]})
        assert created.status_code == 201, created.text
        started = time.perf_counter()
        answer = requests.get(f"{base}/v1/statistics/participation?group_by=region,kind", headers=headers, timeout=30)
        times.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200, answer.text
    return statistics.median(times), max(times), len(times)


def peer_rows(folder, database, stakeholder_seq, random_script, args):
    """Datasette's requests/s, p99 and non-2xx for each shared read, on the same file after Engage has stopped."""
    executable = datasette.install(folder)
    urls = datasette.paths("engage", stakeholder_seq)
    results = {}
    with datasette.serve(executable, database, folder) as base:
        for key, _ in PEER_ROWS:
            lua = random_script if key == "by id, random" else None
            datasette.check(base, urls[key] + (f"{stakeholder_seq}.json" if lua else ""))  # the random script's prefix, with one row
            rps, _, p99, errors = wrk(base if lua else base + urls[key], args.duration, args.connections, lua)
            results[key] = (rps, p99, errors)
    return results


def print_peer_table(rows, peer):
    """Engage beside Datasette on the same file, with the issue's targets (ratio to Datasette and to the ceiling)."""
    engage = dict(zip([key for key, _ in PEER_ROWS], rows))  # the first six Engage cases, in PEER_ROWS' order
    ceiling = rows[0][1]
    print()
    print("Engage beside Datasette 0.65 (num_sql_threads=0, suggest_facets off, _nocount=1) on the same seeded file, same wrk settings:")
    print()
    print("| request | Engage req/s | Datasette req/s | Engage / Datasette | target | Engage / ceiling | target | Engage p99 | Datasette p99 | non-2xx E / D |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for key, label in PEER_ROWS:
        _, rps, _, _, p99, errors = engage[key]
        peer_rps, peer_p99, peer_errors = peer[key]
        target = f"≥ {TARGETS[key]}" if key in TARGETS else ""
        ceiling_target = f"≥ {CEILING_TARGETS[key]}" if key in CEILING_TARGETS else ""
        print(f"| {label} | {rps:,.0f} | {peer_rps:,.0f} | {rps / peer_rps:.2f} | {target} | {rps / ceiling:.2f} | {ceiling_target} "
              f"| {p99} | {peer_p99} | {errors} / {peer_errors} |")


def cache_counts(base):
    """The response cache's hit and miss counters from /metrics."""
    text = requests.get(base + "/metrics", timeout=10).text
    found = dict(re.findall(r'^engage_response_cache_requests_total\{result="(hit|miss)"\} (\d+)', text, re.M))
    return int(found.get("hit", 0)), int(found.get("miss", 0))


def uncached_rows(binary, env, folder, cases, args):
    """The reads that can be kept answers, again on a server that keeps none (`ENGAGE_RESPONSE_CACHE_MB=0`): every read a miss."""
    env = dict(env, ENGAGE_RESPONSE_CACHE_MB="0", ENGAGE_PORT=str(conftest.free_port()))
    with open(folder / "stderr-uncached.log", "w") as log:
        process = subprocess.Popen([binary, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{env['ENGAGE_PORT']}"
    try:
        serving.wait_until_up(base + "/healthz", process, folder / "stderr-uncached.log")
        serving.wait_until_idle(process.pid)
        return [(name, *wrk(base + path, args.duration, args.connections, lua, headers)) for name, path, lua, headers in cases]
    finally:
        process.terminate()
        process.wait(timeout=30)


def rss_peak_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(ROOT / ".build/release/engage"))
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--no-postgres", action="store_true", help="skip the PostgreSQL half (it starts a throwaway PostgreSQL 15)")
    args = parser.parse_args()
    conftest.BINARY = args.binary
    folder = Path(tempfile.mkdtemp(prefix="engage-bench-"))
    database = folder / "engage.sqlite"
    subprocess.run([args.binary, "migrate", "--database", str(database)], check=True, capture_output=True)
    seed.main(str(database))
    with sqlite3.connect(database) as db:
        stakeholder, stakeholder_seq = db.execute("SELECT id, seq FROM stakeholder WHERE status = 'approved' LIMIT 1 OFFSET 777").fetchone()
        approved = db.execute("SELECT id, seq FROM stakeholder WHERE status = 'approved' ORDER BY seq").fetchall()
        events = [db.execute("SELECT id FROM event LIMIT 1 OFFSET ?", (offset,)).fetchone()[0] for offset in (13, 15)]
        other_event = db.execute("SELECT id FROM event LIMIT 1 OFFSET 14").fetchone()[0]
        other_free = [row[0] for row in db.execute(
            "SELECT id FROM stakeholder WHERE status = 'approved' AND id NOT IN (SELECT stakeholder_id FROM event_registration WHERE event_id = ?) LIMIT 21",
            (other_event,))]
        pairs = registration_pairs(db, events)
        registered_before = db.execute("SELECT count(*) FROM event_registration").fetchone()[0]
    pairs_file = folder / "registration-pairs.txt"
    pairs_file.write_text("".join(f"{event} {stakeholder}\n" for event, stakeholder in pairs))
    script = folder / "register.lua"
    script.write_text(REGISTRATION_LUA % {"pairs": pairs_file, "key": ADMIN})
    random_engage = random_id_script(folder, "random-engage", [row[0] for row in approved], "/v1/stakeholders/")
    random_peer = random_id_script(folder, "random-datasette", [row[1] for row in approved], datasette.paths("engage", stakeholder_seq)["by id, random"], ".json")

    port = conftest.free_port()
    env = conftest.clean_env(ENGAGE_HOST="127.0.0.1", ENGAGE_PORT=port, ENGAGE_DATABASE=database, ENGAGE_ADMIN_KEY=ADMIN, ENGAGE_RATE_LIMITS="off")
    started = time.monotonic()
    with open(folder / "stderr.log", "w") as log:
        process = subprocess.Popen([args.binary, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    serving.wait_until_up(base + "/healthz", process, folder / "stderr.log")
    startup = time.monotonic() - started
    settled = serving.wait_until_idle(process.pid)

    rows = []
    try:
        auth = (f"Authorization: Bearer {ADMIN}",)
        cases = [
            ("GET /healthz (ceiling)", "/healthz", None, ()),
            ("GET /v1/stakeholders/{id} (random id)", "", random_engage, ()),
            ("GET /v1/stakeholders/{id} (one id)", f"/v1/stakeholders/{stakeholder}", None, ()),
            ("GET /v1/stakeholders?country=KE&limit=50", "/v1/stakeholders?country=KE&limit=50", None, ()),
            ("GET /v1/stakeholders?q=trafficking&limit=50", "/v1/stakeholders?q=trafficking&limit=50", None, ()),
            ("GET /v1/events?from=2026-01-01&limit=50", "/v1/events?from=2026-01-01&limit=50", None, ()),
            ("GET /v1/events.ics?from=2027-06-01", "/v1/events.ics?from=2027-06-01", None, ()),
            ("GET /v1/statistics/participation?group_by=region,kind (kept answer)", "/v1/statistics/participation?group_by=region,kind", None, auth),
            ("POST /v1/events/{id}/registrations", "", str(script), auth),
        ]
        ceiling = None
        kept_by_case = {}  # (hits, misses) of each request that can be a kept answer, counted around its own wrk run
        for name, path, lua, headers in cases:
            before = cache_counts(base)
            rps, p50, p99, errors = wrk(base + path, args.duration, args.connections, lua, headers)
            after = cache_counts(base)
            if after != before:
                kept_by_case[name] = (after[0] - before[0], after[1] - before[1])
            ceiling = ceiling or rps
            rows.append((name, rps, rps / ceiling, p50, p99, errors))
        rss = rss_peak_mb(process.pid)
        hits, misses = cache_counts(base)
        statistics_cold = cold_statistics(base, other_event, other_free)
    finally:
        process.terminate()
        process.wait(timeout=30)

    # Every read that can be a kept answer (the directory and the event list and feed), again as misses.
    kept_cases = [case for case in cases if case[0].startswith(("GET /v1/stakeholders", "GET /v1/events"))]
    uncached = uncached_rows(args.binary, env, folder, [cases[0]] + kept_cases, args)
    peer = peer_rows(folder, database, stakeholder_seq, random_peer, args)
    webhook = subprocess.run([sys.executable, str(ROOT / "bench" / "webhooks.py"), "--binary", args.binary], capture_output=True, text=True, timeout=600)
    mail = subprocess.run([sys.executable, str(ROOT / "bench" / "mail.py"), "--binary", args.binary], capture_output=True, text=True, timeout=600)
    print()
    print(f"Engage benchmark: {args.binary}, wrk -t2 -c{args.connections} -d{args.duration}s on loopback, {os.cpu_count()} cores shared with the load generator")
    print()
    print("| request | requests/s | ratio to ceiling | p50 | p99 | non-2xx |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, rps, ratio, p50, p99, errors in rows:
        print(f"| `{name}` | {rps:,.0f} | {ratio:.2f} | {p50} | {p99} | {errors} |")
    print()
    print_peer_table(rows, peer)
    print()
    print(f"- anonymous directory reads answered from kept answers over the whole run: {hits:,} hits, {misses:,} misses")
    for name, (case_hits, case_misses) in kept_by_case.items():
        print(f"  - `{name}`: {case_hits:,} hits, {case_misses:,} misses ({100 * case_hits / max(1, case_hits + case_misses):.0f} % hits; the run starts with what the requests before it kept)")
    print()
    print("The reads that can be kept answers, with none kept (`ENGAGE_RESPONSE_CACHE_MB=0`, every read a miss), against Datasette above:")
    print()
    print("| request | requests/s | ratio to ceiling | Engage / Datasette | p99 | non-2xx |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    uncached_ceiling = uncached[0][1]
    peer_by_name = dict(zip([case[0] for case in cases[1:6]], [peer[key] for key, _ in PEER_ROWS[1:]]))
    for name, rps, _, p99, errors in uncached:
        versus = f"{rps / peer_by_name[name][0]:.2f}" if name in peer_by_name else ""
        print(f"| `{name}` | {rps:,.0f} | {rps / uncached_ceiling:.2f} | {versus} | {p99} | {errors} |")
    print()
    print(f"- peak RSS under load: {rss:.0f} MB")
    print(f"- start to first served request: {startup * 1000:.0f} ms; idle (start-up maintenance done, measuring began) {settled:.1f} s later")
    print(f"- {webhook.stdout.strip() or webhook.stderr.strip()[-300:]}")
    print(f"- {mail.stdout.strip() or mail.stderr.strip()[-300:]}")
    with sqlite3.connect(database) as db:
        registered = db.execute("SELECT count(*) FROM event_registration").fetchone()[0] - registered_before
    print(f"- registrations stored by the run (POST targets and the statistics' own): {registered:,} of {len(pairs):,} pairs free")
    print(f"- participation statistics grouped by region and kind, recomputed after a registration each time (no kept answer): "
          f"median {statistics_cold[0]:.1f} ms, max {statistics_cold[1]:.1f} ms over {statistics_cold[2]} requests")
    if args.no_postgres:
        return

    # The same reads on PostgreSQL, from a copy of the same file (with the registrations the POST case added).
    read_cases = [case for case in cases if case[0].startswith("GET")]
    pg_rows, one, two = postgres.main(args.binary, database, read_cases, stakeholder, args.duration, args.connections, wrk)
    # Against SQLite's misses where it keeps answers: PostgreSQL keeps none, so that is the like-for-like figure.
    sqlite_rps = {name: rps for name, rps, *_ in rows} | {name: rps for name, rps, *_ in uncached[1:]}
    print()
    print("PostgreSQL 15 (throwaway cluster on this machine, fsync off), the same data copied with `engage copy`; "
          "reads SQLite can keep compared with its misses (PostgreSQL keeps no answers):")
    print()
    print("| request | requests/s | ratio to ceiling | PostgreSQL / SQLite | p50 | p99 | non-2xx |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, rps, ratio, p50, p99, errors in pg_rows:
        print(f"| `{name}` | {rps:,.0f} | {ratio:.2f} | {rps / sqlite_rps[name]:.2f} | {p50} | {p99} | {errors} |")
    print()
    print(f"- enrolments/s, one instance: {one[0]:,.0f} ({one[1]} non-2xx; {one[2]} stored, {one[3]} confirmed)")
    print(f"- enrolments/s, two instances on the same database: {two[0]:,.0f} ({two[1]} non-2xx; {two[2]} stored, "
          f"{two[3]} confirmed); ratio two / one: {two[0] / one[0]:.2f}")


if __name__ == "__main__":
    main()
