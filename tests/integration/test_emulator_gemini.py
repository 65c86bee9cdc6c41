"""google-genai against the emulator's Gemini API, and 429s consistent with quotas and usage."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
import requests
from _emulator_support import cloud_client, genai_client, scenario_with, user_creds
from conftest import EMU_NOW, EmulatorFactory

from gemquota.emulator import SCENARIOS, Emulator
from gemquota.emulator.server import pacific_midnight

pytestmark = [pytest.mark.network, pytest.mark.timeout(60)]

T = 5.0
GL = "generativelanguage.googleapis.com"


def _client_error(call: Callable[[], Any]) -> Any:
    from google.genai import errors

    with pytest.raises(errors.APIError) as info:
        call()
    return info.value


@pytest.mark.parametrize("version", ["v1beta", "v1"])
def test_models_list_get_count_generate(emulator: EmulatorFactory, version: str) -> None:
    from google.genai import types

    emu = emulator("healthy")
    client = genai_client(emu, version=version)
    model = client.models.get(model="gemini-3.8-flash")
    assert model.display_name == "Gemini 3.8 Flash" and model.input_token_limit == 1048576
    names = [m.name for m in client.models.list(config={"page_size": 20})]
    assert "models/gemini-3.1-flash-image" in names and len(names) == len(set(names))
    pages = [r for r in emu.requests if r.path == f"/{version}/models"]
    assert len(pages) >= 2 and pages[1].query["pageToken"]  # the pager followed nextPageToken
    assert ("models/gemini-flash-latest" in names) == (version == "v1beta")  # aliases only on v1beta
    assert client.models.count_tokens(model="gemini-3.8-flash", contents="how many tokens").total_tokens == 4
    resp = client.models.generate_content(
        model="gemini-3.8-flash",
        contents="hi",
        config=types.GenerateContentConfig(
            max_output_tokens=1, thinking_config=types.ThinkingConfig(thinking_budget=0)
        ),
    )
    assert resp.text == "OK"
    assert resp.usage_metadata is not None and resp.usage_metadata.prompt_token_count == 1
    assert resp.model_version == "gemini-3.8-flash"
    post = emu.requests[-1]
    assert (post.method, post.path) == ("POST", f"/{version}/models/gemini-3.8-flash:generateContent")
    assert post.headers["x-goog-api-key"] == emu.scenario.demo.api_keys[0]
    sent = json.loads(post.body or "{}")
    assert sent["generationConfig"]["thinkingConfig"] == {"thinking_budget": 0}  # snake_case accepted


def test_thinking_model_with_one_output_token_stops_at_max_tokens(emulator: EmulatorFactory) -> None:
    from google.genai import types

    emu = emulator("healthy")
    resp = genai_client(emu).models.generate_content(
        model="gemini-3.8-flash", contents="hi", config=types.GenerateContentConfig(max_output_tokens=1)
    )
    assert resp.candidates and resp.candidates[0].finish_reason == types.FinishReason.MAX_TOKENS
    assert resp.usage_metadata is not None and resp.usage_metadata.thoughts_token_count == 1


def test_unknown_model_is_404_naming_the_version(emulator: EmulatorFactory) -> None:
    emu = emulator("healthy")
    err = _client_error(
        lambda: genai_client(emu, version="v1").models.generate_content(model="gemini-9-flash", contents="hi")
    )
    assert err.code == 404 and err.status == "NOT_FOUND"
    assert "models/gemini-9-flash is not found for API version v1" in err.message
    assert [d["@type"] for d in err.details["error"]["details"]] == [
        "type.googleapis.com/google.rpc.DebugInfo"
    ] * 2
    embed = _client_error(
        lambda: genai_client(emu).models.generate_content(model="gemini-embedding-001", contents="hi")
    )
    assert embed.code == 404  # listed, but not a generateContent model


def test_key_errors(emulator: EmulatorFactory) -> None:
    base = SCENARIOS["shared-keys"]
    k1, k2, k3 = base.keys
    keys = (
        dataclasses.replace(k1, leaked=True),
        dataclasses.replace(k2, api_targets=("translate.googleapis.com",)),
        dataclasses.replace(k3, allowed_ips=("192.0.2.0/24",)),
    )
    emu = emulator(dataclasses.replace(base, keys=keys))
    invalid = _client_error(
        lambda: genai_client(emu, "AIzaSyNOT-A-KEY-THE-EMULATOR-KNOWS-00000").models.list()
    )
    assert (invalid.code, invalid.status) == (400, "INVALID_ARGUMENT")
    assert invalid.details["error"]["details"][0]["reason"] == "API_KEY_INVALID"
    leaked = _client_error(
        lambda: genai_client(emu, k1.key).models.generate_content(model="gemini-3.8-flash", contents="hi")
    )
    assert leaked.code == 403 and "reported as leaked" in leaked.message
    assert "details" not in leaked.details["error"]  # the leaked-key 403 has no details
    blocked = _client_error(lambda: genai_client(emu, k2.key).models.get(model="gemini-3.8-flash"))
    assert blocked.details["error"]["details"][0]["reason"] == "API_KEY_SERVICE_BLOCKED"
    ip = _client_error(lambda: genai_client(emu, k3.key).models.get(model="gemini-3.8-flash"))
    assert ip.details["error"]["details"][0]["reason"] == "API_KEY_IP_ADDRESS_BLOCKED"
    no_key = requests.get(f"{emu.base_url}/v1beta/models", timeout=T)
    assert no_key.status_code == 403 and "unregistered callers" in no_key.json()["error"]["message"]


def test_api_disabled_gives_the_generativelanguage_service_disabled(emulator: EmulatorFactory) -> None:
    emu = emulator("api-disabled")
    project = emu.scenario.projects[0]
    err = _client_error(lambda: genai_client(emu).models.list())
    assert (err.code, err.status) == (403, "PERMISSION_DENIED")
    info = next(d for d in err.details["error"]["details"] if d.get("reason") == "SERVICE_DISABLED")
    assert info["metadata"]["service"] == GL
    assert info["metadata"]["consumer"] == f"projects/{project.number}"
    assert info["metadata"]["activationUrl"].endswith(f"{GL}/overview?project={project.number}")
    assert f"Generative Language API has not been used in project {project.number}" in err.message


def test_zero_quota_image_has_no_free_tier_bucket(emulator: EmulatorFactory) -> None:
    emu = emulator("zero-quota-image")
    client = genai_client(emu)
    err = _client_error(
        lambda: client.models.generate_content(model="gemini-3.1-flash-image", contents="a cat")
    )
    assert (err.code, err.status) == (429, "RESOURCE_EXHAUSTED")
    bullets = re.findall(r"\* Quota exceeded for metric: (\S+), limit: (\d+), model: (\S+)", err.message)
    assert bullets and all(limit == "0" and model == "gemini-3.1-flash-image" for _, limit, model in bullets)
    failure = next(d for d in err.details["error"]["details"] if d["@type"].endswith("QuotaFailure"))
    assert {v["quotaId"] for v in failure["violations"]} == {
        "GenerateContentInputTokensPerModelPerMinute-FreeTier",
        "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
        "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
        "GenerateContentInputTokensPerModelPerDay-FreeTier",
    }
    assert all("quotaValue" not in v for v in failure["violations"])  # zero = absent
    assert client.models.generate_content(model="gemini-3.8-flash", contents="hi").text == "OK"


def test_rpd_exhausted_short_retry_info_and_other_models_work(
    emulator: EmulatorFactory, emu_clock: Callable[[], datetime]
) -> None:
    emu = emulator("rpd-exhausted", clock=emu_clock)
    client = genai_client(emu)
    err = _client_error(lambda: client.models.generate_content(model="gemini-3.8-flash", contents="hi"))
    assert err.code == 429
    details = err.details["error"]["details"]
    (violation,) = next(d for d in details if d["@type"].endswith("QuotaFailure"))["violations"]
    assert violation["quotaId"] == "GenerateRequestsPerDayPerProjectPerModel-FreeTier"
    assert violation["quotaValue"] == "20"
    retry = next(d for d in details if d["@type"].endswith("RetryInfo"))["retryDelay"]
    assert retry == "44s"  # short, like real per-day 429s (60 - 15.25 s into the minute)
    assert "limit: 20, model: gemini-3.8-flash\nPlease retry in 44.75" in err.message
    assert client.models.generate_content(model="gemini-2.5-flash-lite", contents="hi").text == "OK"


def test_billing_on_other_project_free_tier_ids_on_the_key_project(emulator: EmulatorFactory) -> None:
    emu = emulator("billing-on-other-project")
    err = _client_error(
        lambda: genai_client(emu).models.generate_content(model="gemini-3.1-pro-preview", contents="hi")
    )
    assert err.code == 429 and "limit: 0, model: gemini-3.1-pro" in err.message
    failure = next(d for d in err.details["error"]["details"] if d["@type"].endswith("QuotaFailure"))
    assert all(v["quotaId"].endswith("-FreeTier") for v in failure["violations"])


def test_successful_calls_count_against_the_shared_project_quota(
    emulator: EmulatorFactory, emu_clock: Callable[[], datetime]
) -> None:
    """Two keys in one project share its RPM bucket; usage shows up in Monitoring."""
    low = (("GenerateRequestsPerMinutePerProjectPerModel", "gemini-3.8-flash", 2),)
    # Monitoring shows points at once here (the delay Google has is tested on its own)
    emu = emulator(scenario_with("shared-keys", limit_overrides=low), clock=emu_clock, monitoring_delay_s=0)
    k1, k2, k3 = emu.scenario.demo.api_keys
    assert genai_client(emu, k1).models.generate_content(model="gemini-3.8-flash", contents="hi").text == "OK"
    assert genai_client(emu, k2).models.generate_content(model="gemini-3.8-flash", contents="hi").text == "OK"
    err = _client_error(
        lambda: genai_client(emu, k1).models.generate_content(model="gemini-3.8-flash", contents="hi")
    )
    (violation,) = next(d for d in err.details["error"]["details"] if d["@type"].endswith("QuotaFailure"))[
        "violations"
    ]
    assert (violation["quotaId"], violation["quotaValue"]) == (
        "GenerateRequestsPerMinutePerProjectPerModel",
        "2",
    )
    # the third key lives in another project: unaffected
    assert genai_client(emu, k3).models.generate_content(model="gemini-3.8-flash", contents="hi").text == "OK"
    assert (
        _usage(
            emu, "team-a-prod", "GenerateRequestsPerMinutePerProjectPerModel", "gemini-3.8-flash", "minute"
        )
        == 2
    )


@pytest.mark.parametrize(
    ("outcome", "code", "status"),
    [
        ("overloaded", 503, "UNAVAILABLE"),
        ("region", 400, "FAILED_PRECONDITION"),
        ("prepay-depleted", 402, "RESOURCE_EXHAUSTED"),  # since late 2026
        ("prepay-depleted-429", 429, "RESOURCE_EXHAUSTED"),  # the shape before the switch
    ],
)
def test_forced_outcomes(emulator: EmulatorFactory, outcome: str, code: int, status: str) -> None:
    emu = emulator(scenario_with("healthy", forced_outcomes=(("gemini-3.1-pro-preview", outcome),)))
    err = _client_error(
        lambda: genai_client(emu).models.generate_content(model="gemini-3.1-pro-preview", contents="hi")
    )
    assert (err.code, err.status) == (code, status)


# --- consistency: every scenario's 429s follow from its quota infos and usage ---------------------------


def _usage(emu: Emulator, project: str, limit_name: str, model: str, window: str) -> int:
    from google.auth.transport.requests import AuthorizedSession

    now = emu.now()
    start = now - timedelta(seconds=60) if window == "minute" else pacific_midnight(now)
    resp = AuthorizedSession(user_creds(emu)).get(
        f"{emu.base_url}/v3/projects/{project}/timeSeries",
        timeout=T,
        params={
            "filter": f'metric.type = starts_with("{GL}/quota/") AND metric.label.limit_name = "{limit_name}" '
            f'AND metric.label.model = "{model}"',
            "interval.startTime": start.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "interval.endTime": now.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "aggregation.alignmentPeriod": "86400s",
            "aggregation.perSeriesAligner": "ALIGN_SUM",
            "aggregation.crossSeriesReducer": "REDUCE_SUM",
        },
    )
    assert resp.status_code == 200, resp.text
    return sum(
        int(p["value"]["int64Value"]) for ts in resp.json().get("timeSeries", []) for p in ts["points"]
    )


GROUP = {"gemini-3.1-pro-preview": "gemini-3.1-pro", "gemini-flash-latest": "gemini-3.8-flash"}
#: Scenarios whose generation outcome is not a quota decision are left out: no IAM, API disabled,
#: a standard key (401 on generation), prepay out of credit (402 on generation).
CHECKED = [
    n for n in SCENARIOS if n not in ("no-iam", "api-disabled", "standard-key-rejected", "prepay-depleted")
]


@pytest.mark.parametrize("name", CHECKED)
def test_429s_are_consistent_with_quota_infos_and_usage(
    emulator: EmulatorFactory, emu_clock: Callable[[], datetime], name: str
) -> None:
    """Predict each model's outcome from Cloud Quotas + Monitoring (read with the real clients)."""
    emu = emulator(name, clock=emu_clock, monitoring_delay_s=0)
    creds = user_creds(emu)
    for key in emu.scenario.demo.api_keys:
        found = cloud_client("apikeys", emu, creds).lookup_key(request={"key_string": key}, timeout=T)
        number = found.parent.split("/")[1]
        billed = cloud_client("billing", emu, creds).get_project_billing_info(
            name=f"projects/{number}", timeout=T
        )
        infos = list(
            cloud_client("cloudquotas", emu, creds).list_quota_infos(
                parent=f"projects/{number}/locations/global/services/{GL}", timeout=T
            )
        )
        suffix = "" if billed.billing_enabled else "-FreeTier"
        enforced = [
            i
            for i in infos
            if i.quota_id.startswith(("GenerateRequestsPer", "GenerateContent"))
            and (i.quota_id.endswith("-FreeTier") if suffix else "-" not in i.quota_id)
        ]
        assert len(enforced) == (4 if suffix else 3)
        for model in (
            "gemini-3.8-flash",
            "gemini-3.1-pro-preview",
            "gemini-3.1-flash-image",
            "gemini-flash-latest",
        ):
            group = GROUP.get(model, model)
            zero, over = set(), set()
            for info in enforced:
                values = {d.dimensions.get("model"): d.details.value for d in info.dimensions_infos}
                limit = values.get(group, values[None])
                used = _usage(emu, number, info.quota_id, group, info.refresh_interval)
                cost = 1  # one request; the 2-character prompt is one input token
                if limit == 0:
                    zero.add(info.quota_id)
                elif limit > 0 and used + cost > limit:
                    over.add(info.quota_id)
            expected = zero or over
            try:
                genai_client(emu, key).models.generate_content(model=model, contents="hi")
                got: set[str] = set()
            except Exception as exc:
                body: Any = getattr(exc, "details", {})
                assert getattr(exc, "code", None) == 429, (name, model, exc)
                failure = next(d for d in body["error"]["details"] if d["@type"].endswith("QuotaFailure"))
                got = {v["quotaId"] for v in failure["violations"]}
                for v in failure["violations"]:
                    assert v["quotaDimensions"] == {"location": "global", "model": group}
            assert got == expected, (name, key[-4:], model)


