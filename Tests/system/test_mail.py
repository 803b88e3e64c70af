"""E-mail through the real binary to a real SMTP server on loopback (aiosmtpd): languages, MIME,
one-click unsubscribe, an SMTP server that is down for a while, bounces, and logs without addresses."""
import time
import urllib.parse

import pytest
import requests

from conftest import ADMIN_KEY, registration, serve
from mailbox import Mailbox

SENDER = "civil-society@unodc.example"


@pytest.fixture
def mailbox():
    box = Mailbox()
    yield box
    box.stop()


def mail_env(mailbox, **extra):
    return {
        "ENGAGE_ADMIN_KEY": ADMIN_KEY, "ENGAGE_DEMO_DATA": "false", "ENGAGE_SMTP_URL": mailbox.url, "ENGAGE_MAIL_FROM": SENDER,
        "ENGAGE_MAIL_RETRY_SCHEDULE": ",".join(["0s"] + ["1s"] * 20), **extra,
    }


def register(server, email, name="Observatorio Ciudadano de la Trata", country="MX"):
    response = server.post("/v1/stakeholders", json=registration(name=name, country=country, contact={"name": "Ana Pérez", "email": email}))
    assert response.status_code == 201, response.text
    body = response.json()
    return body, body["access_token"]


def deliveries(server, **filters):
    response = server.get("/v1/mail-deliveries?" + urllib.parse.urlencode({"limit": 200, **filters}), token=ADMIN_KEY)
    assert response.status_code == 200, response.text
    return response.json()["data"]


