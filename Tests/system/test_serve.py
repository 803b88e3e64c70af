"""The real `engage serve` on loopback: first start, persistence, logs, limits, misconfiguration."""
import re
import sqlite3
import subprocess
from pathlib import Path

import pytest
import requests

from conftest import ADMIN_KEY, BINARY, STORE, clean_env, free_port, registration, serve


def test_first_start_seeds_demo_data_and_prints_a_generated_admin_key_once(tmp_path):
    # Given an empty database and no admin key configured
    with serve(tmp_path, ENGAGE_DEMO_DATA="true") as server:
        keys = re.findall(r"ek_[A-Za-z0-9_-]{40,}", server.stdout)
        assert len(keys) == 1, server.stdout
        key = keys[0]
        # Then the demo directory holds the Alliance of NGOs and its members
        names = [s["name"] for s in server.get("/v1/stakeholders?limit=200").json()["data"]]
        assert "Alliance of NGOs on Crime Prevention and Criminal Justice" in names
        alliance = next(s for s in server.get("/v1/stakeholders?kind=network").json()["data"])
        members = server.get(f"/v1/stakeholders/{alliance['id']}/members").json()["data"]
        assert len(members) >= 2 and all(alliance["id"] in m["member_of"] for m in members)
        # And the printed key is a working admin key, never written to the log
        assert server.get("/v1/api-keys", token=key).status_code == 200
        assert key not in server.stderr

    # When it starts again on the same database
    with serve(tmp_path, ENGAGE_DEMO_DATA="true") as server:
        # Then no new key is printed, the old one still works, and the demo data is not loaded twice
        assert "ek_" not in server.stdout
        assert server.get("/v1/api-keys", token=key).status_code == 200
        assert len(server.get("/v1/stakeholders?kind=network").json()["data"]) == 1


def test_registration_review_and_directory_over_http(server):
    created = server.post("/v1/stakeholders", json=registration())
    assert created.status_code == 201, created.text
    stakeholder = created.json()
    assert stakeholder["status"] == "pending" and stakeholder["access_token"].startswith("est_")
    assert server.get(f"/v1/stakeholders/{stakeholder['id']}").status_code == 404

    approved = server.post(f"/v1/stakeholders/{stakeholder['id']}/approve", token=ADMIN_KEY)
    assert approved.status_code == 200 and approved.json()["status"] == "approved"

    public = server.get(f"/v1/stakeholders/{stakeholder['id']}")
    assert public.status_code == 200
    assert "contact" not in public.json()
    assert public.headers["ETag"] and public.headers["X-Request-Id"]
    assert server.get(f"/v1/stakeholders/{stakeholder['id']}", headers={"If-None-Match": public.headers["ETag"]}).status_code == 304


def test_writes_survive_a_restart(tmp_path):
    with serve(tmp_path, ENGAGE_ADMIN_KEY=ADMIN_KEY) as server:
        stakeholder_id = server.post("/v1/stakeholders", json=registration()).json()["id"]
    with serve(tmp_path, ENGAGE_ADMIN_KEY=ADMIN_KEY) as server:
        assert server.get(f"/v1/stakeholders/{stakeholder_id}", token=ADMIN_KEY).json()["id"] == stakeholder_id
        if STORE == "sqlite":
            # The database and its companions hold contact data: the owner's alone, while it runs
            for name in ["engage.sqlite", "engage.sqlite-wal", "engage.sqlite-shm"]:
                assert ((tmp_path / name).stat().st_mode & 0o777) == 0o600, name
    if STORE != "sqlite":
        return
    secret = tmp_path / "engage.sqlite.secret"
    assert secret.stat().st_size == 32 and (secret.stat().st_mode & 0o777) == 0o600
    with sqlite3.connect(tmp_path / "engage.sqlite") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_logs_carry_no_secrets_or_contact_data(server):
    created = server.post("/v1/stakeholders", json=registration()).json()
    server.get(f"/v1/stakeholders/{created['id']}", token=created["access_token"])
    server.get("/v1/stakeholders", token=ADMIN_KEY)
    log = server.stderr
    assert "/v1/stakeholders" in log and "status=201" in log
    for secret in (ADMIN_KEY, created["access_token"], "ana.perez.private@example.org", "9876 5432", "Ana Pérez"):
        assert secret not in log


