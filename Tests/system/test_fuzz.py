"""Contract fuzzing with schemathesis against the real `engage serve`, as staff and as nobody.

Bar: no 5xx, no response outside the documented statuses, schemas, content types and headers,
no crash, and no operation left unreached for want of a record to work on ("missing test data"
fails the run: fuzz_world makes the records and hands their IDs over; the stateful phase follows
the spec's links). Bounded for `make test` (FUZZ_EXAMPLES per operation, default 5); `make fuzz`
runs longer.
"""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ADMIN_KEY, ROOT, STORE, serve
from fuzz_world import World
from mailbox import Mailbox

EXAMPLES = os.environ.get("FUZZ_EXAMPLES", "5")


def public_operations():
    """The operations anyone may call (their security allows no credentials)."""
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    return sorted(op["operationId"] for item in spec["paths"].values() for op in item.values()
                  if isinstance(op, dict) and "operationId" in op and {} in op.get("security", spec.get("security", [{}])))


@pytest.mark.parametrize("caller", ["staff", "anonymous"])
def test_schemathesis_finds_nothing(tmp_path, caller):
    if STORE == "postgresql" and ("FUZZ_EXAMPLES" not in os.environ or caller == "anonymous"):
        # The fuzz checks the contract (statuses, schemas, headers), which the HTTP layer keeps the same on both
        # stores; the rules behind it run on both in the Swift and system suites. `make test` fuzzes on SQLite only
        # (the two runs take seven of its minutes); `make fuzz-postgres` runs the staff fuzz at length on PostgreSQL.
        pytest.skip("make test fuzzes on SQLite; make fuzz-postgres fuzzes PostgreSQL")
    mailbox = Mailbox()
    mail = {"ENGAGE_SMTP_URL": mailbox.url, "ENGAGE_MAIL_FROM": "civil-society@unodc.example", "ENGAGE_MAIL_RETRY_SCHEDULE": "0s,1s,1s"}
    with serve(tmp_path, ENGAGE_ADMIN_KEY=ADMIN_KEY, ENGAGE_DEMO_DATA="true", **mail) as server:
        # Given records for every operation to work on, and the configuration that names them
        config = tmp_path / "schemathesis.toml"
        world = World(server.url, mailbox).build()
        config.write_text(world.config((ROOT / "schemathesis.toml").read_text(), as_organisations=caller == "staff"))
        command = [
            sys.executable, "-m", "schemathesis.cli", "run", str(ROOT / "openapi.yaml"),
            "--url", server.url, "--checks", "all", "--max-examples", EXAMPLES, "--seed", "20261129",
            "--request-timeout", "10", "--workers", "1", "--generation-database", "none",
        ]
        if caller == "staff":
            command += ["--header", f"Authorization: Bearer {ADMIN_KEY}"]
        elif "FUZZ_EXAMPLES" not in os.environ:
            # Without credentials, an operation that needs them ends in the 401 every one of them documents (its
            # refusal is tested in the Swift access tests and the contract test): `make test` fuzzes the public
            # operations anonymously, `make fuzz` all of them.
            command += ["--include-operation-id-regex", "^(" + "|".join(public_operations()) + ")$"]
        env = {**os.environ, "SCHEMATHESIS_HOOKS": "fuzz_hooks", "PYTHONPATH": str(Path(__file__).parent)}
        # (the public operations alone create nothing, so their anonymous run has no links to follow)
        stateful = caller == "staff" or "FUZZ_EXAMPLES" in os.environ
        try:
            # When the per-operation phases run on the world's records, and the stateful phase apart, on the
            # repository's configuration (a fixed ID would override the one a link carries)
            runs = [subprocess.run(command[:3] + ["--config-file", str(config)] + command[3:]
                                   + ["--phases", "examples,coverage,fuzzing", "--report-dir", str(tmp_path / "report")],
                                   cwd=ROOT, env={**env, "FUZZ_URL": server.url}, capture_output=True, text=True, timeout=1500)]
            if stateful:
                runs.append(subprocess.run(command + ["--phases", "stateful", "--report-dir", str(tmp_path / "report-stateful")],
                                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=900))
        finally:
            mailbox.stop()
        # Then nothing is found, and no operation was left without a record to work on
        for result in runs:
            assert result.returncode == 0, result.stdout[-12000:] + result.stderr[-3000:]
            assert "Missing test data" not in result.stdout, result.stdout[-12000:]
        # And the stateful phase went from creating operations to the operations on what they made (a link is
        # followed only after its source answered 2xx to a generated body; 10 of the 102 at this seed). Without
        # credentials (`make fuzz`) every creating operation is a 401, so there is nothing to follow.
        if stateful and caller == "staff":
            covered = re.search(r"API Links:\s+(\d+) covered", runs[1].stdout)
            assert covered and int(covered.group(1)) >= 3, runs[1].stdout[-3000:]
        # And the server is still healthy after the abuse
        assert server.get("/healthz").status_code == 200
