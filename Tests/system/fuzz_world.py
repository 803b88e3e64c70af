"""The records the contract fuzz works on, made through the API before it starts, and the schemathesis
configuration that hands their IDs to the operations that need them.

Generated path IDs name nothing, so without this every operation on one record answers 404 and the fuzz
never reaches its rules ("missing test data"). Each operation gets real IDs; an operation that changes a
record for good (approve, cancel, erase, merge, ...) gets a record of its own, so the order the fuzz
runs in does not decide what the others see; each valid case of a delete removes a record made for it.
The stateful phase runs apart, without these IDs, which would override the ones its links carry. The
feedback token reaches only its attendee, so it is read from the mail the server sends.
"""
import datetime as dt
import json
import re
import time

import requests

from conftest import ADMIN_KEY, registration

NOW = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
OPEN_WINDOW = {"opens_at": (NOW - dt.timedelta(days=1)).isoformat(), "closes_at": (NOW + dt.timedelta(days=60)).isoformat()}
PAST = {"starts_on": (NOW - dt.timedelta(days=20)).date().isoformat(), "ends_on": (NOW - dt.timedelta(days=19)).date().isoformat()}
FUTURE = {"starts_on": "2027-06-14", "ends_on": "2027-06-15"}
# What a delete removes for good, made afresh for each valid case (fuzz_hooks): the collection and a body.
DELETED = {
    "DELETE /v1/resources/{id}": ("/v1/resources", {"kind": "guide", "title": "Fuzz guide", "url": "https://www.unodc.org/guide"}),
    "DELETE /v1/webhook-endpoints/{id}": ("/v1/webhook-endpoints", {"url": "https://hooks.example.org/engage"}),
}


def fresh(url, label):
    """A new record for the delete `label` to remove, on the server at `url`."""
    collection, body = DELETED[label]
    response = requests.post(url + collection, headers={"Authorization": f"Bearer {ADMIN_KEY}"}, json=body, timeout=10)
    assert response.status_code == 201, response.text
    return response.json()["id"]


