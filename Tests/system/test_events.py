"""Events over the real `engage serve`: demo events, a registration flow, and calendar feeds read by a real iCalendar parser."""
import datetime as dt

import icalendar
import requests

from conftest import ADMIN_KEY, registration, serve


def parse_calendar(response):
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return calendar, [c for c in calendar.walk("VEVENT")]


def approved_stakeholder(server, name):
    created = server.post("/v1/stakeholders", json=registration(name=name)).json()
    assert server.post(f"/v1/stakeholders/{created['id']}/approve", token=ADMIN_KEY).status_code == 200
    return created["id"], created["access_token"]


def test_demo_events_tell_the_real_story(tmp_path):
    with serve(tmp_path, ENGAGE_DEMO_DATA="true", ENGAGE_ADMIN_KEY=ADMIN_KEY) as server:
        events = server.get("/v1/events").json()["data"]
        by_kind = {}
        for event in events:
            by_kind.setdefault(event["kind"], []).append(event)
        # The 29th CCPCJ session: postponed to an undetermined date, so undated and listed last
        ccpcj29 = next(e for e in by_kind["ccpcj_session"] if e["session_number"] == 29)
        assert ccpcj29["status"] == "postponed" and ccpcj29["starts_on"] is None and ccpcj29["ends_on"] is None
        assert events[-1]["id"] == ccpcj29["id"]
        # The Kyoto Congress: postponed, rescheduled to 7-12 March 2021, held
        kyoto = by_kind["crime_congress"][0]
        assert (kyoto["starts_on"], kyoto["ends_on"], kyoto["status"]) == ("2021-03-07", "2021-03-12", "completed")
        history = server.get(f"/v1/events/{kyoto['id']}/history", token=ADMIN_KEY).json()["data"]
        # (the windows reopened on the new dates: an update)
        assert [h["action"] for h in history] == ["created", "postponed", "rescheduled", "updated", "completed"]
        assert "previous_starts_on" not in history[2] and history[1]["previous_starts_on"] == "2020-04-20"
        # A side event under it, and registrations for it
        side = server.get(f"/v1/events?parent_event_id={kyoto['id']}").json()["data"]
        assert [s["kind"] for s in side] == ["side_event"]
        registrations = server.get(f"/v1/events/{kyoto['id']}/registrations", token=ADMIN_KEY).json()["data"]
        assert len(registrations) >= 1
        # The feed parses; the undated session is not in it
        _, vevents = parse_calendar(server.get("/v1/events.ics"))
        uids = {str(v["UID"]) for v in vevents}
        assert f"{kyoto['id']}@engage" in uids and f"{ccpcj29['id']}@engage" not in uids
        # The regional expert group meeting for Asia-Pacific, found by its region and topic; the sessions are global
        egm = by_kind["expert_group_meeting"][0]
        assert (egm["region"], egm["topics"]) == ("asia_pacific", ["trafficking_in_persons"])
        assert ccpcj29["region"] is None and "criminal_justice" in ccpcj29["topics"]
        regional = server.get("/v1/events?region=africa,asia_pacific").json()["data"]
        assert [e["id"] for e in regional] == [egm["id"]]
        by_topic = {e["id"] for e in server.get("/v1/events?topic=firearms,trafficking_in_persons&limit=100").json()["data"]}
        assert egm["id"] in by_topic and ccpcj29["id"] not in by_topic
        refused = server.get("/v1/events?region=africa,atlantis")
        assert refused.status_code == 400 and [e["field"] for e in refused.json()["errors"]] == ["region"]


