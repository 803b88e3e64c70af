#!/usr/bin/env python3
"""Seeds a benchmark database of realistic size straight into the schema `engage migrate` made:
20,000 stakeholders, 2,000 events with 50,000 registrations, 200 workshops with enrolments,
1,000 resources. One transaction; the schema's own triggers fill the full-text indexes from the
`search_*` columns, which hold the texts folded as the server's SearchText folds them.

    engage migrate --database bench.sqlite && python3 bench/seed.py bench.sqlite
"""
import hashlib
import json
import random
import re
import sqlite3
import sys
from datetime import date, datetime, timedelta, timezone

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
rng = random.Random(42)
NOW = datetime(2026, 11, 29, 12, 0, 0, tzinfo=timezone.utc)
STAMP = NOW.strftime("%Y-%m-%d %H:%M:%S.000")
COUNTRIES = ["MX", "PE", "KE", "TH", "RS", "FJ", "AT", "CH", "NG", "BR", "IN", "PH", "ZA", "CO", "DE", "FR", "JP", "EG", "AR", "ID"]
REGIONS = {"MX": "latin_america_caribbean", "PE": "latin_america_caribbean", "BR": "latin_america_caribbean", "CO": "latin_america_caribbean",
           "AR": "latin_america_caribbean", "KE": "africa", "NG": "africa", "ZA": "africa", "EG": "africa", "TH": "asia_pacific",
           "FJ": "asia_pacific", "IN": "asia_pacific", "PH": "asia_pacific", "JP": "asia_pacific", "ID": "asia_pacific",
           "RS": "eastern_europe", "AT": "western_europe_others", "CH": "western_europe_others", "DE": "western_europe_others", "FR": "western_europe_others"}
TOPICS = ["trafficking_in_persons", "smuggling_of_migrants", "firearms", "cybercrime", "corruption", "money_laundering", "drug_trafficking",
          "organized_crime", "wildlife_crime", "terrorism", "criminal_justice", "crime_prevention", "victim_support"]
WORDS = ["trafficking", "survivors", "justice", "corruption", "firearms", "cyber", "money", "laundering", "wildlife", "prevention",
         "youth", "women", "border", "migrants", "integrity", "transparency", "community", "research", "rights", "reform"]


def ident(prefix):
    return prefix + "_" + "".join(rng.choice(ALPHABET) for _ in range(20))