class World:
    """Makes records as staff (or as an organisation with its token) and remembers what each operation uses."""

    def __init__(self, url, mailbox):
        self.url = url
        self.mailbox = mailbox
        self.parameters = {}  # operationId -> {"id": ..., "body.into": ...}
        self.headers = {}     # operationId -> {"Authorization": ...} where the caller must be an organisation
        self.count = 0

    # MARK: HTTP

    def call(self, method, path, token=ADMIN_KEY, expect=(200, 201, 202), **kwargs):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = requests.request(method, self.url + path, headers=headers, timeout=10, **kwargs)
        assert response.status_code in expect, f"{method} {path}: {response.status_code} {response.text}"
        return response.json() if response.content and response.headers.get("Content-Type", "").endswith("json") else None

    def use(self, operation, **parameters):
        self.parameters[operation] = {**self.parameters.get(operation, {}), **parameters}

    def use_as(self, operation, token, **parameters):
        self.use(operation, **parameters)
        self.headers[operation] = {"Authorization": f"Bearer {token}"}

    # MARK: Records

    def organisation(self, status="approved", email=None):
        self.count += 1
        email = email or f"fuzz-org-{self.count}@example.org"
        body = registration(name=f"Fuzz organisation {self.count}", contact={"name": f"Contact {self.count}", "email": email})
        created = self.call("POST", "/v1/stakeholders", token="", json=body)
        if status in ("approved", "suspended"):
            self.call("POST", f"/v1/stakeholders/{created['id']}/approve")
        if status == "rejected":
            self.call("POST", f"/v1/stakeholders/{created['id']}/reject", json={"reason": "Not an organisation"})
        return created["id"], created["access_token"]

    def event(self, dates=FUTURE, **extra):
        self.count += 1
        body = {"title": f"Fuzz event {self.count}", "kind": "ccpcj_session", "timezone": "Europe/Vienna", **dates,
                "registration": OPEN_WINDOW, "side_event_applications": OPEN_WINDOW, **extra}
        body = {key: value for key, value in body.items() if value is not None}
        return self.call("POST", "/v1/events", json=body)["id"]

    def workshop(self, dates=FUTURE, capacity=5):
        self.count += 1
        body = {"title": f"Fuzz workshop {self.count}", "series": "SE4U", "capacity": capacity, **dates, "enrolment": OPEN_WINDOW}
        return self.call("POST", "/v1/workshops", json=body)["id"]

    def registration(self, event, organisation):
        stakeholder, token = organisation
        body = {"stakeholder_id": stakeholder, "participants": [{"name": "Lucía Ramos", "email": f"delegate-{self.count}@example.org"}]}
        return self.call("POST", f"/v1/events/{event}/registrations", token=token, json=body)["id"]

    def application(self, event, organisation, co_organizers=()):
        stakeholder, token = organisation
        body = {"stakeholder_id": stakeholder, "title": "Side event on fuzzing", "description": "Stakeholders and the review mechanism.",
                "co_organizers": list(co_organizers)}
        return self.call("POST", f"/v1/events/{event}/side-event-applications", token=token, json=body)["id"]

    def enrolment(self, workshop, organisation, email):
        stakeholder, token = organisation
        body = {"stakeholder_id": stakeholder, "participant": {"name": "Amina Njoroge", "email": email}}
        return self.call("POST", f"/v1/workshops/{workshop}/enrolments", json=body)["id"]

    # MARK: The world

    def build(self):
        self.stakeholders()
        self.events()
        self.workshops()
        self.others()
        return self

    def stakeholders(self):
        member = self.organisation()
        for operation in ("getStakeholder", "updateStakeholder", "getStakeholderPendingChanges", "getStakeholderHistory",
                          "exportStakeholderData", "getNotificationPreferences", "updateNotificationPreferences"):
            self.use(operation, id=member[0])
        # A new token ends the old one: the organisation whose token /v1/me uses keeps its own
        self.use("reissueAccessToken", id=self.organisation()[0])
        for operation in ("getMe", "listMyRegistrations", "listMySideEventApplications", "listMyEnrolments", "listMyPilotInitiatives"):
            self.use_as(operation, member[1])
        networks = self.call("GET", "/v1/stakeholders?kind=network&limit=1")["data"]
        self.use("listNetworkMembers", id=networks[0]["id"])
        self.use("approveStakeholder", id=self.organisation(status="pending")[0])
        self.use("rejectStakeholder", id=self.organisation(status="pending")[0])
        self.use("suspendStakeholder", id=self.organisation()[0])
        self.use("eraseStakeholderData", id=self.organisation()[0])
        self.use("mergeStakeholder", id=self.organisation()[0], **{"body.into": self.organisation()[0]})
        rejected = self.organisation(status="rejected")
        self.use_as("resubmitStakeholder", rejected[1], id=rejected[0])
        for operation in ("approveStakeholderPendingChanges", "rejectStakeholderPendingChanges"):
            changing = self.organisation()
            self.call("PATCH", f"/v1/stakeholders/{changing[0]}", token=changing[1], json={"name": f"Renamed organisation {self.count}"})
            self.use(operation, id=changing[0])
        self.member = member

    def events(self):
        event = self.event()
        for operation in ("getEvent", "updateEvent", "getEventHistory", "getEventCalendar", "listEventRegistrations",
                          "exportEventRegistrations", "getSideEventOrganizers", "listSideEventApplications",
                          "exportSideEventApplications", "getEventContactPoints", "setEventContactPoints"):
            self.use(operation, id=event)
        for operation in ("postponeEvent", "cancelEvent"):
            self.use(operation, id=self.event())
        postponed = self.event()
        self.call("POST", f"/v1/events/{postponed}/postpone", json={"reason": "Liquidity crisis"})
        self.use("rescheduleEvent", id=postponed)
        self.use("completeEvent", id=self.event(dates=PAST, registration=None, side_event_applications=None))
        newcomer = self.organisation()
        self.use_as("registerForEvent", newcomer[1], id=event, **{"body.stakeholder_id": newcomer[0]})
        self.use_as("applyForSideEvent", newcomer[1], id=event, **{"body.stakeholder_id": newcomer[0], "body.co_organizers": []})
        registered = self.registration(event, self.member)
        for operation in ("getEventRegistration", "updateEventRegistration", "getEventRegistrationHistory"):
            self.use(operation, id=event, rid=registered)
        for operation in ("approveEventRegistration", "rejectEventRegistration", "withdrawEventRegistration"):
            self.use(operation, id=event, rid=self.registration(event, self.organisation()))
        applied = self.application(event, self.member)
        for operation in ("getSideEventApplication", "updateSideEventApplication", "getSideEventApplicationHistory"):
            self.use(operation, id=event, aid=applied)
        for operation in ("approveSideEventApplication", "rejectSideEventApplication", "withdrawSideEventApplication"):
            self.use(operation, id=event, aid=self.application(event, self.organisation()))
        partner = self.organisation()
        self.use_as("answerSideEventCoOrganizer", partner[1], id=event, aid=self.application(event, self.organisation(), [partner[0]]))

    def workshops(self):
        workshop = self.workshop()
        for operation in ("getWorkshop", "updateWorkshop", "getWorkshopHistory", "listEnrolments", "exportEnrolments",
                          "getWorkshopFeedback", "getWorkshopContactPoints", "setWorkshopContactPoints"):
            self.use(operation, id=workshop)
        for operation in ("postponeWorkshop", "cancelWorkshop"):
            self.use(operation, id=self.workshop())
        postponed = self.workshop()
        self.call("POST", f"/v1/workshops/{postponed}/postpone", json={"reason": "Trainers unavailable"})
        self.use("rescheduleWorkshop", id=postponed)
        self.use("completeWorkshop", id=self.workshop(dates=PAST))
        self.use("enrolInWorkshop", id=workshop, **{"body.stakeholder_id": self.organisation()[0]})
        seat = self.enrolment(workshop, self.member, "seat@example.org")
        for operation in ("getEnrolment", "recordAttendance"):
            self.use(operation, id=workshop, eid=seat)
        self.use("cancelEnrolment", id=workshop, eid=self.enrolment(workshop, self.organisation(), "leaving@example.org"))
        # An attendee of a completed workshop: a certificate, and the feedback form its mail links to
        past = self.workshop(dates=PAST)
        attended = self.enrolment(past, self.member, "attendee@example.org")
        self.call("POST", f"/v1/workshops/{past}/complete")
        self.call("PATCH", f"/v1/workshops/{past}/enrolments/{attended}", json={"attended": True})
        self.use("getEnrolmentCertificate", id=past, eid=attended)
        self.use("getCertificate", code=self.call("GET", f"/v1/workshops/{past}/enrolments/{attended}/certificate")["code"])
        for operation in ("getFeedbackForm", "answerFeedbackForm"):
            self.use(operation, token=self.feedback_token("attendee@example.org"))

    def feedback_token(self, address, timeout=20):
        """The feedback form's token, from the link in the mail that asks `address` for feedback."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.mailbox.to(address):
                found = re.search(r"/v1/feedback/([0-9a-z_.]+)", message.get_body(("plain",)).get_content())
                if found:
                    return found.group(1)
            time.sleep(0.05)
        raise AssertionError(f"no feedback link reached {address} in {timeout} s")

    def others(self):
        pilot = self.call("POST", "/v1/pilot-initiatives", json={"title": "Fuzz pilot", "country": "KE"})["id"]
        for operation in ("getPilotInitiative", "updatePilotInitiative", "exportPilotParticipants", "logPilotActivity",
                          "listPilotActivities", "getPilotInitiativeHistory", "getPilotInitiativeContactPoints",
                          "setPilotInitiativeContactPoints"):
            self.use(operation, id=pilot)
        self.use("addPilotParticipant", id=pilot, **{"body.stakeholder_id": self.organisation()[0]})
        leaving = self.organisation()[0]
        self.call("POST", f"/v1/pilot-initiatives/{pilot}/participants", json={"stakeholder_id": leaving, "role": "partner"})
        self.use("removePilotParticipant", id=pilot, stakeholder=leaving)

        project = self.call("POST", "/v1/projects", json={"title": "Fuzz project", "donors": ["Germany"]})["id"]
        for operation in ("getProject", "updateProject", "getProjectContactPoints", "setProjectContactPoints"):
            self.use(operation, id=project)
        resource = {"kind": "guide", "title": "Fuzz guide", "url": "https://www.unodc.org/guide"}
        kept = self.call("POST", "/v1/resources", json=resource)["id"]
        for operation in ("getResource", "updateResource", "getResourceContactPoints", "setResourceContactPoints"):
            self.use(operation, id=kept)

        contact = self.call("POST", "/v1/contact-points", json={"name": "Civil Society Team", "email": "cst@example.org"})["id"]
        for operation in ("getContactPoint", "updateContactPoint"):
            self.use(operation, id=contact)
        for operation in ("setEventContactPoints", "setWorkshopContactPoints", "setPilotInitiativeContactPoints",
                          "setProjectContactPoints", "setResourceContactPoints"):
            self.use(operation, **{"body.contact_point_ids": [contact]})

        endpoint = {"url": "https://hooks.example.org/engage"}
        hook = self.call("POST", "/v1/webhook-endpoints", json=endpoint)["id"]
        for operation in ("getWebhookEndpoint", "updateWebhookEndpoint", "rotateWebhookSecret", "testWebhookEndpoint",
                          "recoverWebhookDeliveries", "listWebhookDeliveries"):
            self.use(operation, id=hook)
        self.call("POST", f"/v1/webhook-endpoints/{hook}/test")
        delivery = self.call("GET", f"/v1/webhook-endpoints/{hook}/deliveries")["data"][0]["id"]
        for operation in ("getWebhookDelivery", "redeliverWebhookDelivery"):
            self.use(operation, id=delivery)

        # One published (anyone reads it), one scheduled (every field may still change), one to withdraw
        notice = {"title": "Fuzz notice", "body": "Registration is open.", "audience": {"kind": "approved_stakeholders"}}
        self.use("getAnnouncement", id=self.call("POST", "/v1/announcements", json=notice)["id"])
        scheduled = {**notice, "publish_at": (NOW + dt.timedelta(days=30)).isoformat()}
        self.use("updateAnnouncement", id=self.call("POST", "/v1/announcements", json=scheduled)["id"])
        self.use("withdrawAnnouncement", id=self.call("POST", "/v1/announcements", json=scheduled)["id"])

        mail = self.call("GET", "/v1/mail-deliveries?limit=1")["data"][0]["id"]
        for operation in ("getMailDelivery", "redeliverMailDelivery"):
            self.use(operation, id=mail)
        key = {"name": "Fuzz key", "role": "reader"}
        self.use("getAPIKey", id=self.call("POST", "/v1/api-keys", json=key)["id"])
        self.use("revokeAPIKey", id=self.call("POST", "/v1/api-keys", json=key)["id"])
        self.use("getProblemType", name="validation")

    # MARK: Configuration

    def config(self, base, as_organisations=True):
        """The repository's schemathesis.toml, made to fail on missing test data, with an [[operations]] table per
        operation; `as_organisations` sends the organisation's token to the operations only an organisation may call."""
        lines = [base, "", "[warnings]", 'fail-on = ["missing_test_data"]']
        headers = self.headers if as_organisations else {}
        for operation in sorted(set(self.parameters) | set(headers)):
            lines += ["", "[[operations]]", f"include-operation-id = {json.dumps(operation)}"]
            if operation in self.parameters:
                lines.append("parameters = { " + ", ".join(f"{json.dumps(k)} = {json.dumps(v)}" for k, v in self.parameters[operation].items()) + " }")
            if operation in headers:
                lines.append("headers = { " + ", ".join(f"{json.dumps(k)} = {json.dumps(v)}" for k, v in headers[operation].items()) + " }")
        return "\n".join(lines) + "\n"
