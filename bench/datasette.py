#!/usr/bin/env python3
"""The peer half of `make bench`: Datasette, a general-purpose Python tool, serving the same seeded
SQLite file read-only, loaded with the same wrk settings as Engage. Installed from PyPI into a private
virtual environment inside the bench folder, and run at its fastest for these reads:
`num_sql_threads=0` (queries on the event loop, no thread hop) and `suggest_facets off` (by default
every table page also tries a facet per column, which took 117 of its 123 ms for the country list);
list URLs carry `_nocount=1`, since Engage does not count the matches either.

Each Engage read has its Datasette counterpart over the same rows:

- the ceiling: `/-/versions.json` (no database);
- one stakeholder by id: the row page (Datasette keys rows by the table's primary key, `seq`, which is
  as unique and as indexed as Engage's `id`), a random approved one on every request (the same Lua script);
- 50 approved stakeholders in one country: the table filtered on `country` and `status`;
- full text: `_search` over `stakeholder_fts` (configured in metadata: the FTS5 table is an external-
  content table on `seq`, which Datasette does not detect by itself). Datasette returns the matches
  in table order; Engage ranks every match by weighted bm25 before it takes 50, which is more work;
- 50 events from a date: `starts_on__gte`, sorted by `starts_on`.
"""
import json
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "Tests" / "system"))
import conftest  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
import serving  # noqa: E402

VERSION = "datasette>=0.65,<0.66"


def install(folder):
    """A private virtual environment with Datasette 0.65; returns the path of its `datasette` script."""
    venv = folder / "datasette-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", VERSION], check=True, capture_output=True)
    return venv / "bin" / "datasette"


@contextmanager
def serve(executable, database, folder):
    """Datasette on a free loopback port over `database`, opened read-only; yields its base URL."""
    metadata = folder / "datasette-metadata.json"
    metadata.write_text(json.dumps({"databases": {"engage": {"tables": {
        "stakeholder": {"fts_table": "stakeholder_fts", "fts_pk": "seq"}}}}}))
    port = conftest.free_port()
    command = [str(executable), "serve", "-i", str(database), "--host", "127.0.0.1", "--port", str(port),
               "--metadata", str(metadata), "--setting", "num_sql_threads", "0", "--setting", "suggest_facets", "off"]
    with open(folder / "datasette.log", "w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        serving.wait_until_up(base + "/-/versions.json", process, folder / "datasette.log", pause=0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def paths(database_name, stakeholder_seq):
    """The Datasette URL beside each Engage read, keyed by the bench's short name for it."""
    table = f"/{database_name}"
    return {
        "ceiling": "/-/versions.json",
        "by id, same": f"{table}/stakeholder/{stakeholder_seq}.json",
        "by id, random": f"{table}/stakeholder/",  # the prefix the random-ID script completes with `{seq}.json`
        "country list": f"{table}/stakeholder.json?country=KE&status=approved&_size=50&_nocount=1",
        "full text": f"{table}/stakeholder.json?_search=trafficking&status=approved&_size=50&_nocount=1",
        "events": f"{table}/event.json?starts_on__gte=2026-01-01&_sort=starts_on&_size=50&_nocount=1",
    }


def check(base, path):
    """Fails loudly when a Datasette URL does not answer rows, so a typo cannot pass for a fast peer."""
    answer = requests.get(base + path, timeout=300)  # a load just before may have left a backlog (one thread)
    assert answer.status_code == 200, f"{path}: {answer.status_code} {answer.text[:200]}"
    body = answer.json()
    if "rows" in body:
        assert body["rows"], f"{path}: no rows"
