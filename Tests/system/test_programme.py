"""The programme over the real `engage serve`: demo data, the last-seat race under real concurrency, promotion webhooks."""
import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import requests

from conftest import ADMIN_KEY, registration, serve
from receiver import Receiver


def approved(server, name, country="MX"):
    created = server.post("/v1/stakeholders", json=registration(name=name, country=country)).json()
    assert server.post(f"/v1/stakeholders/{created['id']}/approve", token=ADMIN_KEY).status_code == 200
    return created["id"], created["access_token"]


def open_workshop(server, capacity, **extra):
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    body = {
        "title": "SE4U training", "series": "SE4U", "starts_on": "2027-07-07", "ends_on": "2027-07-08", "capacity": capacity,
        "enrolment": {"opens_at": (now - dt.timedelta(hours=1)).isoformat(), "closes_at": (now + dt.timedelta(days=10)).isoformat()},
        **extra,
    }
    created = server.post("/v1/workshops", token=ADMIN_KEY, json=body)
    assert created.status_code == 201, created.text
    return created.json()["id"]


def test_demo_programme_matches_the_team_page(tmp_path):
    with serve(tmp_path, ENGAGE_DEMO_DATA="true", ENGAGE_ADMIN_KEY=ADMIN_KEY) as server:
        projects = server.get("/v1/projects").json()["data"]
        titles = [p["title"] for p in projects]
        assert any(t.startswith("Stakeholder Engagement for the United Nations Convention") for t in titles)
        ppp = next(p for p in projects if p["title"].startswith("Public-private partnerships"))
        assert ppp["donors"] == ["Germany"]
        assert server.get(f"/v1/projects/{ppp['id']}").json()["counts"]["events"] == 1
        workshops = server.get("/v1/workshops?series=SE4U").json()["data"]
        july = next(w for w in workshops if w["starts_on"] == "2021-07-07")
        assert (july["ends_on"], july["status"]) == ("2021-07-08", "completed")
        resources = {r["title"] for r in server.get("/v1/resources?q=stakeholder").json()["data"]}
        assert "UNODC Toolkit on Stakeholder Engagement" in resources
        assert server.get("/v1/resources?q=guide").json()["data"][0]["publisher"] == "UNODC and GI-TOC"
        assert server.get("/v1/pilot-initiatives?status=active").json()["data"][0]["participants"]
        # Sorted lists page by keyset, one per page: the workshops latest first are the default order reversed
        by_date = [w["id"] for w in _all(server, "/v1/workshops?limit=1")]
        assert len(by_date) >= 2 and [w["id"] for w in _all(server, "/v1/workshops?sort=-starts_on&limit=1")] == by_date[::-1]
        newest = [p["id"] for p in _all(server, "/v1/projects?sort=-created_at&limit=1")]
        assert newest == [p["id"] for p in projects][::-1]
        # Several values of a filter: any of them
        every = _all(server, "/v1/workshops?limit=100")
        wanted = [w["id"] for w in every if w["status"] in ("completed", "scheduled")]
        assert {w["status"] for w in every} >= {"completed", "scheduled"}
        assert [w["id"] for w in _all(server, "/v1/workshops?status=completed,scheduled&limit=100")] == wanted


def test_the_last_seat_goes_to_exactly_one_of_many_concurrent_enrolments(server):
    workshop = open_workshop(server, capacity=1)
    stakeholder, token = approved(server, "Racing Organisation")

    def enrol(index):
        return requests.post(f"{server.url}/v1/workshops/{workshop}/enrolments", headers={"Authorization": f"Bearer {token}"}, timeout=10, json={
            "stakeholder_id": stakeholder, "participant": {"name": f"Racer {index}", "email": f"racer{index}@example.org"},
        })

    with ThreadPoolExecutor(max_workers=16) as pool:
        responses = list(pool.map(enrol, range(16)))
    assert all(r.status_code == 201 for r in responses), [r.text for r in responses if r.status_code != 201]
    statuses = sorted(r.json()["status"] for r in responses)
    assert statuses.count("confirmed") == 1 and statuses.count("waitlisted") == 15
    detail = server.get(f"/v1/workshops/{workshop}").json()
    assert (detail["confirmed_count"], detail["waitlist_count"], detail["seats_available"]) == (1, 15, 0)
    positions = sorted(r.json()["waitlist_position"] for r in responses if r.json()["status"] == "waitlisted")
    assert positions == list(range(1, 16))


