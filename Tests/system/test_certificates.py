"""Certificates of attendance over the real `engage serve`, printed by a real headless browser (Chromium)."""
import io
import shutil
import subprocess

import pypdf

from conftest import ADMIN_KEY, serve


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    raise AssertionError("Chromium is missing: `make test` installs Debian's chromium package")


def test_a_demo_attendee_prints_a_certificate_that_anyone_can_check(tmp_path):
    # The demo's training ended in July 2021, more than the default two years of retention ago: the pass
    # at start would erase its attendees' names at any moment of this test (the page then said "[erased]"
    # where the enrolment read just before had the name). Retention has its own tests; here it keeps all.
    with serve(tmp_path, ENGAGE_DEMO_DATA="true", ENGAGE_ADMIN_KEY=ADMIN_KEY, ENGAGE_RETENTION_PARTICIPANTS="P100Y") as server:
        # Given an attendee of a completed SE4U workshop in the demo data
        workshop = next(w for w in server.get("/v1/workshops?series=SE4U").json()["data"] if w["status"] == "completed")
        enrolments = server.get(f"/v1/workshops/{workshop['id']}/enrolments?status=confirmed&limit=100", token=ADMIN_KEY).json()["data"]
        attendee = next(e for e in enrolments if e["attended"] is True)
        certificate = server.get(f"/v1/workshops/{workshop['id']}/enrolments/{attendee['id']}/certificate", token=ADMIN_KEY).json()
        assert certificate["valid"] is True, certificate
        page_url = f"{server.url}/v1/certificates/{certificate['code']}"

        # When a browser prints the certificate's page to PDF
        pdf_path = tmp_path / "certificate.pdf"
        printed = subprocess.run(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-pdf-header-footer",
             f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf_path}", page_url],
            capture_output=True, timeout=120)
        assert printed.returncode == 0 and pdf_path.exists(), printed.stderr.decode(errors="replace")[-2000:]

        # Then the PDF says who attended what, when, and how to check it
        reader = pypdf.PdfReader(io.BytesIO(pdf_path.read_bytes()))
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        assert len(reader.pages) == 1, f"{len(reader.pages)} pages"
        for expected in ("Certificate of attendance", attendee["participant"]["name"], certificate["organisation"]["name"],
                         certificate["code"], "SE4U"):
            assert expected in text, f"{expected!r} not in {text!r}"
        assert "July 2021" in text  # the workshop's dates, written out

        # And anyone can check the code, without a key
        checked = server.get(f"/v1/certificates/{certificate['code']}").json()
        assert (checked["valid"], checked["participant"]["name"]) == (True, attendee["participant"]["name"])
        code = certificate["code"]
        forged = code[:-1] + ("y" if code.endswith("x") else "x")
        assert server.get(f"/v1/certificates/{forged}").status_code == 404