def text(n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def search(value):
    """SearchText.index of one text, for the ASCII texts seeded here: lower case, words of letters and
    digits separated by one space (the server's folding of accents, Arabic and CJK never applies)."""
    if value is None:
        return ""
    assert value.isascii(), value
    return " ".join(re.findall(r"[a-z0-9]+", value.lower()))


def main(path, stakeholders=20_000, events=2_000, registrations=50_000, workshops=200, resources=1_000):
    db = sqlite3.connect(path)
    db.execute("PRAGMA foreign_keys = ON")
    with db:
        stakeholder_ids = []
        for i in range(stakeholders):
            sid = ident("stk")
            country = rng.choice(COUNTRIES)
            stakeholder_ids.append(sid)
            name, description = f"Organisation {i} for {text(2)}", text(12)
            db.execute("""INSERT INTO stakeholder (id, name, acronym, kind, country, region, website, description, ecosoc_status,
                contact_name, contact_email, contact_phone, status, access_token_hash, code_of_conduct_accepted_at, created_at, updated_at, version,
                search_name, search_acronym, search_description)
                VALUES (?, ?, ?, ?, ?, ?, NULL, ?, 'none', 'Bench Contact', ?, NULL, ?, ?, ?, ?, ?, 1, ?, '', ?)""",
                (sid, name, None, rng.choice(["ngo", "ngo", "academia", "private_sector"]), country, REGIONS[country],
                 description, f"contact{i}@example.org", "approved" if i % 10 else "pending",
                 hashlib.sha256(sid.encode()).hexdigest(), STAMP, STAMP, STAMP, search(name), search(description)))
            for topic in rng.sample(TOPICS, 2):
                db.execute("INSERT INTO stakeholder_topic (stakeholder_id, topic) VALUES (?, ?)", (sid, topic))
        approved = [s for i, s in enumerate(stakeholder_ids) if i % 10]

        event_ids = []
        for i in range(events):
            eid = ident("evt")
            start = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 1500))
            end = start + timedelta(days=rng.randrange(0, 5))
            event_ids.append(eid)
            title, description = f"Meeting {i}: {text(3)}", text(20)
            db.execute("""INSERT INTO event (id, title, kind, description, starts_on, ends_on, timezone, format, city, country, status,
                registration_opens_at, registration_closes_at, created_at, updated_at, version, search_title, search_description)
                VALUES (?, ?, ?, ?, ?, ?, 'Europe/Vienna', 'hybrid', 'Vienna', ?, 'scheduled', ?, ?, ?, ?, 1, ?, ?)""",
                (eid, title, rng.choice(["ccpcj_session", "working_group", "expert_group_meeting", "webinar", "constructive_dialogue"]),
                 description, start.isoformat(), end.isoformat(), rng.choice(COUNTRIES), "2024-01-01 00:00:00.000", "2030-01-01 00:00:00.000", STAMP, STAMP,
                 search(title), search(description)))
        # The seeded windows opened long ago: record them as told, as a running deployment would have, so the
        # window watcher does not announce 2,000 of them (hundreds of thousands of mails) during the measurement.
        db.executemany("INSERT INTO event_window_notice (event_id, window_kind, opens_at, told_at) VALUES (?, 'registration', ?, ?)",
                       [(eid, "2024-01-01 00:00:00.000", STAMP) for eid in event_ids])
        pairs = set()
        while len(pairs) < registrations:
            pairs.add((rng.choice(event_ids), rng.choice(approved)))
        for event, stakeholder in pairs:
            db.execute("""INSERT INTO event_registration (id, event_id, stakeholder_id, participants, status, created_by, created_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, 'bench', ?, ?, 1)""",
                (ident("reg"), event, stakeholder, json.dumps([{"email": "p@example.org", "name": "Participant", "role": "delegate"}]),
                 rng.choice(["pending", "approved"]), STAMP, STAMP))

        for i in range(workshops):
            wid = ident("wks")
            start = date(2025, 1, 1) + timedelta(days=rng.randrange(0, 900))
            capacity = rng.randrange(10, 40)
            db.execute("""INSERT INTO workshop (id, title, series, objectives, starts_on, ends_on, languages, capacity, priority_countries, status,
                created_at, updated_at, version) VALUES (?, ?, 'SE4U', '[]', ?, ?, '["en"]', ?, '["PE"]', 'scheduled', ?, ?, 1)""",
                (wid, f"SE4U workshop {i}", start.isoformat(), (start + timedelta(days=1)).isoformat(), capacity, STAMP, STAMP))
            for j in range(capacity + 5):
                db.execute("""INSERT INTO workshop_enrolment (id, workshop_id, stakeholder_id, participant_name, participant_email, status, priority,
                    created_by, created_at, updated_at, version) VALUES (?, ?, ?, 'Trainee', ?, ?, 0, 'bench', ?, ?, 1)""",
                    (ident("enr"), wid, rng.choice(approved), f"trainee{i}-{j}@example.org", "confirmed" if j < capacity else "waitlisted", STAMP, STAMP))

        for i in range(resources):
            rid = ident("res")
            topics = rng.sample(TOPICS, 2)
            title, summary = f"Resource {i}: {text(4)}", text(30)
            db.execute("""INSERT INTO resource (id, kind, title, summary, url, languages, topics, publisher, created_at, updated_at, version,
                search_title, search_summary, search_publisher)
                VALUES (?, ?, ?, ?, ?, '["en"]', ?, 'UNODC', ?, ?, 1, ?, ?, ?)""",
                (rid, rng.choice(["toolkit", "guide", "report"]), title, summary, f"https://example.org/r/{i}",
                 json.dumps(topics), STAMP, STAMP, search(title), search(summary), search("UNODC")))
            for topic in topics:
                db.execute("INSERT INTO resource_topic (resource_id, topic) VALUES (?, ?)", (rid, topic))
            db.execute("INSERT INTO resource_language (resource_id, language) VALUES (?, 'en')", (rid,))
    db.execute("PRAGMA optimize")
    db.close()
    print(f"seeded {stakeholders} stakeholders, {events} events, {registrations} registrations, {workshops} workshops, {resources} resources")


if __name__ == "__main__":
    main(sys.argv[1])
