"""Signed webhooks over libcurl, against a real receiver on a loopback port."""
import json
import os
import socket
import time

import pytest
from standardwebhooks.webhooks import Webhook

from conftest import ADMIN_KEY, registration, serve
from receiver import Receiver

FAST = {
    "ENGAGE_ADMIN_KEY": ADMIN_KEY,
    "ENGAGE_WEBHOOK_ALLOW_PRIVATE_TARGETS": "true",
    "ENGAGE_WEBHOOK_RETRY_SCHEDULE": "0s,1s,1s,1s",
    "ENGAGE_WEBHOOK_TIMEOUT": "1s",
}


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


def subscribe(server, url, token=ADMIN_KEY, **body):
    response = server.post("/v1/webhook-endpoints", token=token, json={"url": url, **body})
    assert response.status_code == 201, response.text
    return response.json()


def register(server, name="Observatorio Ciudadano de la Trata"):
    response = server.post("/v1/stakeholders", json=registration(name=name))
    assert response.status_code == 201, response.text
    return response.json()


def delivery_log(server, endpoint_id, token=ADMIN_KEY, **params):
    return server.get(f"/v1/webhook-endpoints/{endpoint_id}/deliveries", token=token, params=params).json()["data"]


def wait_until(predicate, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def test_deliveries_verify_with_the_standardwebhooks_library(tmp_path, receiver):
    with serve(tmp_path, **FAST) as server:
        endpoint = subscribe(server, receiver.url("/ok"), event_types=["stakeholder.registered", "stakeholder.approved"])
        assert endpoint["secret"].startswith("whsec_")
        assert "secret" not in server.get(f"/v1/webhook-endpoints/{endpoint['id']}", token=ADMIN_KEY).json()
        stakeholder = register(server)
        server.post(f"/v1/stakeholders/{stakeholder['id']}/approve", token=ADMIN_KEY)
        assert receiver.wait_for(lambda: len(receiver.received("/ok")) >= 2)

        verifier = Webhook(endpoint["secret"])
        types = []
        for _, headers, body, _ in receiver.received("/ok"):
            payload = verifier.verify(body, headers)   # raises unless the signature and timestamp are right
            assert headers["content-type"] == "application/json"
            assert headers["user-agent"].startswith("Engage-Webhooks/")
            assert payload["id"] == headers["webhook-id"] and payload["data"]["id"] == stakeholder["id"]
            assert len(body) < 20_000
            types.append(payload["type"])
        assert types == ["stakeholder.registered", "stakeholder.approved"]
        # Staff endpoints get the full record, contact included
        assert payload["data"]["contact"]["email"] == "ana.perez.private@example.org"
        assert wait_until(lambda: {d["status"] for d in delivery_log(server, endpoint["id"])} == {"succeeded"})



def test_deliveries_to_one_receiver_reuse_a_connection(tmp_path, receiver):
    # Given a staff endpoint that follows registrations
    with serve(tmp_path, **FAST) as server:
        subscribe(server, receiver.url("/ok"), event_types=["stakeholder.registered"])
        # When ten organisations register
        for n in range(10):
            register(server, name=f"Red de Apoyo a Víctimas {n}")
        # Then all ten deliveries arrive, over fewer connections than deliveries: kept alive between them
        assert receiver.wait_for(lambda: len(receiver.messages("/ok")) == 10)
        assert len(receiver.received("/ok")) == 10
        assert receiver.connections < 10

def test_rotation_signs_with_both_secrets_for_a_day(tmp_path, receiver):
    with serve(tmp_path, **FAST) as server:
        endpoint = subscribe(server, receiver.url("/ok"))
        rotated = server.post(f"/v1/webhook-endpoints/{endpoint['id']}/rotate-secret", token=ADMIN_KEY)
        assert rotated.status_code == 200 and rotated.headers["Cache-Control"] == "no-store"
        new_secret = rotated.json()["secret"]
        assert new_secret != endpoint["secret"]
        register(server)
        assert receiver.wait_for(lambda: len(receiver.received("/ok")) >= 1)
        _, headers, body, _ = receiver.received("/ok")[0]
        assert len(headers["webhook-signature"].split(" ")) == 2
        Webhook(new_secret).verify(body, headers)
        Webhook(endpoint["secret"]).verify(body, headers)


def test_retries_after_errors_until_success_and_honours_retry_after(tmp_path, receiver):
    with serve(tmp_path, **FAST) as server:
        flaky = subscribe(server, receiver.url("/flaky/2"))
        limited = subscribe(server, receiver.url("/limited"))
        register(server)
        assert receiver.wait_for(lambda: len(receiver.received("/flaky/2")) == 3, timeout=20)
        assert receiver.wait_for(lambda: len(receiver.received("/limited")) == 2, timeout=20)
        # The same message each time: one webhook-id, a new timestamp per attempt
        attempts = receiver.received("/flaky/2")
        assert len({h["webhook-id"] for _, h, _, _ in attempts}) == 1
        # Retry-After: 2 was honoured (the schedule alone would have retried after ~1 s)
        first, second = receiver.received("/limited")
        assert second[3] - first[3] >= 1.9
        assert wait_until(lambda: delivery_log(server, flaky["id"])[0]["status"] == "succeeded")
        detail = server.get(f"/v1/webhook-deliveries/{delivery_log(server, flaky['id'])[0]['id']}", token=ADMIN_KEY).json()
        assert [a.get("response_status") for a in detail["attempts"]] == [500, 500, 200]
        assert detail["attempts"][0]["response_body"] == "ok" and detail["attempts"][0]["duration_ms"] >= 0


def test_410_disables_the_endpoint(tmp_path, receiver):
    with serve(tmp_path, **FAST) as server:
        staff = subscribe(server, receiver.url("/ok"), event_types=["webhook_endpoint.disabled"])
        gone = subscribe(server, receiver.url("/gone"))
        register(server)
        assert wait_until(lambda: server.get(f"/v1/webhook-endpoints/{gone['id']}", token=ADMIN_KEY).json()["enabled"] is False)
        state = server.get(f"/v1/webhook-endpoints/{gone['id']}", token=ADMIN_KEY).json()
        assert "410" in state["disabled_reason"]
        assert delivery_log(server, gone["id"])[0]["status"] == "failed"
        # Staff endpoints are told
        assert receiver.wait_for(lambda: any(m["type"] == "webhook_endpoint.disabled" for m in receiver.messages("/ok").values()))
        # Nothing more goes to it
        register(server, name="Another Organisation")
        time.sleep(1.5)
        assert len(receiver.received("/gone")) == 1
        assert staff["enabled"] is True


def test_a_410_in_the_middle_of_a_batch_stops_the_rest_of_it(tmp_path, receiver):
    # Given an endpoint whose first request is held (within a 15 s timeout) and then succeeds, and which is gone after that
    with serve(tmp_path, **{**FAST, "ENGAGE_WEBHOOK_TIMEOUT": "15s"}) as server:
        endpoint = subscribe(server, receiver.url("/hold-then-gone"), event_types=["stakeholder.registered"])
        register(server, name="First Organisation")
        assert receiver.wait_for(lambda: len(receiver.received("/hold-then-gone")) == 1)
        # When two more messages queue while the first is in flight: the endpoint is busy, so its next
        # claim takes both at once
        register(server, name="Second Organisation")
        register(server, name="Third Organisation")
        receiver.release.set()
        # Then the second gets the 410, which is recorded before the third is checked: disabling the endpoint
        # fails what it still had pending, and the third is never sent
        assert wait_until(lambda: server.get(f"/v1/webhook-endpoints/{endpoint['id']}", token=ADMIN_KEY).json()["enabled"] is False)
        time.sleep(1.5)
        assert len(receiver.received("/hold-then-gone")) == 2
        log = delivery_log(server, endpoint["id"])
        assert sorted(d["status"] for d in log) == ["failed", "failed", "succeeded"]
        attempts = [len(server.get(f"/v1/webhook-deliveries/{d['id']}", token=ADMIN_KEY).json()["attempts"]) for d in log]
        assert sorted(attempts) == [0, 1, 1]


def test_a_receiver_that_never_answers_times_out_and_fails_after_the_last_attempt(tmp_path, receiver):
    with serve(tmp_path, **{**FAST, "ENGAGE_WEBHOOK_RETRY_SCHEDULE": "0s,1s"}) as server:
        endpoint = subscribe(server, receiver.url("/hang"))
        register(server)
        assert wait_until(lambda: delivery_log(server, endpoint["id"])[0]["status"] == "failed", timeout=20)
        detail = server.get(f"/v1/webhook-deliveries/{delivery_log(server, endpoint['id'])[0]['id']}", token=ADMIN_KEY).json()
        assert len(detail["attempts"]) == 2
        assert all("timed out" in a["error"].lower() or "timeout" in a["error"].lower() for a in detail["attempts"])
        assert all(a.get("response_status") is None for a in detail["attempts"])


def test_redelivery_and_recovery(tmp_path, receiver):
    with serve(tmp_path, **{**FAST, "ENGAGE_WEBHOOK_RETRY_SCHEDULE": "0s"}) as server:
        endpoint = subscribe(server, receiver.url("/flaky/1"))
        before = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 5))
        register(server, name="First Organisation")
        register(server, name="Second Organisation")
        assert wait_until(lambda: len(delivery_log(server, endpoint["id"], status="failed")) == 2)
        failed = delivery_log(server, endpoint["id"], status="failed")

        # Redeliver one: one more attempt, which succeeds (the receiver fails each message once)
        redelivered = server.post(f"/v1/webhook-deliveries/{failed[0]['id']}/redeliver", token=ADMIN_KEY)
        assert redelivered.status_code == 202
        assert wait_until(lambda: server.get(f"/v1/webhook-deliveries/{failed[0]['id']}", token=ADMIN_KEY).json()["status"] == "succeeded")

        # Recover the rest of the range
        recovered = server.post(f"/v1/webhook-endpoints/{endpoint['id']}/recover", token=ADMIN_KEY, json={"since": before})
        assert recovered.status_code == 202 and recovered.json() == {"requeued": 1}
        assert wait_until(lambda: {d["status"] for d in delivery_log(server, endpoint["id"])} == {"succeeded"})
        assert len(receiver.messages("/flaky/1")) == 2
        bad = server.post(f"/v1/webhook-endpoints/{endpoint['id']}/recover", token=ADMIN_KEY, json={"until": "yesterday"})
        assert bad.status_code == 422 and {e["field"] for e in bad.json()["errors"]} == {"since", "until"}