def test_generate_now_after_pacific_midnight_resets_rpd(emulator: EmulatorFactory) -> None:
    """The same rpd-exhausted data, seen from a clock 24 h later: yesterday's usage no longer counts."""
    later = EMU_NOW + timedelta(days=1)
    emu = emulator("rpd-exhausted", clock=lambda: EMU_NOW)
    emu._clock = lambda: later  # the day rolled over while the emulator ran
    assert genai_client(emu).models.generate_content(model="gemini-3.8-flash", contents="hi").text == "OK"


def test_stream_generate_content_sse_and_json_array(emulator: EmulatorFactory) -> None:
    emu = emulator("healthy")
    chunks = list(genai_client(emu).models.generate_content_stream(model="gemini-3.8-flash", contents="hi"))
    assert [c.text for c in chunks] == ["OK"]
    assert emu.requests[-1].query == {"alt": ["sse"]}
    plain = requests.post(
        f"{emu.base_url}/v1beta/models/gemini-3.8-flash:streamGenerateContent",
        headers={"x-goog-api-key": emu.scenario.demo.api_keys[0]},
        json={"contents": [{"parts": [{"text": "hi"}]}]},
        timeout=T,
    )
    assert isinstance(plain.json(), list) and plain.json()[0]["usageMetadata"]["promptTokenCount"] == 1
    rpd = emulator("rpd-exhausted")
    err = _client_error(
        lambda: list(
            genai_client(rpd).models.generate_content_stream(model="gemini-3.8-flash", contents="hi")
        )
    )
    assert err.code == 429