def test_register_postpone_reschedule_cancel_and_the_feed(server):
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    body = {
        "title": "Constructive dialogue on trafficking in persons, with a title long enough to be folded in the feed",
        "kind": "constructive_dialogue", "starts_on": "2027-06-14", "ends_on": "2027-06-15", "timezone": "Europe/Vienna",
        "description": "Dialogue under resolution 9/1; stakeholders, academia, private sector.",
        "registration": {"opens_at": (now - dt.timedelta(days=1)).isoformat(), "closes_at": (now + dt.timedelta(days=30)).isoformat()},
    }
    created = server.post("/v1/events", token=ADMIN_KEY, json=body)
    assert created.status_code == 201, created.text
    event = created.json()
    org_id, org_token = approved_stakeholder(server, "Centro de Estudios sobre Trata")

    registered = server.post(f"/v1/events/{event['id']}/registrations", token=org_token, json={
        "stakeholder_id": org_id,
        "participants": [{"name": "Lucía Ramos", "email": "lucia.ramos@example.org", "role": "head_of_delegation"}],
    })
    assert registered.status_code == 201, registered.text
    assert registered.json()["status"] == "pending"

    # Postponed without dates, then rescheduled: the registration stays, a second one is refused
    assert server.post(f"/v1/events/{event['id']}/postpone", token=ADMIN_KEY, json={"reason": "Liquidity crisis"}).json()["starts_on"] is None
    rescheduled = server.post(f"/v1/events/{event['id']}/reschedule", token=ADMIN_KEY, json={"starts_on": "2027-09-06", "ends_on": "2027-09-08"})
    assert rescheduled.json()["status"] == "scheduled"
    again = server.post(f"/v1/events/{event['id']}/registrations", token=org_token, json={
        "stakeholder_id": org_id, "participants": [{"name": "Someone Else", "email": "someone@example.org"}],
    })
    assert again.status_code == 409 and again.json()["existing"] == registered.headers["Location"]

    # A substitution in the window, against the version read: the same registration, a new delegation, in its history
    current = server.get(registered.headers["Location"], token=org_token)
    substituted = server.patch(registered.headers["Location"], token=org_token, json={
        "participants": [{"name": "Marta Quispe", "email": "marta.quispe@example.org", "role": "head_of_delegation"}],
    }, headers={"Content-Type": "application/merge-patch+json", "If-Match": current.headers["ETag"]})
    assert substituted.status_code == 200, substituted.text
    assert [p["email"] for p in substituted.json()["participants"]] == ["marta.quispe@example.org"]
    stale = server.patch(registered.headers["Location"], token=org_token, json={
        "participants": [{"name": "Late Edit", "email": "late.edit@example.org"}],
    }, headers={"If-Match": current.headers["ETag"]})
    assert stale.status_code == 412 and stale.headers["Content-Type"] == "application/problem+json"
    history = server.get(registered.headers["Location"] + "/history", token=org_token).json()["data"]
    assert [(h["action"], h.get("changed_fields")) for h in history] == [("created", []), ("updated", ["participants"])]

    # The single-event calendar: an all-day entry from 6 to 8 September (DTEND exclusive)
    _, [vevent] = parse_calendar(server.get(f"/v1/events/{event['id']}/calendar.ics"))
    assert vevent.decoded("DTSTART") == dt.date(2027, 9, 6)
    assert vevent.decoded("DTEND") == dt.date(2027, 9, 9)
    assert not isinstance(vevent.decoded("DTSTART"), dt.datetime)
    assert str(vevent["SUMMARY"]) == body["title"]
    assert str(vevent["DESCRIPTION"]) == body["description"]
    assert str(vevent["UID"]) == f"{event['id']}@engage"

    # Cancelled: the pending registration is closed; the feed marks the event cancelled under the same UID
    assert server.post(f"/v1/events/{event['id']}/cancel", token=ADMIN_KEY, json={"reason": "Cancelled by the Bureau"}).status_code == 200
    closed = server.get(registered.headers["Location"], token=org_token).json()
    assert (closed["status"], closed["status_reason"]) == ("closed", "Cancelled by the Bureau")
    _, vevents = parse_calendar(server.get("/v1/events.ics?kind=constructive_dialogue"))
    assert [(str(v["UID"]), str(v["STATUS"])) for v in vevents] == [(f"{event['id']}@engage", "CANCELLED")]

    # Participant data never reaches the log
    assert "lucia.ramos@example.org" not in server.stderr and "Lucía" not in server.stderr
    assert "marta.quispe@example.org" not in server.stderr and "Quispe" not in server.stderr


def test_a_merged_record_redirects_real_clients_to_the_survivor(server):
    survivor_id, _ = approved_stakeholder(server, "Red de Observatorios de la Trata")
    duplicate_id, duplicate_token = approved_stakeholder(server, "Red de Observatorios (duplicado)")
    merged = server.post(f"/v1/stakeholders/{duplicate_id}/merge", token=ADMIN_KEY, json={"into": survivor_id})
    assert merged.status_code == 200, merged.text
    assert merged.json()["id"] == survivor_id
    # A client that follows redirects lands on the survivor, method and query kept
    followed = server.get(f"/v1/stakeholders/{duplicate_id}/history?limit=50", token=ADMIN_KEY)
    assert followed.status_code == 200 and followed.history[0].status_code == 308
    assert followed.url.endswith(f"/v1/stakeholders/{survivor_id}/history?limit=50")
    assert followed.json()["data"][-1]["action"] == "merged"
    # The duplicate's token no longer opens anything
    assert server.get(f"/v1/stakeholders/{survivor_id}", token=duplicate_token).status_code == 401
