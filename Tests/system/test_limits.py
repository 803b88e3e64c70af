"""Abuse limits on the real binary: rate limits, body and header sizes, slow clients."""
import socket
import time

import requests

from conftest import ADMIN_KEY, registration, serve


def test_rate_limits_per_caller_with_a_tighter_registration_budget(tmp_path):
    limits = "anonymous=5/m,registration=2/h,key=1000/m"
    with serve(tmp_path, ENGAGE_ADMIN_KEY=ADMIN_KEY, ENGAGE_RATE_LIMITS=limits) as server:
        remaining = []
        for _ in range(5):
            response = server.get("/v1/events")
            assert response.status_code == 200
            remaining.append(int(response.headers["RateLimit-Remaining"]))
            assert response.headers["RateLimit-Limit"] == "5"
        assert remaining == [4, 3, 2, 1, 0]
        refused = server.get("/v1/events")
        assert refused.status_code == 429
        assert refused.headers["Content-Type"] == "application/problem+json"
        assert int(refused.headers["Retry-After"]) >= 1
        assert refused.json()["status"] == 429 and "anonymous" in refused.json()["detail"]
        # An API key has its own budget; system endpoints are never limited
        assert server.get("/v1/events", token=ADMIN_KEY).status_code == 200
        assert all(server.get("/healthz").status_code == 200 for _ in range(10))

    with serve(tmp_path, database=tmp_path / "second.sqlite", ENGAGE_ADMIN_KEY=ADMIN_KEY, ENGAGE_RATE_LIMITS=limits) as server:
        assert [server.post("/v1/stakeholders", json=registration(name=f"Org {i}")).status_code for i in range(3)] == [201, 201, 429]
        # The refused registration changed nothing
        assert len(server.get("/v1/stakeholders?status=pending", token=ADMIN_KEY).json()["data"]) == 2


def test_a_misconfigured_limit_is_a_one_line_error(tmp_path):
    import subprocess
    from conftest import BINARY, clean_env
    result = subprocess.run([BINARY, "serve"], env=clean_env(ENGAGE_DATABASE=str(tmp_path / "x.sqlite"), ENGAGE_RATE_LIMITS="lots"),
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 78
    assert result.stderr.strip().count("\n") == 0 and "ENGAGE_RATE_LIMITS" in result.stderr


def test_oversized_bodies_and_headers_are_refused(server):
    big = {"name": "x" * (70 * 1024)}
    response = server.post("/v1/stakeholders", json=big)
    assert response.status_code == 413 and response.headers["Content-Type"] == "application/problem+json"
    try:
        huge = requests.get(server.url + "/v1/events", headers={"X-Padding": "y" * (128 * 1024)}, timeout=10)
        assert huge.status_code in (400, 413, 431)
    except requests.ConnectionError:
        pass  # closing the connection is an acceptable refusal too
    assert server.get("/healthz").status_code == 200


def test_slow_clients_cannot_hold_the_server(server):
    # Given twenty clients trickling a request one byte at a time
    slow = []
    for _ in range(20):
        sock = socket.create_connection(("127.0.0.1", int(server.url.rsplit(":", 1)[1])))
        sock.sendall(b"GET /v1/events HTTP/1.1\r\nHost: x\r\n")
        slow.append(sock)
    try:
        for _ in range(3):
            for sock in slow:
                sock.sendall(b"X")
            time.sleep(1)
        # Then ordinary requests are still served (NIO ties no thread to a connection)
        for _ in range(20):
            assert server.get("/v1/events").status_code == 200
    finally:
        for sock in slow:
            sock.close()


def raw_request(server, data, read_timeout=20):
    """Sends raw bytes on a new connection; returns what came back before the server answered or closed."""
    sock = socket.create_connection(("127.0.0.1", int(server.url.rsplit(":", 1)[1])))
    sock.settimeout(read_timeout)
    try:
        sock.sendall(data)
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = sock.recv(4096)
            if not chunk:
                break
            received += chunk
        return received
    finally:
        sock.close()


def test_a_malformed_chunked_body_is_a_400_never_a_500(server):
    answer = raw_request(server, b"POST /v1/stakeholders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                 b"Transfer-Encoding: chunked\r\n\r\nZZZ\r\n{}\r\n0\r\n\r\n")
    # A 400, or the connection closed: both refuse; a 5xx would blame the server
    assert answer == b"" or answer.startswith(b"HTTP/1.1 400"), answer[:200]
    assert server.get("/healthz").status_code == 200
    metrics = server.get("/metrics").text
    assert 'status="500"' not in metrics
    assert "unhandled error" not in server.stderr


def test_a_declared_length_over_the_limit_is_refused_before_the_body(server):
    # No body follows the headers: the 413 must come from the declared length alone
    answer = raw_request(server, b"POST /v1/stakeholders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                 b"Content-Length: 50000000\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]


def test_a_body_that_does_not_arrive_in_time_is_a_408(tmp_path):
    with serve(tmp_path, ENGAGE_ADMIN_KEY=ADMIN_KEY, ENGAGE_BODY_TIMEOUT="2s") as server:
        # Ten bytes of a declared hundred, then nothing
        answer = raw_request(server, b"POST /v1/stakeholders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                     b"Content-Length: 100\r\n\r\n{\"name\": \"")
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        assert server.get("/v1/stakeholders", token=ADMIN_KEY).json()["data"] == []
