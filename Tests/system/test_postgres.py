"""Several `engage serve` instances on one PostgreSQL database, and moving from SQLite to PostgreSQL.
Run by `make test` in its PostgreSQL pass (ENGAGE_TEST_STORE=postgresql); skipped on the SQLite pass."""
import subprocess
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager

import pytest
import requests

from conftest import ADMIN_KEY, BINARY, STORE, clean_env, free_port, postgres_database, registration, serve
from receiver import Receiver
from test_programme import approved, open_workshop

pytestmark = pytest.mark.skipif(STORE != "postgresql", reason="PostgreSQL pass only")


def pair(tmp_path, stack, **env):
    """Two instances, A and B, on one database, each with its own instance name."""
    database = tmp_path / "shared.sqlite"      # the key of one PostgreSQL database (see conftest)
    a = stack.enter_context(serve(tmp_path, database=database, ENGAGE_ADMIN_KEY=ADMIN_KEY, ENGAGE_INSTANCE_ID="a", **env))
    b = stack.enter_context(serve(tmp_path, database=database, ENGAGE_ADMIN_KEY=ADMIN_KEY, ENGAGE_INSTANCE_ID="b", **env))
    return a, b


def test_twenty_enrolments_race_for_the_last_seat_across_two_instances(tmp_path):
    with ExitStack() as stack:
        a, b = pair(tmp_path, stack)
        # Given a workshop with one seat and an approved organisation
        workshop = open_workshop(a, capacity=1)
        stakeholder, token = approved(a, "Racing Organisation")

        # When 20 enrolments arrive at once, alternately through A and B
        def enrol(index):
            server = a if index % 2 == 0 else b
            return requests.post(f"{server.url}/v1/workshops/{workshop}/enrolments", headers={"Authorization": f"Bearer {token}"},
                                 timeout=30, json={"stakeholder_id": stakeholder,
                                                   "participant": {"name": f"Racer {index}", "email": f"racer{index}@example.org"}})

        # While a mirror follows the change feed, resuming from its last position, alternately on A and B
        seen, done = [], threading.Event()

        def follow():
            after, turn = None, 0
            while True:
                finished = done.is_set()
                server = (a, b)[turn % 2]
                turn += 1
                query = "?type=workshop_enrolment&limit=5" + (f"&after={after}" if after else "")
                page = server.get(f"/v1/changes{query}", token=ADMIN_KEY).json()
                seen.extend(entry["resource_id"] for entry in page["data"])
                after = page["next_cursor"]
                if finished and not page["has_more"]:
                    return
                time.sleep(0.02)  # pacing only, well inside the key's rate limit

        with ThreadPoolExecutor(max_workers=21) as pool:
            follower = pool.submit(follow)
            responses = list(pool.map(enrol, range(20)))
            done.set()
            follower.result(timeout=60)

        # Then exactly one has the seat and the others wait, in positions 1…19
        assert all(r.status_code == 201 for r in responses), [r.text for r in responses if r.status_code != 201]
        assert Counter(r.json()["status"] for r in responses) == {"confirmed": 1, "waitlisted": 19}
        for server in (a, b):
            detail = server.get(f"/v1/workshops/{workshop}").json()
            assert (detail["confirmed_count"], detail["waitlist_count"], detail["seats_available"]) == (1, 19, 0)
        positions = sorted(e["waitlist_position"] for e in b.get(f"/v1/workshops/{workshop}/enrolments?status=waitlisted&limit=100",
                                                                    token=ADMIN_KEY).json()["data"])
        assert positions == list(range(1, 20))
        # And the mirror saw each enrolment exactly once: the feed's order is the commit order on every instance
        assert sorted(seen) == sorted(r.json()["id"] for r in responses)


def test_approved_through_one_instance_registers_through_the_other(tmp_path):
    with ExitStack() as stack:
        a, b = pair(tmp_path, stack)
        created = b.post("/v1/stakeholders", json=registration(name="Pacific Islands NGO", country="FJ")).json()
        # Approved through A …
        assert a.post(f"/v1/stakeholders/{created['id']}/approve", token=ADMIN_KEY).status_code == 200
        # … it is public and can enrol through B on the very next request
        assert b.get(f"/v1/stakeholders/{created['id']}").json()["status"] == "approved"
        workshop = open_workshop(a, capacity=5)
        enrolled = b.post(f"/v1/workshops/{workshop}/enrolments", token=created["access_token"], json={
            "stakeholder_id": created["id"], "participant": {"name": "Delegate", "email": "delegate@example.org"}})
        assert enrolled.status_code == 201, enrolled.text


