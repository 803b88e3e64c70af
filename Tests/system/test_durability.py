"""Durability: acknowledged writes survive SIGKILL at random points; online backups while writing."""
import random
import sqlite3
import subprocess
import threading
import time

import pytest
import requests

from conftest import ADMIN_KEY, BINARY, clean_env, registration, serve, stored_values


class Writer:
    """Registers organisations as fast as it can, remembering every one that got a 201."""

    def __init__(self, url, name):
        self.url = url
        self.name = name
        self.acknowledged = []
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(index,), daemon=True) for index in range(2)]

    def run(self, index):
        count = 0
        session = requests.Session()
        while not self.stop.is_set():
            count += 1
            try:
                response = session.post(self.url + "/v1/stakeholders", timeout=5,
                                        json=registration(name=f"{self.name} {index}-{count}"))
            except requests.RequestException:
                return  # the server died mid-request: that write was never acknowledged
            if response.status_code == 201:
                self.acknowledged.append(response.json()["id"])

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=10)


def stakeholder_ids(database):
    return set(stored_values(database, "SELECT id FROM stakeholder"))


def integrity(database):
    with sqlite3.connect(database) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.mark.sqlite_only
def test_every_acknowledged_write_survives_kill_9_at_random_points(tmp_path):
    database = tmp_path / "engage.sqlite"
    rng = random.Random(20261129)
    acknowledged = []
    for round_number in range(4):
        with serve(tmp_path, database=database, ENGAGE_ADMIN_KEY=ADMIN_KEY) as server:
            with Writer(server.url, f"Round {round_number}") as writer:
                time.sleep(rng.uniform(0.3, 1.2))
                server.kill9()
            acknowledged += writer.acknowledged
    assert len(acknowledged) > 20
    assert integrity(database) == "ok"
    present = stakeholder_ids(database)
    missing = [i for i in acknowledged if i not in present]
    assert missing == [], f"{len(missing)} acknowledged writes lost"
    # And the server starts cleanly on it and serves them
    with serve(tmp_path, database=database, ENGAGE_ADMIN_KEY=ADMIN_KEY) as server:
        assert server.get(f"/v1/stakeholders/{acknowledged[-1]}", token=ADMIN_KEY).status_code == 200


@pytest.mark.sqlite_only
def test_an_online_backup_taken_while_writing_is_consistent_and_restores(tmp_path):
    database = tmp_path / "engage.sqlite"
    copy = tmp_path / "backup.sqlite"
    with serve(tmp_path, database=database, ENGAGE_ADMIN_KEY=ADMIN_KEY) as server:
        with Writer(server.url, "Backed up") as writer:
            time.sleep(0.5)
            before = list(writer.acknowledged)
            result = subprocess.run([BINARY, "backup", str(copy)], env=clean_env(ENGAGE_DATABASE=str(database)),
                                    capture_output=True, text=True, timeout=60)
            time.sleep(0.3)
        assert result.returncode == 0, result.stderr
        after = writer.acknowledged
    assert len(after) > len(before) > 0
    assert integrity(copy) == "ok"
    in_copy = stakeholder_ids(copy)
    assert set(before) <= in_copy           # everything acknowledged before the backup began
    assert in_copy <= stakeholder_ids(database)
    # Restore: serve the copy and read a record from it
    restored = tmp_path / "restored"
    restored.mkdir()
    with serve(restored, database=copy, ENGAGE_ADMIN_KEY=ADMIN_KEY) as server:
        assert server.get(f"/v1/stakeholders/{before[0]}", token=ADMIN_KEY).status_code == 200


def test_sigterm_while_writing_finishes_what_it_acknowledged_and_exits_zero(tmp_path):
    database = tmp_path / "engage.sqlite"
    with serve(tmp_path, database=database, ENGAGE_ADMIN_KEY=ADMIN_KEY) as server:
        with Writer(server.url, "Graceful") as writer:
            time.sleep(0.5)
            server.process.terminate()          # SIGTERM with requests in flight
            code = server.process.wait(timeout=30)
        server.killed = True                    # already stopped: the fixture must not signal it again
    assert code == 0
    assert len(writer.acknowledged) > 0
    assert set(writer.acknowledged) <= stakeholder_ids(database)
    assert integrity(database) == "ok"