def wait_until(predicate, timeout=20, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def parts(message):
    return {part.get_content_type(): part.get_content() for part in message.walk() if not part.is_multipart()}


# MARK: Readiness


def test_readyz_says_when_no_mail_is_sent(server):
    mail = server.get("/readyz").json()["mail"]
    assert mail["enabled"] is False and "ENGAGE_SMTP_URL" in mail["detail"]


def test_a_bad_smtp_url_a_missing_sender_or_an_unreachable_link_base_stops_the_start_without_echoing_secrets(tmp_path):
    from conftest import BINARY, clean_env, store_env
    import subprocess
    for env, says in [({"ENGAGE_SMTP_URL": "smtp://user:s3cret-pw@mail.example"}, "ENGAGE_SMTP_URL"),
                      ({"ENGAGE_SMTP_URL": "smtp://127.0.0.1:2525"}, "ENGAGE_MAIL_FROM"),
                      ({"ENGAGE_SMTP_URL": "smtp://127.0.0.1:2525", "ENGAGE_MAIL_FROM": SENDER, "ENGAGE_HOST": "0.0.0.0"}, "ENGAGE_PUBLIC_URL")]:
        result = subprocess.run([BINARY, "serve"], env=clean_env(**store_env(tmp_path / "engage.sqlite"), ENGAGE_PORT="1", **env),
                                capture_output=True, text=True, timeout=30)
        assert result.returncode != 0 and says in result.stderr, result.stderr
        assert "s3cret-pw" not in result.stderr


# MARK: Language, MIME and who receives what


def test_an_organisation_that_prefers_french_is_told_in_french_with_text_and_html(tmp_path, mailbox):
    with serve(tmp_path, **mail_env(mailbox)) as server:
        assert server.get("/readyz").json()["mail"]["enabled"] is True
        # Given an organisation that registered (told in English, the default) and then chose French
        org, token = register(server, "contact@observatorio.example")
        first = mailbox.wait_for("contact@observatorio.example")[0]
        assert first["Subject"] == "We received the registration of Observatorio Ciudadano de la Trata"
        changed = server.patch(f"/v1/stakeholders/{org['id']}/notification-preferences", token=token,
                               json={"language": "fr"}, headers={"Content-Type": "application/merge-patch+json"})
        assert changed.status_code == 200 and changed.json()["language"] == "fr", changed.text

        # When staff approve it
        assert server.post(f"/v1/stakeholders/{org['id']}/approve", token=ADMIN_KEY).status_code == 200

        # Then its contact receives the news in French, as plain text and HTML, with the headers of a well-formed mail
        message = mailbox.wait_for("contact@observatorio.example", count=2)[1]
        assert message["Subject"] == "Observatorio Ciudadano de la Trata : inscription approuvée"
        assert message["Content-Language"] == "fr"
        assert message.get_content_type() == "multipart/alternative"
        body = parts(message)
        assert "Bonjour Ana Pérez" in body["text/plain"] and "approuvée" in body["text/plain"]
        assert '<html lang="fr" dir="ltr">' in body["text/html"] and "Ana P&eacute;rez" not in body["text/html"]
        assert message["Message-ID"].startswith("<mail_") and message["Date"] and SENDER in message["From"]
        assert message["List-Unsubscribe"].startswith("<http://127.0.0.1:") and message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        # The non-ASCII subject travelled RFC 2047-encoded
        assert b"Subject: =?UTF-8?B?" in message.raw and "approuvée".encode() not in message.raw.split(b"\r\n\r\n")[0]

        # And the log shows the delivery with the server's reply code
        log = wait_until(lambda: [d for d in deliveries(server, stakeholder_id=org["id"], type="stakeholder.approved") if d["status"] == "delivered"],
                         what="a delivered approval")
        assert log[0]["language"] == "fr" and log[0]["last_reply_code"] == 250 and log[0]["recipient_email"] == "contact@observatorio.example"
        one = server.get(f"/v1/mail-deliveries/{log[0]['id']}", token=ADMIN_KEY).json()
        assert [a["reply_code"] for a in one["attempts"]] == [250]

        # And neither the address nor a word of the message is in the logs
        logs = server.stdout + server.stderr
        assert "contact@observatorio.example" not in logs and "inscription" not in logs and "Ana Pérez" not in logs


def test_delegates_hear_about_their_own_seat_and_the_contact_about_the_organisation(tmp_path, mailbox):
    with serve(tmp_path, **mail_env(mailbox)) as server:
        org, token = register(server, "office@ngo.example")
        assert server.post(f"/v1/stakeholders/{org['id']}/approve", token=ADMIN_KEY).status_code == 200
        event = server.post("/v1/events", token=ADMIN_KEY, json={
            "title": "Thirty-sixth session of the Commission on Crime Prevention and Criminal Justice", "kind": "ccpcj_session",
            "starts_on": "2027-05-10", "ends_on": "2027-05-14", "timezone": "Europe/Vienna",
            "registration": {"opens_at": "2026-01-01T00:00:00Z", "closes_at": "2027-05-01T00:00:00Z"},
        })
        assert event.status_code == 201, event.text
        created = server.post(f"/v1/events/{event.json()['id']}/registrations", token=token, json={
            "stakeholder_id": org["id"], "participants": [{"name": "Lupe Vaca", "email": "lupe@ngo.example"}],
        })
        assert created.status_code == 201, created.text
        to_delegate = mailbox.wait_for("lupe@ngo.example")[0]
        assert "Thirty-sixth session" in to_delegate["Subject"] and "Dear Lupe Vaca" in parts(to_delegate)["text/plain"]
        assert "10 May 2027 – 14 May 2027" in parts(to_delegate)["text/plain"]
        mailbox.wait_for("office@ngo.example", count=3)  # registered, approved, registration received


# MARK: Preferences and one-click unsubscribe


def test_one_click_unsubscribe_turns_off_that_type_only_and_security_messages_still_come(tmp_path, mailbox):
    with serve(tmp_path, **mail_env(mailbox)) as server:
        org, token = register(server, "info@academia.example", name="Instituto de Estudios Penales")
        assert server.patch(f"/v1/stakeholders/{org['id']}", token=token, json={"description": "Research on organized crime."},
                            headers={"Content-Type": "application/merge-patch+json"}).status_code == 200
        updated = [m for m in mailbox.wait_for("info@academia.example", count=2) if "profile" in m["Subject"]][0]
        link = updated["List-Unsubscribe"].strip("<>")

        # A GET (a link scanner, a person opening it) changes nothing; it shows a button
        page = requests.get(link, timeout=10)
        assert page.status_code == 200 and "text/html" in page.headers["Content-Type"] and "<form" in page.text
        assert server.get(f"/v1/stakeholders/{org['id']}/notification-preferences", token=token).json()["email"]["stakeholder.updated"] is True

        # The mail client's one-click POST turns the type off, without logging in
        clicked = requests.post(link, data="List-Unsubscribe=One-Click", headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=10)
        assert clicked.status_code == 200 and clicked.json() == {"unsubscribed": True, "type": "stakeholder.updated"}
        preferences = server.get(f"/v1/stakeholders/{org['id']}/notification-preferences", token=token).json()
        assert preferences["email"]["stakeholder.updated"] is False and preferences["email"]["stakeholder.approved"] is True

        # A forged link is refused and changes nothing; a mangled one is a bad request naming the token
        forged = requests.post(link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB"), timeout=10)
        assert forged.status_code == 403, forged.text
        mangled = requests.post(link.split("?")[0] + "?token=v1.nope", timeout=10)
        assert mangled.status_code == 400 and mangled.json()["errors"][0]["field"] == "token"

        # Then another profile change writes no mail; an approval and a new access token still do
        before = len(deliveries(server, stakeholder_id=org["id"]))
        assert server.patch(f"/v1/stakeholders/{org['id']}", token=token, json={"description": "Research and training."},
                            headers={"Content-Type": "application/merge-patch+json"}).status_code == 200
        assert len(deliveries(server, stakeholder_id=org["id"], type="stakeholder.updated")) == 1
        assert server.post(f"/v1/stakeholders/{org['id']}/approve", token=ADMIN_KEY).status_code == 200
        reissued = server.post(f"/v1/stakeholders/{org['id']}/access-token", token=token)
        assert reissued.status_code == 201, reissued.text
        assert len(deliveries(server, stakeholder_id=org["id"])) == before + 2
        security = [m for m in mailbox.wait_for("info@academia.example", count=4) if "access token" in m["Subject"]][0]
        assert security["List-Unsubscribe"] is None and reissued.json()["access_token"] not in security.as_string()

        # And the security message cannot be turned off
        refused = server.patch(f"/v1/stakeholders/{org['id']}/notification-preferences", token=reissued.json()["access_token"],
                               json={"email": {"stakeholder.access_token_issued": False, "no.such": True}},
                               headers={"Content-Type": "application/merge-patch+json"})
        assert refused.status_code == 422
        assert {e["field"] for e in refused.json()["errors"]} == {"email.stakeholder.access_token_issued", "email.no.such"}


# MARK: Failure


def test_a_mail_server_down_for_a_while_loses_nothing_and_sends_each_mail_once(tmp_path, mailbox):
    mailbox.stop()
    with serve(tmp_path, **mail_env(mailbox)) as server:
        # Given the SMTP server is down while three organisations register
        addresses = [f"contact{n}@ngo{n}.example" for n in range(3)]
        for n, address in enumerate(addresses):
            register(server, address, name=f"Red de Organizaciones {n}")
        wait_until(lambda: len([d for d in deliveries(server) if d["attempt_count"] >= 1 and d["status"] == "pending"]) == 3,
                   what="a failed first attempt of each mail")
        failed = deliveries(server)[0]
        assert failed["last_reply_code"] is None and failed["last_error"]

        # When it comes back
        mailbox.start()

        # Then every mail arrives, once
        for address in addresses:
            mailbox.wait_for(address)
        wait_until(lambda: all(d["status"] == "delivered" for d in deliveries(server)), what="every mail delivered")
        time.sleep(1.5)  # one more retry interval: a mail sent twice would show up now
        assert [len(mailbox.to(address)) for address in addresses] == [1, 1, 1]

        # And the log reads newest first, and keeps the mails whose status changed since a moment
        log = deliveries(server)
        assert [d["id"] for d in deliveries(server, sort="-created_at", limit=1)] == [log[-1]["id"]]
        assert [d["id"] for d in deliveries(server, sort="-created_at")] == [d["id"] for d in reversed(log)]
        # (last changed first: the shown times, whole seconds, never rise; the exact reverse of the other way)
        by_change = deliveries(server, sort="-updated_at")
        assert sorted(d["id"] for d in by_change) == sorted(d["id"] for d in log)
        assert all(a["updated_at"] >= b["updated_at"] for a, b in zip(by_change, by_change[1:]))
        assert [d["id"] for d in deliveries(server, sort="updated_at")] == [d["id"] for d in reversed(by_change)]
        for instant in sorted({d["updated_at"] for d in log} | {log[0]["created_at"]}):
            assert [d["id"] for d in deliveries(server, updated_since=instant)] == [d["id"] for d in log if d["updated_at"] >= instant]
        assert deliveries(server, updated_since="2999-01-01T00:00:00Z") == []


def test_a_refused_mailbox_bounces_and_is_not_mailed_again_until_the_address_changes(tmp_path, mailbox):
    mailbox.bounce.add("gone@closed.example")
    with serve(tmp_path, **mail_env(mailbox)) as server:
        org, token = register(server, "gone@closed.example")
        failed = wait_until(lambda: [d for d in deliveries(server, stakeholder_id=org["id"]) if d["status"] == "failed"], what="a bounce")
        assert failed[0]["last_reply_code"] == 550 and failed[0]["attempt_count"] == 1
        assert server.get(f"/v1/stakeholders/{org['id']}/notification-preferences", token=ADMIN_KEY).json()["email_address_bouncing"] is True

        # Nothing more is written for the bouncing address
        assert server.post(f"/v1/stakeholders/{org['id']}/approve", token=ADMIN_KEY).status_code == 200
        assert len(deliveries(server, stakeholder_id=org["id"])) == 1

        # Until the organisation gives a new address
        changed = server.patch(f"/v1/stakeholders/{org['id']}", token=token, json={"contact": {"name": "Ana Pérez", "email": "new@open.example"}},
                               headers={"Content-Type": "application/merge-patch+json"})
        assert changed.status_code == 200, changed.text
        assert server.get(f"/v1/stakeholders/{org['id']}/notification-preferences", token=ADMIN_KEY).json()["email_address_bouncing"] is False
        mailbox.wait_for("new@open.example")
        assert mailbox.to("gone@closed.example") == []
        assert "gone@closed.example" not in server.stdout + server.stderr
