"""core.models: the default model, names checked against models.list, aliases and re-routes."""

from __future__ import annotations

import pytest

from gemquota.core import models as m
from gemquota.core.diagnosis import Kind
from gemquota.core.models import ListedModel


def _listed(*ids: str, methods: tuple[str, ...] = ("generateContent", "countTokens")) -> list[ListedModel]:
    return [ListedModel(i, methods=methods) for i in ids]


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        (("gemini-3.6-flash", "gemini-3.8-flash", "gemini-2.5-flash"), "gemini-3.8-flash"),
        # numeric, not lexical: 3.10 is newer than 3.8
        (("gemini-3.8-flash", "gemini-3.10-flash"), "gemini-3.10-flash"),
        (("gemini-3-flash", "gemini-2.5-flash"), "gemini-3-flash"),
        # previews, lites, image/tts/live models and aliases are not stable Flash models
        (
            (
                "gemini-9-flash-preview",
                "gemini-9-flash-lite",
                "gemini-9-flash-image",
                "gemini-9-flash-tts",
                "gemini-9-flash-live",
                "gemini-flash-latest",
                "gemini-9-flash-exp",
                "gemini-9-flash-preview-09-2026",
                "gemini-2.5-flash",
            ),
            "gemini-2.5-flash",
        ),
        # a version suffix is the same model; the bare id wins over its suffixed twin
        (("gemini-3.8-flash-001", "gemini-3.8-flash"), "gemini-3.8-flash"),
        (("gemini-3.8-flash-001", "gemini-3.8-flash-002"), "gemini-3.8-flash-002"),
        (("gemini-3.1-pro-preview", "gemini-3.5-flash-lite"), None),
        ((), None),
    ],
)
def test_default_model_is_the_newest_stable_flash(ids: tuple[str, ...], expected: str | None) -> None:
    assert m.default_model(_listed(*ids)) == expected
    assert m.default_model(ids) == expected  # bare ids work too


def test_default_model_needs_generate_content() -> None:
    listed = [
        ListedModel("gemini-9.0-flash", methods=("bidiGenerateContent",)),
        ListedModel("gemini-3.8-flash", methods=("generateContent",)),
    ]
    assert m.default_model(listed) == "gemini-3.8-flash"


def test_listed_model_from_rest_json() -> None:
    entry = ListedModel.from_json(
        {
            "name": "models/gemini-3.8-flash",
            "displayName": "Gemini 3.8 Flash",
            "version": "3.8-flash-09-2026",
            "supportedGenerationMethods": ["generateContent", "countTokens"],
            "inputTokenLimit": 1048576,
        }
    )
    assert entry is not None and entry.model == "gemini-3.8-flash" and entry.generates
    assert entry.input_token_limit == 1048576 and entry.output_token_limit is None
    assert ListedModel.from_json({"name": 3}) is None and ListedModel.from_json([]) is None


@pytest.mark.parametrize(
    ("requested", "served", "rerouted"),
    [
        ("gemini-3.8-flash", "gemini-3.8-flash", False),
        ("gemini-3.8-flash", "gemini-3.8-flash-001", False),
        ("models/gemini-3.8-flash", "gemini-3.8-flash", False),
        ("gemini-3.5-flash", "gemini-3.6-flash", True),
        ("gemini-2.5-pro", "gemini-3.8-flash", True),
        ("gemini-flash-latest", "gemini-3.8-flash", False),  # an alias resolving, not a re-route
        ("gemini-3.8-flash", None, False),
    ],
)
def test_reroute_rule(requested: str, served: str | None, rerouted: bool) -> None:
    assert m.rerouted(requested, served) is rerouted


def test_aliases() -> None:
    assert m.is_alias("gemini-flash-latest") and m.is_alias("models/gemini-pro-latest")
    assert not m.is_alias("gemini-3.8-flash")


def test_unknown_name_gets_the_closest_generating_names() -> None:
    listed = _listed("gemini-3.8-flash", "gemini-3.6-flash", "gemini-3.5-flash-lite", "gemini-flash-latest")
    listed.append(ListedModel("gemini-embedding-2", methods=("embedContent",)))
    check = m.check_name("gemini-3.8-flsh", listed)
    assert not check.listed and check.retirement is None
    assert check.suggestions[0] == "gemini-3.8-flash"
    assert "gemini-flash-latest" not in check.suggestions and "gemini-embedding-2" not in check.suggestions
    assert check.finding is not None and "not a model this key can use" in check.finding


def test_retired_name_follows_replacements_to_listed_models() -> None:
    listed = _listed("gemini-3.8-flash", "gemini-3.6-flash", "gemini-3.1-flash-lite")
    check = m.check_name("gemini-2.0-flash", listed)
    assert check.retirement is not None and check.retirement.retired_on.isoformat() == "2026-06-01"
    # Google named gemini-3.5-flash (retired since, routed to gemini-3.6-flash) and gemini-3.1-flash-lite
    assert check.successors == ("gemini-3.6-flash", "gemini-3.1-flash-lite")
    diag = m.not_listed_diagnosis(check, len(listed))
    assert diag.kind is Kind.MODEL_NOT_FOUND and diag.http_code is None
    assert diag.fixes[0].id == "use-listed-model" and "gemini-3.6-flash" in diag.fixes[0].title
    assert "limit 0" not in diag.headline and "billing" not in diag.headline.lower()


def test_listed_names() -> None:
    listed = _listed("gemini-3.8-flash", "gemini-flash-latest", "gemini-3.5-flash")
    assert m.check_name("gemini-3.8-flash", listed).finding is None
    alias = m.check_name("gemini-flash-latest", listed)
    assert alias.listed and alias.alias and alias.finding is not None and "alias" in alias.finding
    routed = m.check_name("gemini-3.5-flash", listed)
    assert routed.listed and routed.rerouted_to == "gemini-3.6-flash"
    assert routed.finding is not None and "routes its requests to gemini-3.6-flash" in routed.finding
    live = m.check_name("gemini-3.8-live", [ListedModel("gemini-3.8-live", methods=("bidiGenerateContent",))])
    assert live.listed and not live.generates and live.finding is not None
