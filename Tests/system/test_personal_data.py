"""Personal data over the wire: the export holds what was seeded, and an erasure leaves no byte of it on disk."""
import subprocess
from pathlib import Path

import pytest

from conftest import ADMIN_KEY, BINARY, clean_env, registration, serve, stored_values

# Values that appear nowhere else, so a byte search cannot match by accident.
CONTACT_NAME = "Zanzibar Quillfeather"
CONTACT_EMAIL = "quillfeather.unique@example.org"
CONTACT_PHONE = "+43 1 26060 9999"
DESCRIPTION = "Xylophonic memoranda about Quillfeather cases"
DELEGATE_NAME = "Wendeline Orrisroot"
DELEGATE_EMAIL = "orrisroot.unique@example.org"
TRAINEE_NAME = "Perpétua Hollowmere"
TRAINEE_EMAIL = "hollowmere.unique@example.org"
ERASED = [CONTACT_NAME, CONTACT_EMAIL, CONTACT_PHONE, DESCRIPTION, DELEGATE_NAME, DELEGATE_EMAIL, TRAINEE_NAME, TRAINEE_EMAIL]


def seed(server):
    """An approved organisation with a delegation, an enrolment and a Secretariat endpoint that receives it all."""
    assert server.post("/v1/webhook-endpoints", token=ADMIN_KEY, json={"url": "https://hooks.example.org/secretariat"}).status_code == 201
    body = registration(name="Quillfeather Institute", description=DESCRIPTION,
                        contact={"name": CONTACT_NAME, "email": CONTACT_EMAIL, "phone": CONTACT_PHONE})
    created = server.post("/v1/stakeholders", json=body)
    assert created.status_code == 201, created.text
    org, token = created.json()["id"], created.json()["access_token"]
    assert server.post(f"/v1/stakeholders/{org}/approve", token=ADMIN_KEY).status_code == 200
    event = server.post("/v1/events", token=ADMIN_KEY, json={
        "title": "Working Group on Trafficking in Persons", "kind": "working_group",
        "starts_on": "2031-06-02", "ends_on": "2031-06-03", "timezone": "Europe/Vienna",
        "registration": {"opens_at": "2020-01-01T00:00:00Z", "closes_at": "2031-05-01T00:00:00Z"},
    })
    assert event.status_code == 201, event.text
    delegation = server.post(f"/v1/events/{event.json()['id']}/registrations", token=token, json={
        "stakeholder_id": org, "participants": [{"name": DELEGATE_NAME, "email": DELEGATE_EMAIL, "role": "head_of_delegation"}]})
    assert delegation.status_code == 201, delegation.text
    workshop = server.post("/v1/workshops", token=ADMIN_KEY, json={
        "title": "SE4U regional workshop", "starts_on": "2031-04-07", "ends_on": "2031-04-08", "format": "online", "capacity": 5,
        "enrolment": {"opens_at": "2020-01-01T00:00:00Z", "closes_at": "2031-04-01T00:00:00Z"}})
    assert workshop.status_code == 201, workshop.text
    enrolment = server.post(f"/v1/workshops/{workshop.json()['id']}/enrolments", token=token, json={
        "stakeholder_id": org, "participant": {"name": TRAINEE_NAME, "email": TRAINEE_EMAIL, "position": "Analyst"}})
    assert enrolment.status_code == 201, enrolment.text
    return org, token


def files_holding(paths, value):
    needle = value.encode()
    return [path.name for path in paths if path.exists() and needle in path.read_bytes()]


def test_the_export_holds_every_value_seeded_for_the_organisation(tmp_path):
    with serve(tmp_path, ENGAGE_ADMIN_KEY=ADMIN_KEY) as server:
        org, token = seed(server)
        export = server.get(f"/v1/stakeholders/{org}/export", token=token)
        assert export.status_code == 200
        assert export.headers["Cache-Control"] == "no-store"
        document = export.json()
        for value in ERASED:
            assert value in export.text, value
        assert document["stakeholder"]["id"] == org
        assert [p["email"] for r in document["event_registrations"] for p in r["participants"]] == [DELEGATE_EMAIL]
        assert [e["participant"]["email"] for e in document["workshop_enrolments"]] == [TRAINEE_EMAIL]


@pytest.mark.sqlite_only
def test_after_an_erasure_no_erased_value_is_in_the_file_its_wal_or_a_fresh_backup(tmp_path):
    database = tmp_path / "engage.sqlite"
    backup = tmp_path / "after-erasure.sqlite"
    files = [database, Path(f"{database}-wal"), backup]
    with serve(tmp_path, database=database, ENGAGE_ADMIN_KEY=ADMIN_KEY) as server:
        org, _ = seed(server)
        # Given the values on disk (the test can fail)
        assert files_holding(files[:2], CONTACT_EMAIL) and files_holding(files[:2], DELEGATE_EMAIL)
        # When staff erase the organisation
        erased = server.post(f"/v1/stakeholders/{org}/erase", token=ADMIN_KEY, json={"reason": "Erasure requested by the organisation"})
        assert erased.status_code == 200, erased.text
        result = subprocess.run([BINARY, "backup", str(backup)], env=clean_env(ENGAGE_DATABASE=str(database)),
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        # Then no file holds any of them, nor the words of the description in the search index
        for value in ERASED + ["Xylophonic", "xylophonic", "memoranda"]:
            assert files_holding(files, value) == [], f"{value!r} is still on disk"
        # While the facts stay: one delegation, one enrolment, the organisation's name
        assert stored_values(database, "SELECT COUNT(*) FROM event_registration") == [1]
        assert stored_values(database, "SELECT COUNT(*) FROM workshop_enrolment") == [1]
        assert server.get(f"/v1/stakeholders/{org}").json()["name"] == "Quillfeather Institute"
        # And the logs carry none of it either
        for value in ERASED:
            assert value not in server.stdout and value not in server.stderr
