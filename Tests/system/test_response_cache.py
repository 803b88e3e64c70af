"""Kept answers of the public directory never outlive a write: the real server on loopback."""
import re

import requests

from conftest import ADMIN_KEY, STORE, registration, serve


def cache_counts(server):
    text = server.get("/metrics").text
    found = dict(re.findall(r'^engage_response_cache_requests_total\{result="(hit|miss)"\} (\d+)', text, re.M))
    return int(found.get("hit", 0)), int(found.get("miss", 0))


def change_and_read_at_once(target, field, values, check):
    """Staff PATCH `field` of `target` to each of `values` on one keep-alive connection; after each change is
    acknowledged, `check(reader, value)` runs twice on another connection, anonymous."""
    writer, reader = requests.Session(), requests.Session()
    headers = {"Authorization": f"Bearer {ADMIN_KEY}", "Content-Type": "application/merge-patch+json"}
    for value in values:
        written = writer.patch(target, headers=headers, json={field: value})
        assert written.status_code == 200, written.text
        for _ in range(2):
            check(reader, value)


def test_a_write_is_visible_at_once_to_a_reader_on_another_connection(tmp_path):
    with serve(tmp_path, ENGAGE_ADMIN_KEY=ADMIN_KEY) as server:
        # Given an approved organisation in the public directory
        created = server.post("/v1/stakeholders", json=registration(name="Red Regional contra la Trata")).json()
        assert server.post(f"/v1/stakeholders/{created['id']}/approve", token=ADMIN_KEY).status_code == 200
        profile = f"{server.url}/v1/stakeholders/{created['id']}"
        page = f"{server.url}/v1/stakeholders?country={created['country']}"

        # When staff rename it, 1,000 times, then an anonymous reader on another connection sees each new
        # name at once, twice in a row
        def sees(reader, name):
            assert reader.get(profile).json()["name"] == name
            assert [s["name"] for s in reader.get(page).json()["data"] if s["id"] == created["id"]] == [name]

        change_and_read_at_once(profile, "name", [f"Red Regional contra la Trata {n}" for n in range(1000)], sees)
        hits, misses = cache_counts(server)
        # On SQLite the second read of each pair came from memory; PostgreSQL keeps nothing in memory
        assert (hits >= 1900) if STORE == "sqlite" else (hits == 0)
        assert misses >= 2000 if STORE == "sqlite" else misses == 0


def test_an_event_change_is_visible_at_once_in_its_record_list_and_feeds(tmp_path):
    with serve(tmp_path, ENGAGE_ADMIN_KEY=ADMIN_KEY) as server:
        # Given an event read anonymously through its record, the list, the feed and its own calendar
        body = {"title": "Expert Group Meeting on Firearms", "kind": "expert_group_meeting", "starts_on": "2027-10-11",
                "ends_on": "2027-10-15", "timezone": "Europe/Vienna", "format": "in_person"}
        created = server.post("/v1/events", token=ADMIN_KEY, json=body)
        assert created.status_code == 201, created.text
        event = created.json()["id"]
        record, page = f"{server.url}/v1/events/{event}", f"{server.url}/v1/events?from=2027-01-01"
        feed, calendar = f"{server.url}/v1/events.ics?from=2027-01-01", f"{server.url}/v1/events/{event}/calendar.ics"
        hits_before, _ = cache_counts(server)

        # When staff retitle it, 300 times, then every anonymous read on another connection shows each new
        # title at once, twice in a row
        def sees(reader, title):
            assert reader.get(record).json()["title"] == title
            assert [e["title"] for e in reader.get(page).json()["data"] if e["id"] == event] == [title]
            assert f"SUMMARY;LANGUAGE=en:{title}" in reader.get(feed).text.replace("\r\n ", "")
            assert f"SUMMARY;LANGUAGE=en:{title}" in reader.get(calendar).text.replace("\r\n ", "")

        change_and_read_at_once(record, "title", [f"Expert Group Meeting on Firearms {n}" for n in range(300)], sees)
        hits, _ = cache_counts(server)
        # On SQLite the second read of each pair came from memory
        assert (hits - hits_before >= 1100) if STORE == "sqlite" else (hits == 0)