@pytest.mark.skipif(not Path("/usr/share/zoneinfo/Asia/Tokyo").exists(), reason="needs tzdata")
def test_log_lines_are_stamped_in_the_operators_time_zone(tmp_path):
    # Given the server started with TZ set to a zone at +09:00 all year
    with serve(tmp_path, TZ="Asia/Tokyo") as server:
        # When it answers a request
        server.get("/v1/stakeholders")
        lines = [line for line in server.stderr.splitlines() if "route=/v1/stakeholders " in line]
    # Then its line is stamped at +0900 in swift-log's format: the TZ set is kept, not replaced
    assert lines and re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0900 info engage: caller=anonymous ", lines[-1]), lines


def test_bad_input_over_the_wire_is_a_problem_never_a_5xx(server):
    cases = [
        (b'{"name": ', "application/json", 400),
        (b"x" * (70 * 1024), "application/json", 413),
        (b"name=x", "application/x-www-form-urlencoded", 415),
        (b'{"name": 1}', "application/json", 422),
    ]
    for body, content_type, status in cases:
        response = server.post("/v1/stakeholders", data=body, headers={"Content-Type": content_type})
        assert response.status_code == status, (body[:20], response.text)
        assert response.headers["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == status
    listing = server.get("/v1/stakeholders?status=pending", token=ADMIN_KEY).json()
    assert listing["data"] == []


def test_readiness_and_metrics(server):
    assert server.get("/readyz").json() == {"status": "ready", "store": STORE, "mail": {"enabled": False, "detail": "ENGAGE_SMTP_URL is not set: no e-mail is sent"}}
    server.get("/v1/stakeholders")
    metrics = server.get("/metrics").text
    assert 'engage_http_requests_total{method="GET",route="/v1/stakeholders",status="200"}' in metrics


def malloc_arenas(pid) -> int:
    """glibc's arenas besides the main one, in a process's mappings: each is a 64 MB-aligned heap of
    64 MB, the part in use (rw-p) and the rest reserved (---p)."""
    heap = 64 * 1024 * 1024
    regions = []
    for line in Path(f"/proc/{pid}/maps").read_text().splitlines():
        fields = line.split()
        start, end = (int(x, 16) for x in fields[0].split("-"))
        regions.append((start, end, fields[1], fields[5] if len(fields) > 5 else ""))
    count = 0
    for index, (start, end, permissions, name) in enumerate(regions):
        if name or permissions != "rw-p" or start % heap:
            continue
        size = end - start
        following = regions[index + 1] if index + 1 < len(regions) else None
        if following and following[0] == end and following[2] == "---p" and not following[3]:
            size += following[1] - following[0]
        count += size == heap
    return count


def test_serve_keeps_malloc_to_two_arenas_unless_told_otherwise(tmp_path):
    # Given the server started as it ships, and once with MALLOC_ARENA_MAX set
    with serve(tmp_path) as server:
        assert server.get("/v1/stakeholders").status_code == 200
        capped = malloc_arenas(server.process.pid)
    with serve(tmp_path, MALLOC_ARENA_MAX="8") as server:
        assert server.get("/v1/stakeholders").status_code == 200
        told = malloc_arenas(server.process.pid)
    # Then it runs with the main arena and one more (it freed memory into many, and kept it: 102 MB
    # peak RSS against 92 in make bench), while the environment's setting still wins
    assert capped <= 1
    assert told > 1, "the count must see the arenas glibc makes when allowed"


def run_binary(*args, **env):
    return subprocess.run([BINARY, *args], env=clean_env(**env), capture_output=True, text=True, timeout=30)


def assert_one_line_failure(result, fragment):
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert fragment in lines[0]
    assert "Fatal error" not in result.stderr and "backtrace" not in result.stderr.lower()


def test_misconfiguration_ends_with_one_line_and_non_zero_exit(tmp_path):
    assert_one_line_failure(run_binary("serve", ENGAGE_PORT="eighty", ENGAGE_DATABASE=tmp_path / "a.sqlite"), "port")
    assert_one_line_failure(run_binary("serve", ENGAGE_PORT="70000", ENGAGE_DATABASE=tmp_path / "a.sqlite"), "port")
    assert_one_line_failure(run_binary("serve", ENGAGE_DATABASE="/proc/engage/none.sqlite"), "database")
    assert_one_line_failure(run_binary("serve", ENGAGE_DEMO_DATA="maybe", ENGAGE_DATABASE=tmp_path / "a.sqlite"), "ENGAGE_DEMO_DATA")
    assert_one_line_failure(run_binary("serve", ENGAGE_LOG_LEVEL="loud", ENGAGE_DATABASE=tmp_path / "a.sqlite"), "log level")
    assert_one_line_failure(run_binary("serve", ENGAGE_ADMIN_KEY="short", ENGAGE_DATABASE=tmp_path / "a.sqlite"), "ENGAGE_ADMIN_KEY")


def test_port_in_use_is_a_one_line_failure(server, tmp_path):
    port = server.url.rsplit(":", 1)[1]
    result = run_binary("serve", ENGAGE_PORT=port, ENGAGE_DATABASE=tmp_path / "other.sqlite")
    assert_one_line_failure(result, port)


@pytest.mark.sqlite_only
def test_migrate_and_backup_commands(tmp_path):
    database = tmp_path / "db" / "engage.sqlite"
    migrated = run_binary("migrate", ENGAGE_DATABASE=database)
    assert migrated.returncode == 0, migrated.stderr
    assert "migrations" in migrated.stdout
    with serve(tmp_path, database=database, ENGAGE_ADMIN_KEY=ADMIN_KEY) as server:
        ids = {server.post("/v1/stakeholders", json=registration(name=f"Org {i}")).json()["id"] for i in range(3)}
        # Backup while the server is running
        copy = tmp_path / "backup.sqlite"
        backup = run_binary("backup", str(copy), ENGAGE_DATABASE=database)
        assert backup.returncode == 0, backup.stderr
        assert (copy.stat().st_mode & 0o777) == 0o600
    with sqlite3.connect(copy) as db:
        assert {row[0] for row in db.execute("SELECT id FROM stakeholder")} == ids
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_unknown_bearer_token_is_401_over_http(server):
    response = server.get("/v1/stakeholders", token="ek_unknown")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert requests.get(server.url + "/v1/stakeholders", timeout=5).status_code == 200


@pytest.mark.sqlite_only
def test_a_lost_or_damaged_server_secret_stops_the_start_instead_of_being_replaced(tmp_path):
    # Given a database holding a webhook secret sealed with the server secret
    database = tmp_path / "engage.sqlite"
    with serve(tmp_path, database=database, ENGAGE_ADMIN_KEY=ADMIN_KEY) as server:
        created = server.post("/v1/webhook-endpoints", token=ADMIN_KEY, json={"url": "https://hooks.example.org/engage"})
        assert created.status_code == 201, created.text
    secret = tmp_path / "engage.sqlite.secret"
    original = secret.read_bytes()
    # When the secret file is lost, the start fails with one line, and no new secret appears
    secret.unlink()
    result = run_binary("serve", ENGAGE_DATABASE=database, ENGAGE_PORT=free_port())
    assert_one_line_failure(result, "secret")
    assert result.returncode == 78 and not secret.exists()
    # When it is cut short, the same, and the file is left as it was for its owner to restore
    secret.write_bytes(original[:5])
    result = run_binary("serve", ENGAGE_DATABASE=database, ENGAGE_PORT=free_port())
    assert_one_line_failure(result, "at least 32")
    assert secret.read_bytes() == original[:5]
    # Restored, the server starts again
    secret.write_bytes(original)
    with serve(tmp_path, database=database, ENGAGE_ADMIN_KEY=ADMIN_KEY) as server:
        assert server.get("/v1/webhook-endpoints", token=ADMIN_KEY).json()["data"][0]["needs_rotation"] is False