@pytest.mark.parametrize("url", [
    "https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://169.254.169.254/latest/meta-data", "https://[::1]/hook",
    "https://[::ffff:127.0.0.1]/hook", "https://[fd00:ec2::254]/hook", "https://localhost/hook", "http://example.org/hook",
    # Other spellings of IPv4 addresses, zone IDs and the machine's own names
    "https://2130706433/", "https://0x7f000001/", "https://017700000001/", "https://127.1/", "https://0/",
    "https://[fe80::1%25eth0]/", "https://localhost.localdomain/", f"https://{socket.gethostname()}/",
])
def test_private_targets_are_refused_when_subscribing(tmp_path, url):
    with serve(tmp_path, ENGAGE_ADMIN_KEY=ADMIN_KEY) as server:
        response = server.post("/v1/webhook-endpoints", token=ADMIN_KEY, json={"url": url})
        assert response.status_code == 422, response.text
        assert [e["field"] for e in response.json()["errors"]] == ["url"]
        assert server.get("/v1/webhook-endpoints", token=ADMIN_KEY).json()["data"] == []


def private_alias():
    """A host name of /etc/hosts that resolves to a private address and is not this machine's own name
    (which is refused already when subscribing), or None."""
    own = {socket.gethostname().lower(), "localhost", "localhost.localdomain"}
    for line in open("/etc/hosts"):
        fields = line.split("#")[0].split()
        if len(fields) < 2 or not fields[0].startswith(("127.", "10.", "192.168.", "172.")):
            continue
        for name in fields[1:]:
            if name.lower() not in own and not name.lower().endswith((".localhost", ".localdomain")):
                return name, fields[0]
    return None


