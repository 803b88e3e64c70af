"""The contract as a generator sees it: `openapi-python-client` (from PyPI) turns openapi.yaml into a typed
Python client without one warning, and that client runs a real flow against `engage serve`."""
import datetime as dt
import importlib
import json
import re
import subprocess
import sys

import pytest
import yaml
from pathlib import Path

from conftest import ADMIN_KEY, ROOT, registration, serve
from receiver import Receiver


@pytest.fixture(scope="module")
def engage_client(tmp_path_factory):
    """The client generated from the contract, imported as `engage_client`."""
    target = tmp_path_factory.mktemp("generated")
    # Given the contract and the project's generator settings
    result = subprocess.run(
        [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(ROOT / "openapi.yaml"),
         "--meta", "none", "--output-path", str(target / "engage_client"),
         "--config", str(ROOT / "Tests" / "system" / "openapi-python-client.yaml")],
        capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    # Then it generates, and says nothing about a schema, an operation or a response it had to drop
    assert result.returncode == 0, output
    for word in ("warning", "unable to", "cannot", "will not be generated", "omitted"):
        assert word not in output.lower(), output
    sys.path.insert(0, str(target))
    try:
        yield importlib.import_module("engage_client")
    finally:
        sys.path.remove(str(target))


def snake(name):
    """The generator's module name for an operationId or schema (`createAPIKey` → `create_api_key`)."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def call(module, name, **kwargs):
    """Calls operation `name` of the generated client (`events.create_event`) and returns its response."""
    tag, operation = name.split(".")
    return importlib.import_module(f"{module.__name__}.api.{tag}.{operation}").sync_detailed(**kwargs)


def model(module, name):
    """The generated model class `name` (`EventCreate`)."""
    return getattr(importlib.import_module(f"{module.__name__}.models.{snake(name)}"), name)


def test_every_operation_of_the_contract_is_generated(engage_client):
    # Given every operationId of the contract
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    operations = {snake(op["operationId"]) for item in spec["paths"].values() for op in item.values()
                  if isinstance(op, dict) and "operationId" in op}
    # Then each is a module of the generated client (none dropped, as the webhook endpoints once were)
    api = Path(importlib.import_module(f"{engage_client.__name__}.api").__file__).parent
    generated = {file.stem for file in api.glob("*/*.py") if file.name != "__init__.py"}
    assert len(operations) > 100 and operations - generated == set()


def test_a_front_end_flow_through_the_generated_client(engage_client, tmp_path):
    c = engage_client
    receiver = Receiver()
    try:
        with serve(tmp_path, ENGAGE_ADMIN_KEY=ADMIN_KEY, ENGAGE_DEMO_DATA="false",
                   ENGAGE_WEBHOOK_ALLOW_PRIVATE_TARGETS="true", ENGAGE_WEBHOOK_RETRY_SCHEDULE="0s,1s") as server:
            anonymous = c.Client(base_url=server.url, raise_on_unexpected_status=True)
            staff = c.AuthenticatedClient(base_url=server.url, token=ADMIN_KEY, raise_on_unexpected_status=True)
            now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
            window = {"opens_at": (now - dt.timedelta(days=1)).isoformat(), "closes_at": (now + dt.timedelta(days=30)).isoformat()}

            # Register two organisations (anonymously, as the public form does) and approve them
            organisations = []
            for name in ("Red Regional contra la Trata", "Institute for Maritime Crime Studies"):
                registered = call(c, "stakeholders.register_stakeholder", client=anonymous,
                                  body=model(c, "StakeholderRegistration").from_dict(registration(name=name)))
                assert registered.status_code == 201, registered.content
                token = registered.parsed.access_token
                approved = call(c, "stakeholders.approve_stakeholder", id=registered.parsed.id, client=staff)
                assert approved.status_code == 200 and approved.parsed.status == model(c, "StakeholderStatus").APPROVED
                organisations.append((registered.parsed.id, c.AuthenticatedClient(base_url=server.url, token=token)))
            (first, first_client), (second, second_client) = organisations

            # The second organisation subscribes a webhook endpoint (the operation once dropped by the generator)
            endpoint = call(c, "webhooks.create_webhook_endpoint", client=second_client,
                            body=model(c, "WebhookEndpointCreate").from_dict({"url": receiver.url("/hub"), "event_types": ["workshop_enrolment.waitlisted"]}))
            assert endpoint.status_code == 201, endpoint.content
            assert endpoint.parsed.secret.startswith("whsec_")

            # Staff create three events; the first opens registration
            events = []
            for day in (3, 1, 2):
                body = {"title": f"Expert group meeting {day}", "kind": "expert_group_meeting",
                        "starts_on": f"2027-05-0{day}", "ends_on": f"2027-05-0{day}", "timezone": "Europe/Vienna"}
                if day == 3:
                    body["registration"] = window
                created = call(c, "events.create_event", client=staff, body=model(c, "EventCreate").from_dict(body))
                assert created.status_code == 201, created.content
                events.append(created.parsed)
            event = events[0]

            # Extensible enumerations: a kind and a status added after this client was built are kept as strings,
            # while requests stay strict (the generated enum refuses what the server would)
            Event, EventKind = model(c, "Event"), model(c, "EventKind")
            later = Event.from_dict(json.loads(created.content) | {"kind": "regional_preparatory_meeting", "status": "relocated"})
            assert (later.kind, later.status) == ("regional_preparatory_meeting", "relocated")
            assert event.kind is EventKind.EXPERT_GROUP_MEETING
            with pytest.raises(ValueError):
                EventKind("regional_preparatory_meeting")

            # A delegation registers, the event is postponed to no date, then rescheduled
            delegation = call(c, "events.register_for_event", id=event.id, client=first_client,
                              body=model(c, "EventRegistrationCreate").from_dict({"stakeholder_id": first, "participants": [
                                  {"name": "Lucía Ramos", "email": "lucia.ramos@example.org", "role": "head_of_delegation"}]}))
            assert delegation.status_code == 201, delegation.content
            assert delegation.parsed.status == model(c, "RegistrationStatus").PENDING
            postponed = call(c, "events.postpone_event", id=event.id, client=staff,
                             body=model(c, "PostponeRequest").from_dict({"reason": "Liquidity crisis"}))
            assert postponed.status_code == 200 and postponed.parsed.starts_on is None
            rescheduled = call(c, "events.reschedule_event", id=event.id, client=staff,
                               body=model(c, "RescheduleRequest").from_dict({"starts_on": "2027-09-06", "ends_on": "2027-09-08"}))
            assert rescheduled.status_code == 200, rescheduled.content
            assert rescheduled.parsed.starts_on == dt.date(2027, 9, 6)
            assert rescheduled.parsed.status == model(c, "EventStatus").SCHEDULED

            # Page through the calendar one event at a time, with the sealed cursors
            seen, cursor = [], c.types.UNSET
            while True:
                page = call(c, "events.list_events", client=anonymous, limit=1, cursor=cursor)
                assert page.status_code == 200, page.content
                seen += [e.id for e in page.parsed.data]
                if not page.parsed.next_cursor:
                    break
                cursor = page.parsed.next_cursor
            assert seen == [events[1].id, events[2].id, event.id]

            # A workshop of one seat: the first enrolment is confirmed, the second waits, and is told by webhook
            workshop = call(c, "workshops.create_workshop", client=staff, body=model(c, "WorkshopCreate").from_dict({
                "title": "SE4U training", "series": "SE4U", "starts_on": "2027-07-07", "ends_on": "2027-07-08", "capacity": 1,
                "enrolment": window}))
            assert workshop.status_code == 201, workshop.content
            statuses = []
            for stakeholder, client, person in ((first, first_client, "Seat Holder"), (second, second_client, "Next In Line")):
                enrolled = call(c, "workshops.enrol_in_workshop", id=workshop.parsed.id, client=client,
                                body=model(c, "EnrolmentCreate").from_dict({"stakeholder_id": stakeholder, "participant": {
                                    "name": person, "email": f"{person.split()[0].lower()}@example.org"}}))
                assert enrolled.status_code == 201, enrolled.content
                statuses.append(enrolled.parsed.status)
            assert statuses == [model(c, "EnrolmentStatus").CONFIRMED, model(c, "EnrolmentStatus").WAITLISTED]
            assert receiver.wait_for(lambda: len(receiver.messages("/hub")) >= 1)
            assert [m["type"] for m in receiver.messages("/hub").values()] == ["workshop_enrolment.waitlisted"]

            # The waiting organisation sees its affairs across everything, typed
            me = call(c, "me.get_me", client=second_client)
            assert me.status_code == 200, me.content
            assert me.parsed.stakeholder.id == second
            assert [e.status for e in me.parsed.enrolments.data] == [model(c, "EnrolmentStatus").WAITLISTED]
            assert me.parsed.registrations.data == [] and me.parsed.registrations.next_cursor is None
            first_me = call(c, "me.get_me", client=first_client)
            assert [r.event_id for r in first_me.parsed.registrations.data] == [event.id]

            # A mirror stays in sync through the change feed: the event's lifecycle, in order, with its versions; the
            # delegation only for its own organisation; and a position to resume from even at the end
            def feed(client, types):
                entries, after = [], c.types.UNSET
                while True:
                    page = call(c, "changes.list_changes", client=client, type_=types, after=after, limit=2)
                    assert page.status_code == 200, page.content
                    entries += page.parsed.data
                    after = page.parsed.next_cursor
                    if not page.parsed.has_more:
                        return entries, after
            ChangeResourceType = model(c, "ChangeResourceType")
            changes, position = feed(anonymous, [ChangeResourceType.EVENT])
            # (the window watcher may also have told that its registration opened: that changes no version)
            mine = [(e.notification_type, e.version) for e in changes
                    if e.resource_id == event.id and e.notification_type != "event.registration_opened"]
            assert mine == [("event.created", 1), ("event.postponed", 2), ("event.rescheduled", 3)], mine
            assert rescheduled.parsed.version == 3
            participation = [ChangeResourceType.EVENT_REGISTRATION]
            assert [e.resource_id for e in feed(first_client, participation)[0]] == [delegation.parsed.id]
            assert feed(second_client, participation)[0] == []
            assert feed(anonymous, participation)[0] == []
            idle = call(c, "changes.list_changes", client=anonymous, type_=[ChangeResourceType.EVENT], after=position)
            assert idle.parsed.data == [] and idle.parsed.next_cursor == position

            # Bad input comes back as a typed problem naming the field
            refused = call(c, "events.create_event", client=staff, body=model(c, "EventCreate").from_dict(
                {"title": "", "kind": "expert_group_meeting"}))
            assert refused.status_code == 422
            assert ("title", "required") in [(error.field, error.code) for error in refused.parsed.errors]
            assert refused.parsed.type_ == "urn:engage:problem:validation"
    finally:
        receiver.close()


