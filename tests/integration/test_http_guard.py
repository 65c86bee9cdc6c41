"""Every call to Google is guarded: a total deadline, a size cap, no redirect, no false finding.

Each test makes the emulator misbehave on a real loopback socket (trickle, redirect to another
server, a huge body, an empty 200, an endless page list, a failing token endpoint) and checks what
the adapters make of it."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from _emulator_support import service_account_file
from _sources_support import emu_context

from gemquota.emulator import Emulator, Fault
from gemquota.exceptions import CallTimeout, CredentialsRejected, NotFound, UnexpectedResponse, Unreachable
from gemquota.keys import ApiKey
from gemquota.sources import apikeys, billing, cloudquotas, gemini, monitoring, serviceusage
from gemquota.sources.credentials import CloudCredentials, ensure_fresh, load_cloud_credentials

pytestmark = [pytest.mark.network, pytest.mark.timeout(60)]

PROJECT = "acme-gemini-prod"


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator("healthy") as e:
        yield e


@pytest.fixture
def elsewhere() -> Iterator[Emulator]:
    """A second server: the "other host" a redirect points to. It must never see a request."""
    with Emulator("healthy") as e:
        yield e


def _creds(emu: Emulator, timeout: float = 5.0) -> tuple[Any, CloudCredentials]:
    ctx = emu_context(emu, timeout=timeout)
    creds = load_cloud_credentials(ctx)
    assert creds is not None
    return ctx, creds


def _key(emu: Emulator) -> ApiKey:
    return ApiKey(emu.scenario.demo.api_keys[0], "test")


def _number(emu: Emulator) -> str:
    return emu.scenario.projects[0].number


# --- total deadline -------------------------------------------------------------------------------


def test_trickled_cloud_answer_ends_at_the_total_deadline(emu: Emulator) -> None:
    emu.inject("billing", Fault.trickle(0.05))  # ~400 bytes at 20 bytes/s: 20 s, each read quick
    ctx, creds = _creds(emu, timeout=1.0)
    start = time.monotonic()
    with pytest.raises(CallTimeout, match="within 1 s"):
        billing.get_billing_info(ctx, creds, PROJECT)
    assert time.monotonic() - start < 3.0


def test_trickled_gemini_answer_ends_at_the_total_deadline(emu: Emulator) -> None:
    emu.inject("gemini", Fault.trickle(0.05))
    ctx = emu_context(emu, timeout=1.0)
    start = time.monotonic()
    with pytest.raises(CallTimeout):
        gemini.list_models(ctx, _key(emu))
    assert time.monotonic() - start < 3.0


# --- redirects ------------------------------------------------------------------------------------


def test_gemini_redirect_to_another_host_is_not_followed(emu: Emulator, elsewhere: Emulator) -> None:
    emu.inject("gemini", Fault.redirect(elsewhere.base_url))
    ctx = emu_context(emu)
    with pytest.raises(UnexpectedResponse, match="redirect") as err:
        gemini.generate_one(ctx, _key(emu), "gemini-3.8-flash")
    assert elsewhere.requests == [], "the API key went to another host"
    assert f"127.0.0.1:{elsewhere.port}" in err.value.message
    with pytest.raises(UnexpectedResponse, match="redirect"):
        gemini.list_models(ctx, _key(emu))
    assert elsewhere.requests == []


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_cloud_redirect_is_not_followed_with_the_token(
    emu: Emulator, elsewhere: Emulator, status: int
) -> None:
    emu.inject("billing", Fault.redirect(elsewhere.base_url, status=status))
    ctx, creds = _creds(emu)
    with pytest.raises(UnexpectedResponse, match=f"HTTP {status} redirect"):
        billing.get_billing_info(ctx, creds, PROJECT)
    assert elsewhere.requests == []


def test_monitoring_redirect_is_not_followed(emu: Emulator, elsewhere: Emulator) -> None:
    emu.inject("monitoring", Fault.redirect(elsewhere.base_url))
    ctx, creds = _creds(emu)
    with pytest.raises(UnexpectedResponse, match="redirect"):
        monitoring.read_usage(ctx, creds, _number(emu), now=datetime.now(UTC))
    assert elsewhere.requests == []


def test_body_cut_half_way_is_unreachable_not_a_bug(emu: Emulator) -> None:
    emu.inject("billing", Fault.cut_body())
    ctx, creds = _creds(emu)
    with pytest.raises(Unreachable, match="unreachable"):
        billing.get_billing_info(ctx, creds, PROJECT)
    emu.clear_faults()
    emu.inject("gemini", Fault.cut_body())
    with pytest.raises(Unreachable):
        gemini.list_models(ctx, _key(emu))


# --- size caps ------------------------------------------------------------------------------------


def test_huge_monitoring_answer_is_cut_not_held_in_memory(emu: Emulator) -> None:
    emu.inject("monitoring", Fault.huge_body(60 * 1024 * 1024))
    ctx, creds = _creds(emu, timeout=20.0)
    tracemalloc.start()
    try:
        with pytest.raises(UnexpectedResponse, match="larger than"):
            monitoring.read_usage(ctx, creds, _number(emu), now=datetime.now(UTC))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # nine families read concurrently, each stopped at the 8 MB cap (far below 9 x 60 MB)
    assert peak < 9 * 20 * 1024 * 1024


def test_huge_gemini_answer_is_cut(emu: Emulator) -> None:
    emu.inject("gemini", Fault.huge_body(30 * 1024 * 1024))
    ctx = emu_context(emu, timeout=20.0)
    with pytest.raises(UnexpectedResponse, match="larger than"):
        gemini.list_models(ctx, _key(emu))


def test_endless_quota_pages_are_cut_and_said_so(emu: Emulator) -> None:
    emu.inject("cloudquotas", Fault.endless_pages())
    ctx, creds = _creds(emu)
    with pytest.raises(UnexpectedResponse, match="cut after 20 pages"):
        cloudquotas.list_quota_limits(ctx, creds, _number(emu))
    pages = [r for r in emu.requests if r.api == "cloudquotas"]
    assert len(pages) == cloudquotas.MAX_PAGES


def test_endless_monitoring_pages_are_cut(emu: Emulator) -> None:
    emu.inject("monitoring", Fault.endless_pages())
    ctx, creds = _creds(emu)
    with pytest.raises(UnexpectedResponse, match="cut after 50 pages"):
        monitoring.read_usage(
            ctx, creds, _number(emu), now=datetime.now(UTC), metrics=("generate_requests_per_model",)
        )
    assert len([r for r in emu.requests if r.api == "monitoring"]) == 50


def test_endless_model_pages_are_cut(emu: Emulator) -> None:
    emu.inject("gemini", Fault.endless_pages())
    ctx = emu_context(emu)
    with pytest.raises(UnexpectedResponse, match="list was cut"):
        gemini.list_models(ctx, _key(emu))


# --- a 200 without the expected fields is no finding ------------------------------------------------

Call = Callable[[Any, CloudCredentials, Emulator], Any]
EMPTY_200: dict[str, tuple[str, Call]] = {
    "billingInfo": ("billing", lambda c, k, e: billing.get_billing_info(c, k, PROJECT)),
    "billingAccount": (
        "billing",
        lambda c, k, e: billing.get_billing_account(c, k, "billingAccounts/012345-6789AB-CDEF01"),
    ),
    "lookupKey": ("apikeys", lambda c, k, e: apikeys.lookup_key(c, k, e.scenario.demo.api_keys[0])),
    "keys.get": (
        "apikeys",
        lambda c, k, e: apikeys.get_key_restrictions(
            c, k, f"projects/{_number(e)}/locations/global/keys/some-key"
        ),
    ),
    "services.get": ("serviceusage", lambda c, k, e: serviceusage.get_service(c, k, PROJECT)),
}


@pytest.mark.parametrize("call", sorted(EMPTY_200))
def test_empty_200_is_an_unexpected_answer_not_a_finding(emu: Emulator, call: str) -> None:
    api, fn = EMPTY_200[call]
    emu.inject(api, Fault.empty_ok())
    ctx, creds = _creds(emu)
    with pytest.raises(UnexpectedResponse) as err:
        fn(ctx, creds, emu)
    assert not isinstance(err.value, NotFound)


def test_empty_200_from_gemini_is_not_ok(emu: Emulator) -> None:
    emu.inject("gemini", Fault.empty_ok())
    ctx = emu_context(emu)
    with pytest.raises(UnexpectedResponse, match="without any model"):
        gemini.list_models(ctx, _key(emu))
    with pytest.raises(UnexpectedResponse, match="without candidates"):
        gemini.generate_one(ctx, _key(emu), "gemini-3.8-flash")


# --- the token endpoint ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fault", [Fault.status500, lambda: Fault.html(503), lambda: Fault.html(429)])
def test_failing_token_endpoint_is_credentials_not_permission(
    emu: Emulator, tmp_path: Path, fault: Callable[[], Fault]
) -> None:
    key_file = service_account_file(emu, tmp_path)
    emu.inject("token", fault())
    ctx = emu_context(emu, {"GOOGLE_APPLICATION_CREDENTIALS": str(key_file), "NO_GCE_CHECK": "true"})
    creds = load_cloud_credentials(ctx)
    assert creds is not None
    start = time.monotonic()
    with pytest.raises(CredentialsRejected) as err:
        ensure_fresh(ctx, creds)
    assert time.monotonic() - start < ctx.timeout + 2
    assert "('" not in err.value.message  # no raw Python tuple
    assert "permission" not in err.value.message.lower()


# --- external_account credentials ----------------------------------------------------------------------


def test_external_account_exchange_goes_to_the_base_url(emu: Emulator, tmp_path: Path) -> None:
    import json

    subject = tmp_path / "oidc-token.txt"
    subject.write_text("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ3b3JrbG9hZCJ9.c2ln", encoding="utf-8")
    info = {
        "type": "external_account",
        "audience": "//iam.googleapis.com/projects/481516234201/locations/global/"
        "workloadIdentityPools/pool/providers/provider",
        "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
        "token_url": "https://sts.googleapis.com/v1/token",
        "service_account_impersonation_url": "https://iamcredentials.googleapis.com/v1/projects/-/"
        "serviceAccounts/doctor@acme-gemini-prod.iam.gserviceaccount.com:generateAccessToken",
        "credential_source": {"file": str(subject)},
    }
    path = tmp_path / "external.json"
    path.write_text(json.dumps(info), encoding="utf-8")
    ctx = emu_context(emu, {"GOOGLE_APPLICATION_CREDENTIALS": str(path), "NO_GCE_CHECK": "true"}, timeout=2.0)
    creds = load_cloud_credentials(ctx)
    assert creds is not None and creds.info.kind == "external"
    start = time.monotonic()
    with pytest.raises(CredentialsRejected):  # the emulator has no workload identity pool
        ensure_fresh(ctx, creds)
    assert time.monotonic() - start < 5
    exchanges = [r for r in emu.requests if r.api == "token"]
    assert exchanges, "the token exchange did not go to GEMQUOTA_GOOGLE_BASE_URL"
    assert "token-exchange" in (exchanges[0].body or "")


@pytest.mark.parametrize("api", ["billing", "gemini"])
def test_gzip_bomb_is_cut_while_inflating(emu: Emulator, api: str) -> None:
    emu.inject(api, Fault.gzip_bomb(256 * 1024 * 1024))
    ctx, creds = _creds(emu, timeout=20.0)
    tracemalloc.start()
    try:
        with pytest.raises(UnexpectedResponse, match="larger than"):
            if api == "billing":
                billing.get_billing_info(ctx, creds, PROJECT)
            else:
                gemini.list_models(ctx, _key(emu))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024, peak  # 256 MB inflated would be far above


def test_token_endpoint_redirect_is_not_followed_with_the_assertion(
    emu: Emulator, elsewhere: Emulator, tmp_path: Path
) -> None:
    key_file = service_account_file(emu, tmp_path)
    emu.inject("token", Fault.redirect(elsewhere.base_url, status=307))  # 307 would resend the POST
    ctx = emu_context(emu, {"GOOGLE_APPLICATION_CREDENTIALS": str(key_file), "NO_GCE_CHECK": "true"})
    creds = load_cloud_credentials(ctx)
    assert creds is not None
    with pytest.raises(UnexpectedResponse, match="redirect"):
        ensure_fresh(ctx, creds)
    assert elsewhere.requests == []


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts sockets through /proc")
def test_errors_kept_for_a_report_do_not_keep_sockets_open(emu: Emulator) -> None:
    import os

    def sockets() -> int:
        count = 0
        for fd in os.listdir("/proc/self/fd"):
            try:
                count += os.readlink(f"/proc/self/fd/{fd}").startswith("socket:")
            except OSError:
                pass
        return count

    ctx, creds = _creds(emu)
    before = sockets()
    kept = []
    for i in range(40):  # unknown keys: each lookup ends in an error that keeps Google's response
        try:
            apikeys.lookup_key(ctx, creds, f"AQ.Ab8RN{'x' * 43}{i:02d}")
        except NotFound as err:
            kept.append(err)
    assert len(kept) == 40
    assert sockets() - before < 8  # not one client (and one server) socket per kept error
