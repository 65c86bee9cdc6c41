"""Injected latency and faults produce the expected client-side failures, quickly; the request log."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
import requests
from _emulator_support import cloud_client, genai_client, user_creds
from conftest import EmulatorFactory

from gemquota.emulator import Fault

pytestmark = [pytest.mark.network, pytest.mark.timeout(60)]

T = 5.0
BILLING = "projects/acme-gemini-prod"


def _billing(emu: Any, timeout: float = T) -> Any:
    return cloud_client("billing", emu, user_creds(emu)).get_project_billing_info(
        name=BILLING, timeout=timeout
    )


def _elapsed(call: Any) -> tuple[BaseException | None, float]:
    start = time.monotonic()
    try:
        call()
    except Exception as exc:
        return exc, time.monotonic() - start
    return None, time.monotonic() - start


def test_timeout_fault_accepts_and_never_answers(emulator: EmulatorFactory) -> None:
    emu = emulator("healthy")
    emu.inject("billing", Fault.timeout())
    exc, took = _elapsed(lambda: _billing(emu, timeout=0.4))
    assert isinstance(exc, requests.exceptions.ReadTimeout) and 0.35 < took < 2.0
    emu.inject("gemini", Fault.timeout())
    exc, took = _elapsed(lambda: genai_client(emu, timeout_ms=400).models.get(model="gemini-2.5-flash"))
    assert exc is not None and "Timeout" in type(exc).__name__ and took < 2.0
    # other APIs are unaffected
    assert (
        cloud_client("resourcemanager", emu, user_creds(emu)).get_project(name=BILLING, timeout=T).project_id
    )


def test_connection_reset(emulator: EmulatorFactory) -> None:
    emu = emulator("healthy")
    emu.inject("billing", Fault.connection_reset())
    exc, took = _elapsed(lambda: _billing(emu))
    assert isinstance(exc, requests.exceptions.ConnectionError) and took < 2.0
    emu.inject("gemini", Fault.connection_reset())
    exc, took = _elapsed(lambda: genai_client(emu).models.list())
    assert exc is not None and type(exc).__name__ in {"RemoteProtocolError", "ReadError", "ConnectError"}


def test_status500_is_internal_server_error(emulator: EmulatorFactory) -> None:
    from google.api_core import exceptions as gexc
    from google.genai import errors

    emu = emulator("healthy")
    emu.inject("billing", Fault.status500())
    exc, _ = _elapsed(lambda: _billing(emu))
    assert isinstance(exc, gexc.InternalServerError) and exc.code == 500
    emu.inject("gemini", Fault.status500())
    exc, _ = _elapsed(
        lambda: genai_client(emu).models.generate_content(model="gemini-2.5-flash", contents="hi")
    )
    assert isinstance(exc, errors.ServerError) and exc.status == "INTERNAL"


def test_malformed_json_with_200(emulator: EmulatorFactory) -> None:
    from google.protobuf.json_format import ParseError

    emu = emulator("healthy")
    emu.inject("billing", Fault.malformed_json())
    exc, _ = _elapsed(lambda: _billing(emu))
    assert isinstance(exc, ParseError)
    raw = requests.get(f"{emu.base_url}/v1/{BILLING}/billingInfo", timeout=T)
    assert raw.status_code == 200
    with pytest.raises(ValueError):
        raw.json()


def test_forbidden_without_details(emulator: EmulatorFactory) -> None:
    from google.api_core import exceptions as gexc

    emu = emulator("healthy")
    emu.inject("billing", Fault.forbidden_no_details())
    exc, _ = _elapsed(lambda: _billing(emu))
    assert isinstance(exc, gexc.Forbidden) and exc.reason is None and exc.details == []


def test_fault_times_and_regex_patterns(emulator: EmulatorFactory) -> None:
    from google.api_core import exceptions as gexc

    emu = emulator("healthy")
    emu.inject(r"^GET /v1/projects/[^/]+/billingInfo$", Fault.status500(times=1))
    with pytest.raises(gexc.InternalServerError):
        _billing(emu)
    assert _billing(emu).billing_enabled  # only the first request was hit
    emu.inject("token", Fault.status500())
    assert emu.requests[-1].api == "billing"


def test_latency_global_and_per_route(emulator: EmulatorFactory) -> None:
    emu = emulator("healthy", latency_s=0.15)
    _, took = _elapsed(lambda: _billing(emu))
    assert took >= 0.15
    emu.set_latency(0.0)
    emu.set_latency(0.6, "billing")  # wide margins: CI machines are small and noisy
    _, slow = _elapsed(lambda: _billing(emu))
    _, fast = _elapsed(
        lambda: cloud_client("resourcemanager", emu, user_creds(emu)).get_project(name=BILLING, timeout=T)
    )
    assert slow >= 0.6 and fast < 0.6
    emu.inject("billing", Fault.delay(0.2, times=1))
    _, slower = _elapsed(lambda: _billing(emu))
    assert slower >= 0.8


def test_shutdown_is_fast_with_a_request_hanging(emulator: EmulatorFactory) -> None:
    emu = emulator("healthy")
    emu.inject("resourcemanager", Fault.timeout())
    outcome: list[BaseException | None] = []

    def hang() -> None:
        try:
            requests.get(f"{emu.base_url}/v3/projects/x", timeout=20)
            outcome.append(None)
        except Exception as exc:
            outcome.append(exc)

    thread = threading.Thread(target=hang, daemon=True)
    thread.start()
    deadline = time.monotonic() + 5
    while not emu.requests and time.monotonic() < deadline:
        time.sleep(0.01)
    start = time.monotonic()
    emu.stop()
    assert time.monotonic() - start < 1.0
    thread.join(timeout=5)
    assert outcome and isinstance(outcome[0], requests.exceptions.ConnectionError)  # closed, not answered


def test_request_log_records_method_path_query_headers_body(emulator: EmulatorFactory) -> None:
    emu = emulator("healthy")
    client = genai_client(emu)
    client.models.count_tokens(model="gemini-2.5-flash", contents="hello")
    cloud_client("cloudquotas", emu, user_creds(emu)).get_quota_info(
        name="projects/acme-gemini-prod/locations/global/services/generativelanguage.googleapis.com"
        "/quotaInfos/GenerateRequestsPerMinutePerProjectPerModel",
        timeout=T,
    )
    count, quota = emu.requests
    assert (count.method, count.path, count.api) == (
        "POST",
        "/v1beta/models/gemini-2.5-flash:countTokens",
        "gemini",
    )
    assert count.headers["x-goog-api-key"] == emu.scenario.demo.api_keys[0]
    assert count.headers["content-type"] == "application/json"
    assert count.body is not None and '"hello"' in count.body
    assert quota.method == "GET" and quota.api == "cloudquotas" and quota.body is None
    assert quota.query == {"$alt": ["json;enum-encoding=int"]}
    assert quota.headers["authorization"] == f"Bearer {emu.scenario.demo.access_token}"
    assert all(name == name.lower() for name in quota.headers)
    emu.clear_requests()
    assert emu.requests == []