def test_a_cursor_from_one_instance_pages_on_the_other_and_the_figures_agree(tmp_path):
    with ExitStack() as stack:
        a, b = pair(tmp_path, stack)
        for index in range(3):
            approved(a, f"Paging NGO {index}")
        first = a.get("/v1/stakeholders?limit=2").json()
        # The cursor is sealed with the shared server secret: B opens what A sealed
        rest = b.get(f"/v1/stakeholders?limit=2&cursor={first['next_cursor']}")
        assert rest.status_code == 200, rest.text
        ids = [s["id"] for s in first["data"] + rest.json()["data"]]
        assert len(ids) == len(set(ids)) == 3
        assert b.get(f"/v1/stakeholders?kind=academia&cursor={first['next_cursor']}").status_code == 400
        # A kept answer on one instance does not outlive a change made through the other
        workshop = open_workshop(a, capacity=5)
        before = b.get("/v1/statistics/participation", token=ADMIN_KEY).json()["totals"]["enrolments"]
        stakeholder, token = approved(a, "Enrolling NGO")
        assert a.post(f"/v1/workshops/{workshop}/enrolments", token=token, json={
            "stakeholder_id": stakeholder, "participant": {"name": "Trainee", "email": "trainee@example.org"}}).status_code == 201
        assert b.get("/v1/statistics/participation", token=ADMIN_KEY).json()["totals"]["enrolments"] == before + 1


def test_an_idempotent_retry_on_the_other_instance_replays_and_creates_nothing(tmp_path):
    with ExitStack() as stack:
        a, b = pair(tmp_path, stack)
        key = str(uuid.uuid4())
        first = a.post("/v1/stakeholders", json=registration(name="Once Only"), headers={"Idempotency-Key": key})
        retry = b.post("/v1/stakeholders", json=registration(name="Once Only"), headers={"Idempotency-Key": key})
        assert first.status_code == 201 and retry.status_code == 201
        assert retry.json()["id"] == first.json()["id"]
        assert retry.headers.get("Idempotent-Replayed") == "true"
        listing = a.get("/v1/stakeholders?status=pending&limit=100", token=ADMIN_KEY).json()["data"]
        assert [s["name"] for s in listing].count("Once Only") == 1


def test_a_client_over_its_limit_on_one_instance_is_over_it_on_the_other(tmp_path):
    with ExitStack() as stack:
        a, b = pair(tmp_path, stack, ENGAGE_RATE_LIMITS="anonymous=6/m")
        # Given an anonymous client that spent its 6 requests a minute, half on each instance
        answers = [(a if i % 2 == 0 else b).get("/v1/events").status_code for i in range(6)]
        assert answers == [200] * 6
        # Then both instances refuse its next request, each with Retry-After
        for server in (a, b):
            refused = server.get("/v1/events")
            assert refused.status_code == 429, refused.text
            assert int(refused.headers["Retry-After"]) >= 1
            assert refused.headers["RateLimit-Remaining"] == "0"


def test_kill_9_of_an_instance_holding_claims_loses_no_delivery(tmp_path):
    receiver = Receiver()
    try:
        fast = {"ENGAGE_WEBHOOK_ALLOW_PRIVATE_TARGETS": "true", "ENGAGE_WEBHOOK_RETRY_SCHEDULE": "0s,1s,1s,1s",
                "ENGAGE_WEBHOOK_TIMEOUT": "2s", "ENGAGE_WEBHOOK_CLAIM_LEASE": "3s"}
        with ExitStack() as stack:
            a, b = pair(tmp_path, stack, **fast)
            endpoint = a.post("/v1/webhook-endpoints", token=ADMIN_KEY,
                              json={"url": receiver.url("/slow"), "event_types": ["stakeholder.registered"]})
            assert endpoint.status_code == 201, endpoint.text
            # Given 40 acknowledged registrations, their deliveries claimed by both workers
            acknowledged = [a.post("/v1/stakeholders", json=registration(name=f"Organisation {i}")).json()["id"] for i in range(40)]
            # When A dies mid-way, holding claims
            a.kill9()
            # Then B delivers everything, A's claims once their lease ran out
            assert receiver.wait_for(lambda: len(receiver.messages("/slow")) >= 40, timeout=60)
            assert {m["data"]["id"] for m in receiver.messages("/slow").values()} == set(acknowledged)
            # And nothing acknowledged with a 2xx was sent twice, but for what was in flight at the kill
            attempts = Counter(headers["webhook-id"] for (_, headers, _, _) in receiver.received("/slow"))
            repeated = [webhook_id for webhook_id, count in attempts.items() if count > 1]
            assert len(repeated) <= 1, repeated
    finally:
        receiver.close()


