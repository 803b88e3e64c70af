"""Black-box tests of the real `engage` binary, served on a loopback port."""
import os
import socket
import subprocess
import time
import urllib.parse
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
BINARY = os.environ.get("ENGAGE_BINARY", str(ROOT / ".build" / "debug" / "engage"))
ADMIN_KEY = "ek_system-test-admin-key-0123456789"
# `make test` runs these suites twice: on SQLite files, then with ENGAGE_TEST_STORE=postgresql on a
# throwaway cluster (ENGAGE_TEST_DATABASE_URL), where each SQLite path a test names becomes a database.
STORE = os.environ.get("ENGAGE_TEST_STORE", "sqlite")
POSTGRES_URL = os.environ.get("ENGAGE_TEST_DATABASE_URL", "")
_postgres_databases = {}


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: tests of what only the SQLite store does (its file, its backup)")


def pytest_collection_modifyitems(config, items):
    # The contract fuzz first: it is the longest test by far (minutes), and `make test` runs the suite on two
    # workers (pytest-xdist), so it should start at once on one of them while the other takes everything else.
    items.sort(key=lambda item: item.path.name != "test_fuzz.py")
    if STORE != "postgresql":
        return
    skip = pytest.mark.skip(reason="SQLite only")
    for item in items:
        if "sqlite_only" in item.keywords:
            item.add_marker(skip)


def postgres_database(path) -> dict:
    """The ENGAGE_* settings of the PostgreSQL database standing in for the SQLite file at `path`:
    created on first use, with a server secret file beside the path that its instances share."""
    key = str(Path(path).resolve())
    if key not in _postgres_databases:
        assert POSTGRES_URL, "ENGAGE_TEST_STORE=postgresql needs ENGAGE_TEST_DATABASE_URL"
        name = f"engage_sys_{len(_postgres_databases)}_{os.getpid()}_{int(time.time() * 1000) % 10**8}"
        base = urllib.parse.urlsplit(POSTGRES_URL)
        subprocess.run(["psql", POSTGRES_URL, "-q", "-v", "ON_ERROR_STOP=1", "-c", f'CREATE DATABASE "{name}"'],
                       check=True, capture_output=True)
        secret = Path(str(path) + ".pgsecret")
        secret.parent.mkdir(parents=True, exist_ok=True)
        secret.write_bytes(os.urandom(32))
        _postgres_databases[key] = {
            "ENGAGE_DATABASE_URL": urllib.parse.urlunsplit(base._replace(path="/" + name)),
            "ENGAGE_SERVER_SECRET_FILE": str(secret),
        }
    return _postgres_databases[key]


def stored_values(database, sql) -> list:
    """The first column of `sql` on the store behind `database` (a SQLite path, or the PostgreSQL
    database standing in for it): for assertions on what was committed."""
    if STORE == "postgresql":
        url = postgres_database(database)["ENGAGE_DATABASE_URL"]
        result = subprocess.run(["psql", url, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True, capture_output=True, text=True)
        return [line for line in result.stdout.splitlines() if line]
    import sqlite3
    with sqlite3.connect(database) as db:
        return [row[0] for row in db.execute(sql)]


def store_env(database) -> dict:
    """The settings that point `engage` at the store of `database` (a SQLite path)."""
    if STORE == "postgresql":
        return postgres_database(database)
    return {"ENGAGE_DATABASE": database}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env(**overrides) -> dict:
    """The environment without any ENGAGE_* the caller's shell (or make) set, plus overrides."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ENGAGE_")}
    env.update({k: str(v) for k, v in overrides.items() if v is not None})
    return env


class Server:
    def __init__(self, process, base_url, stdout_path, stderr_path):
        self.process = process
        self.url = base_url
        self.stdout_path = stdout_path
        self.stderr_path = stderr_path
        self.killed = False

    def kill9(self):
        """SIGKILL: no graceful shutdown, nothing flushed but what was committed."""
        self.killed = True
        self.process.kill()
        self.process.wait()

    @property
    def stdout(self) -> str:
        return Path(self.stdout_path).read_text()

    @property
    def stderr(self) -> str:
        return Path(self.stderr_path).read_text()

    def get(self, path, token=None, **kwargs):
        return requests.get(self.url + path, headers=auth(token, kwargs.pop("headers", None)), timeout=10, **kwargs)

    def post(self, path, token=None, **kwargs):
        return requests.post(self.url + path, headers=auth(token, kwargs.pop("headers", None)), timeout=10, **kwargs)

    def patch(self, path, token=None, **kwargs):
        return requests.patch(self.url + path, headers=auth(token, kwargs.pop("headers", None)), timeout=10, **kwargs)

    def delete(self, path, token=None, **kwargs):
        return requests.delete(self.url + path, headers=auth(token, kwargs.pop("headers", None)), timeout=10, **kwargs)


def auth(token, headers=None):
    headers = dict(headers or {})
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return headers


@contextmanager
def serve(tmp_path, database=None, **env):
    """Starts `engage serve` on a free loopback port and stops it (SIGTERM) afterwards."""
    port = free_port()
    database = database or tmp_path / "engage.sqlite"
    out = tmp_path / f"stdout-{port}.log"
    err = tmp_path / f"stderr-{port}.log"
    # Rate limits are off unless a test sets them: the suites make many requests from one address.
    environment = clean_env(**{"ENGAGE_HOST": "127.0.0.1", "ENGAGE_PORT": port, **store_env(database), "ENGAGE_RATE_LIMITS": "off", **env})
    with open(out, "w") as stdout, open(err, "w") as stderr:
        process = subprocess.Popen([BINARY, "serve"], env=environment, stdout=stdout, stderr=stderr)
    server = Server(process, f"http://127.0.0.1:{port}", out, err)
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise AssertionError(f"engage exited with {process.returncode}: {server.stderr}")
            try:
                if requests.get(server.url + "/healthz", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("engage did not become healthy in 30 s")
            time.sleep(0.05)
        yield server
    finally:
        if server.killed:
            return
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise AssertionError("engage did not stop within 15 s of SIGTERM")
        assert process.returncode == 0, f"engage exited with {process.returncode} after SIGTERM: {server.stderr[-2000:]}"



def registration(**overrides):
    body = {
        "name": "Observatorio Ciudadano de la Trata",
        "kind": "ngo",
        "country": "MX",
        "topics": ["trafficking_in_persons"],
        "contact": {"name": "Ana Pérez", "email": "ana.perez.private@example.org", "phone": "+52 55 9876 5432"},
        "code_of_conduct_accepted": True,
    }
    body.update(overrides)
    return body


@pytest.fixture
def server(tmp_path):
    with serve(tmp_path, ENGAGE_ADMIN_KEY=ADMIN_KEY, ENGAGE_DEMO_DATA="false") as running:
        yield running
