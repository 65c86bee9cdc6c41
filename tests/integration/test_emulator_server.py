"""The emulator as a server: many clients at once, a bounded request log, strict Content-Length."""

from __future__ import annotations

import http.client
import socket
import threading

import pytest

from gemquota.emulator import Emulator

pytestmark = [pytest.mark.network, pytest.mark.timeout(60)]


def _get(port: int, path: str = "/v1/projects/x/billingInfo") -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        resp.read()
        return resp.status
    finally:
        conn.close()


def test_two_hundred_clients_connecting_at_once_are_all_answered() -> None:
    with Emulator("healthy") as emu:
        barrier = threading.Barrier(200)
        results: list[object] = []
        lock = threading.Lock()

        def ask() -> None:
            barrier.wait(20)  # all 200 connect in the same instant: they queue in the listen backlog
            try:
                with socket.create_connection(("127.0.0.1", emu.port), timeout=20) as sock:
                    sock.sendall(
                        b"GET /v1/projects/x/billingInfo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    )
                    outcome: object = int(sock.recv(64).split()[1])
            except OSError as exc:
                outcome = exc
            with lock:
                results.append(outcome)

        threads = [threading.Thread(target=ask) for _ in range(200)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(40)
    assert len(results) == 200
    assert set(results) == {401}, [r for r in results if r != 401][:3]  # Google's answer, no creds sent


def test_request_log_is_bounded_and_keeps_the_newest() -> None:
    with Emulator("healthy", request_log_max=5) as emu:
        for i in range(12):
            _get(emu.port, f"/v1/projects/p{i}/billingInfo")
        paths = [r.path for r in emu.requests]
    assert paths == [f"/v1/projects/p{i}/billingInfo" for i in range(7, 12)]


def test_request_body_in_the_log_is_cut() -> None:
    with Emulator("healthy") as emu:
        conn = http.client.HTTPConnection("127.0.0.1", emu.port, timeout=20)
        body = b"{" + b" " * (1024 * 1024) + b"}"
        conn.request("POST", "/token", body=body, headers={"Content-Type": "application/json"})
        conn.getresponse().read()
        conn.close()
        logged = emu.requests[-1].body
    assert logged is not None and len(logged) <= 64 * 1024


@pytest.mark.parametrize("value", ["abc", "-5", "1e3", "12 34", "٣"])
def test_non_numeric_content_length_is_a_400(value: str) -> None:
    with Emulator("healthy") as emu:
        with socket.create_connection(("127.0.0.1", emu.port), timeout=10) as sock:
            sock.sendall(f"POST /token HTTP/1.1\r\nHost: x\r\nContent-Length: {value}\r\n\r\n".encode())
            head = sock.recv(64)
    assert head.startswith(b"HTTP/1.1 400"), head


def test_keep_alive_connection_is_served_with_nodelay() -> None:
    from gemquota.emulator.server import _Handler

    assert _Handler.disable_nagle_algorithm is True  # measured in benchmarks/bench_faults.py
    with Emulator("healthy") as emu:
        conn = http.client.HTTPConnection("127.0.0.1", emu.port, timeout=10)
        for _ in range(20):  # one connection, twenty answers, each with its Content-Length
            conn.request("GET", "/v1/projects/x/billingInfo")
            resp = conn.getresponse()
            assert resp.getheader("Content-Length") is not None
            resp.read()
            assert not resp.will_close
        conn.close()


def test_faults_can_be_declared_up_front() -> None:
    from gemquota.emulator import Fault

    with Emulator(
        "healthy", faults=[("billing", Fault.html(502)), (r"^POST /token$", Fault.empty_ok())]
    ) as emu:
        assert _get(emu.port) == 502
        conn = http.client.HTTPConnection("127.0.0.1", emu.port, timeout=10)
        conn.request("POST", "/token", body=b"grant_type=refresh_token")
        resp = conn.getresponse()
        assert (resp.status, resp.read().strip()) == (200, b"{}")
        conn.close()


def test_chunked_request_body_is_refused_and_the_connection_closed() -> None:
    with Emulator("healthy") as emu:
        with socket.create_connection(("127.0.0.1", emu.port), timeout=10) as sock:
            sock.sendall(
                b"POST /token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
            )
            answer = b""
            while chunk := sock.recv(4096):
                answer += chunk
    assert answer.startswith(b"HTTP/1.1 411")
    assert answer.count(b"HTTP/1.1") == 1  # the body was not taken for a second request