def test_a_host_name_resolving_to_a_private_address_is_refused_at_delivery(tmp_path, receiver):
    alias = private_alias()
    if alias is None:
        pytest.skip("no host name in /etc/hosts resolves to a private address")
    host, address = alias
    with serve(tmp_path, ENGAGE_ADMIN_KEY=ADMIN_KEY, ENGAGE_WEBHOOK_RETRY_SCHEDULE="0s") as server:
        endpoint = subscribe(server, f"https://{host}:{receiver.port}/ok")
        assert server.post(f"/v1/webhook-endpoints/{endpoint['id']}/test", token=ADMIN_KEY).status_code == 202
        assert wait_until(lambda: delivery_log(server, endpoint["id"])[0]["status"] == "failed")
        detail = server.get(f"/v1/webhook-deliveries/{delivery_log(server, endpoint['id'])[0]['id']}", token=ADMIN_KEY).json()
        assert detail["attempts"][0]["error"].startswith(f"refused: {host} resolves to {address}")
        assert receiver.received() == []


def test_a_stakeholder_endpoint_receives_only_what_concerns_it(tmp_path, receiver):
    with serve(tmp_path, **FAST) as server:
        mine = register(server, name="Mine Organisation")
        other = register(server, name="Other Organisation")
        own = subscribe(server, receiver.url("/mine"), token=mine["access_token"])
        assert own["stakeholder_id"] == mine["id"]
        # Types that never concern a stakeholder are refused for its endpoint
        refused = server.post("/v1/webhook-endpoints", token=mine["access_token"], json={"url": receiver.url("/x"), "event_types": ["event.created"]})
        assert refused.status_code == 422
        # It cannot see staff endpoints or others' endpoints
        staff = subscribe(server, receiver.url("/staff"))
        assert server.get(f"/v1/webhook-endpoints/{staff['id']}", token=mine["access_token"]).status_code == 404
        assert [e["id"] for e in server.get("/v1/webhook-endpoints", token=mine["access_token"]).json()["data"]] == [own["id"]]

        server.post(f"/v1/stakeholders/{other['id']}/approve", token=ADMIN_KEY)
        server.post(f"/v1/stakeholders/{mine['id']}/approve", token=ADMIN_KEY)
        assert receiver.wait_for(lambda: len(receiver.messages("/staff")) >= 2)
        assert receiver.wait_for(lambda: len(receiver.messages("/mine")) >= 1)
        time.sleep(0.5)
        mine_messages = list(receiver.messages("/mine").values())
        assert [(m["type"], m["data"]["id"]) for m in mine_messages] == [("stakeholder.approved", mine["id"])]