# --- the model lineup of December 2026: aliases, retirements, re-routes ----------------------------------


def test_lineup_is_the_current_one_and_lists_no_retired_model(emulator: EmulatorFactory) -> None:
    emu = emulator("healthy")
    names = {m.name for m in genai_client(emu).models.list(config={"page_size": 1000})}
    for current in (
        "gemini-3.8-flash",
        "gemini-3.6-flash",
        "gemini-3.5-flash-lite",
        "gemini-3.1-pro-preview",
    ):
        assert f"models/{current}" in names
    for image in ("gemini-nano-banana-2.1", "gemini-3.1-flash-image", "gemini-3-pro-image"):
        assert f"models/{image}" in names
    for retired in ("gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.0-flash", "gemini-3.5-flash"):
        assert f"models/{retired}" not in names


def test_retired_model_answers_the_no_longer_available_404(emulator: EmulatorFactory) -> None:
    emu = emulator("healthy")
    err = _client_error(
        lambda: genai_client(emu).models.generate_content(model="gemini-2.0-flash", contents="hi")
    )
    assert (err.code, err.status) == (404, "NOT_FOUND")
    assert err.message == (
        "This model models/gemini-2.0-flash is no longer available. Please update your code to use a "
        "newer model for the latest features and improvements."
    )