@contextmanager
def sqlite_server(database, **env):
    """`engage serve` on a SQLite file, whatever this pass's store: the reference the PostgreSQL store is held to."""
    port = free_port()
    process = subprocess.Popen([BINARY, "serve"], env=clean_env(ENGAGE_HOST="127.0.0.1", ENGAGE_PORT=port, ENGAGE_DATABASE=str(database),
                                                                ENGAGE_RATE_LIMITS="off", **env),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(url + "/healthz", timeout=1).ok:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline and process.poll() is None, "the SQLite reference server did not start"
            time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_copy_moves_a_sqlite_deployment_to_postgresql(tmp_path):
    # Given a SQLite deployment with the demo data and one registration of our own
    sqlite_file = tmp_path / "old" / "engage.sqlite"
    with sqlite_server(sqlite_file, ENGAGE_DEMO_DATA="true", ENGAGE_ADMIN_KEY=ADMIN_KEY) as url:
        ours = requests.post(f"{url}/v1/stakeholders", json=registration(name="Copied Organisation"), timeout=10).json()
        before = requests.get(f"{url}/v1/events?limit=100", timeout=10).json()["data"]
        directory = requests.get(f"{url}/v1/stakeholders?limit=100", timeout=10).json()["data"]
    target = postgres_database(tmp_path / "new" / "engage.sqlite")

    # When it is copied
    copied = subprocess.run([BINARY, "copy", "--from", str(sqlite_file), "--to", target["ENGAGE_DATABASE_URL"]],
                            env=clean_env(), capture_output=True, text=True, timeout=120)
    assert copied.returncode == 0, copied.stderr
    assert "copied" in copied.stdout
    # A second copy into the now full database is refused, with one line
    again = subprocess.run([BINARY, "copy", "--from", str(sqlite_file), "--to", target["ENGAGE_DATABASE_URL"]],
                           env=clean_env(), capture_output=True, text=True, timeout=120)
    assert again.returncode != 0 and "already holds rows" in again.stderr

    # Then PostgreSQL serves the same data with the same server secret, and the stakeholder's token still works
    (tmp_path / "old" / "engage.sqlite.secret").replace(target["ENGAGE_SERVER_SECRET_FILE"])
    with serve(tmp_path, database=tmp_path / "new" / "engage.sqlite", ENGAGE_ADMIN_KEY=ADMIN_KEY) as server:
        assert server.get("/v1/events?limit=100").json()["data"] == before
        assert server.get("/v1/stakeholders?limit=100").json()["data"] == directory
        mine = server.get(f"/v1/stakeholders/{ours['id']}", token=ours["access_token"])
        assert mine.status_code == 200 and mine.json()["name"] == "Copied Organisation"
        # New rows continue after the copied ones
        later = server.post("/v1/stakeholders", json=registration(name="Registered After The Move"))
        assert later.status_code == 201, later.text


def test_search_finds_the_same_best_matches_as_sqlite(tmp_path):
    # Folded alike on both stores: accents, Arabic letter variants, CJK characters as words (a query may match no demo name)
    queries = ["trafficking", "traff", "corruption", "alliance", "fundacion", "cyber crime", "腐败", "الفساد", "مكافحه"]
    with sqlite_server(tmp_path / "reference" / "engage.sqlite", ENGAGE_DEMO_DATA="true") as url:
        expected = {q: [s["name"] for s in requests.get(f"{url}/v1/stakeholders", params={"q": q}, timeout=10).json()["data"]]
                    for q in queries}
    with serve(tmp_path, ENGAGE_DEMO_DATA="true", ENGAGE_ADMIN_KEY=ADMIN_KEY) as server:
        for query in queries:
            names = [s["name"] for s in server.get("/v1/stakeholders", params={"q": query}).json()["data"]]
            # The same matches, and the same best three (bm25 and ts_rank may order equals differently)
            assert sorted(names) == sorted(expected[query]), (query, names, expected[query])
            assert set(names[:3]) == set(expected[query][:3]), (query, names, expected[query])