def test_kill_9_with_messages_pending_loses_nothing(tmp_path, receiver):
    database = tmp_path / "engage.sqlite"
    acknowledged = []
    with serve(tmp_path, database=database, **FAST) as server:
        subscribe(server, receiver.url("/slow"), event_types=["stakeholder.registered"])
        for index in range(40):
            response = server.post("/v1/stakeholders", json=registration(name=f"Organisation {index}"))
            if response.status_code == 201:
                acknowledged.append(response.json()["id"])
        server.kill9()   # with most deliveries still pending (the receiver takes 30 ms each)
    delivered_before = len(receiver.messages("/slow"))
    assert delivered_before < len(acknowledged)
    with serve(tmp_path, database=database, **FAST) as server:
        assert receiver.wait_for(lambda: len(receiver.messages("/slow")) >= len(acknowledged), timeout=30)
    received_ids = {m["data"]["id"] for m in receiver.messages("/slow").values()}
    assert received_ids == set(acknowledged)
    assert len(acknowledged) == 40


@pytest.mark.sqlite_only
def test_an_endpoint_whose_secret_cannot_be_opened_waits_for_rotation_and_the_others_go_on(tmp_path, receiver):
    database = tmp_path / "engage.sqlite"
    # Given an endpoint created under one server secret
    with serve(tmp_path, database=database, **FAST) as server:
        old = subscribe(server, receiver.url("/old"), event_types=["stakeholder.registered"])
    # When the secret file is replaced by another (a restore gone wrong), and a new endpoint is added
    (tmp_path / "engage.sqlite.secret").write_bytes(os.urandom(32))
    with serve(tmp_path, database=database, **FAST) as server:
        new = subscribe(server, receiver.url("/new"), event_types=["stakeholder.registered"])
        register(server, "After The Restore")
        # Then the new endpoint is served, and the old one is marked and skipped, not retried in a loop
        assert receiver.wait_for(lambda: len(receiver.messages("/new")) == 1)
        assert wait_until(lambda: server.get(f"/v1/webhook-endpoints/{old['id']}", token=ADMIN_KEY).json()["needs_rotation"] is True)
        assert receiver.messages("/old") == {}
        assert "webhook queue unavailable" not in server.stderr
        # When it is rotated, both its secrets are replaced and its pending delivery goes out, signed anew
        rotated = server.post(f"/v1/webhook-endpoints/{old['id']}/rotate-secret", token=ADMIN_KEY)
        assert rotated.status_code == 200, rotated.text
        assert rotated.json()["needs_rotation"] is False
        assert receiver.wait_for(lambda: len(receiver.messages("/old")) == 1)
        headers = receiver.received("/old")[-1][1]
        assert len(headers["webhook-signature"].split(" ")) == 1   # the unopenable old secret signs nothing
        assert new["id"] != old["id"]