def test_retired_model_is_silently_rerouted_and_counted_as_its_target(emulator: EmulatorFactory) -> None:
    emu = emulator(
        scenario_with(
            "healthy",
            limit_overrides=(("GenerateRequestsPerMinutePerProjectPerModel", "gemini-3.6-flash", 1),),
            usage=(),
        )
    )
    client = genai_client(emu)
    resp = client.models.generate_content(model="gemini-3.5-flash", contents="hi")
    assert resp.text == "OK" and resp.model_version == "gemini-3.6-flash"
    # the one request counted against gemini-3.6-flash's bucket: the next one is over its limit
    err = _client_error(lambda: client.models.generate_content(model="gemini-3.6-flash", contents="hi"))
    assert err.code == 429 and "model: gemini-3.6-flash" in err.message


def test_alias_answers_as_its_target(emulator: EmulatorFactory) -> None:
    emu = emulator("healthy")
    resp = genai_client(emu).models.generate_content(model="gemini-flash-latest", contents="hi")
    assert resp.model_version == "gemini-3.8-flash"


def test_model_retired_scenario(emulator: EmulatorFactory) -> None:
    emu = emulator("model-retired")
    client = genai_client(emu)
    names = {m.name for m in client.models.list(config={"page_size": 1000})}
    assert {"models/gemini-2.5-flash", "models/gemini-3.5-flash"} <= names  # still listed to this key
    assert emu.scenario.models == ("gemini-2.5-flash", "gemini-3.5-flash")
    err = _client_error(lambda: client.models.generate_content(model="gemini-2.5-flash", contents="hi"))
    assert (err.code, err.status) == (404, "NOT_FOUND")
    assert err.message == (
        "This model models/gemini-2.5-flash is no longer available to new users. Please update your code "
        "to use a newer model for the latest features and improvements."
    )
    resp = client.models.generate_content(model="gemini-3.5-flash", contents="hi")
    assert resp.model_version == "gemini-3.6-flash"


def test_served_as_reports_a_version_suffix(emulator: EmulatorFactory) -> None:
    scenario = dataclasses.replace(
        SCENARIOS["healthy"], served_as=(("gemini-3.8-flash", "gemini-3.8-flash-001"),)
    )
    emu = emulator(scenario)
    resp = genai_client(emu).models.generate_content(model="gemini-3.8-flash", contents="hi")
    assert resp.model_version == "gemini-3.8-flash-001"