def test_the_promoted_applicant_is_told_by_webhook(tmp_path):
    receiver = Receiver()
    try:
        with serve(tmp_path, ENGAGE_ADMIN_KEY=ADMIN_KEY, ENGAGE_WEBHOOK_ALLOW_PRIVATE_TARGETS="true", ENGAGE_WEBHOOK_RETRY_SCHEDULE="0s,1s") as server:
            workshop = open_workshop(server, capacity=1)
            first, first_token = approved(server, "First Organisation")
            waiting, waiting_token = approved(server, "Waiting Organisation")
            hook = server.post("/v1/webhook-endpoints", token=waiting_token, json={"url": receiver.url("/waiting")})
            assert hook.status_code == 201, hook.text
            seat = server.post(f"/v1/workshops/{workshop}/enrolments", token=first_token, json={
                "stakeholder_id": first, "participant": {"name": "Seat Holder", "email": "seat@example.org"}})
            queued = server.post(f"/v1/workshops/{workshop}/enrolments", token=waiting_token, json={
                "stakeholder_id": waiting, "participant": {"name": "Next In Line", "email": "next@example.org"}})
            assert queued.json()["status"] == "waitlisted"
            assert server.post(seat.headers["Location"] + "/cancel", token=first_token).status_code == 200
            assert receiver.wait_for(lambda: len(receiver.messages("/waiting")) >= 2)
            messages = sorted(receiver.messages("/waiting").values(), key=lambda m: m["timestamp"])
            assert [m["type"] for m in messages] == ["workshop_enrolment.waitlisted", "workshop_enrolment.promoted"]
            assert messages[1]["data"]["status"] == "confirmed" and messages[1]["data"]["id"] == queued.json()["id"]
            # The other organisation's cancellation never reaches this endpoint
            assert all(m["data"].get("stakeholder_id") == waiting for m in messages)
    finally:
        receiver.close()


def _all(server, path):
    """Every item of a paged list, as staff."""
    items, cursor = [], None
    while True:
        page = server.get(path + (f"&cursor={cursor}" if cursor else ""), token=ADMIN_KEY).json()
        items += page["data"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


def test_participation_figures_add_up_from_the_lists_in_json_and_csv(tmp_path):
    """The donors' figures over the demo data equal what paging through every list and counting by hand gives."""
    import csv
    import io
    with serve(tmp_path, ENGAGE_DEMO_DATA="true", ENGAGE_ADMIN_KEY=ADMIN_KEY) as server:
        organisations, people, registrations, delegates, enrolments, attended, side_events = set(), set(), 0, 0, 0, 0, 0
        for event in _all(server, "/v1/events?limit=100"):
            if event["status"] == "cancelled":
                continue
            for item in _all(server, f"/v1/events/{event['id']}/registrations?status=approved&limit=100"):
                registrations += 1
                delegates += len(item["participants"])
                organisations.add(item["stakeholder_id"])
                # Erased delegates share one stand-in address; each is still one person.
                people.update((item["id"], i) if p["email"] == "erased@erased.invalid" else p["email"].lower()
                              for i, p in enumerate(item["participants"]))
            for item in _all(server, f"/v1/events/{event['id']}/side-event-applications?status=approved&limit=100"):
                side_events += 1
                organisations.add(item["stakeholder_id"])
        for workshop in _all(server, "/v1/workshops?limit=100"):
            if workshop["status"] == "cancelled":
                continue
            for item in _all(server, f"/v1/workshops/{workshop['id']}/enrolments?status=confirmed&limit=100"):
                enrolments += 1
                attended += item["attended"] is True
                organisations.add(item["stakeholder_id"])
                people.add(item["participant"]["email"].lower())
        expected = {"organisations": len(organisations), "people": len(people), "registrations": registrations, "delegates": delegates,
                    "enrolments": enrolments, "attended": attended, "side_events": side_events}
        assert registrations and enrolments and side_events, expected  # the demo has each kind of fact

        statistics = server.get("/v1/statistics/participation?group_by=region", token=ADMIN_KEY)
        assert statistics.status_code == 200, statistics.text
        totals = statistics.json()["totals"]
        assert {key: totals[key] for key in expected} == expected
        # The groups split the facts: each count adds up to the total, organisations each in one region.
        groups = statistics.json()["groups"]
        for key in ("registrations", "delegates", "enrolments", "attended", "side_events", "organisations"):
            assert sum(group[key] for group in groups) == totals[key], key

        as_csv = server.get("/v1/statistics/participation?group_by=region", token=ADMIN_KEY, headers={"Accept": "text/csv"})
        assert as_csv.headers["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(as_csv.text)))
        assert [row["region"] or None for row in rows] == [group["region"] for group in groups]
        assert [int(row["delegates"]) for row in rows] == [group["delegates"] for group in groups]
        assert server.get("/v1/statistics/participation").status_code == 401
