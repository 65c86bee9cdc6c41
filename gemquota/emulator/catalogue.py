"""The emulator's Gemini model catalogue (``data/models.json``): the December 2026 lineup that
``models.list`` serves, the ``*-latest`` aliases, and what Google does with retired models.

A retired model either answers the hard-shutdown 404 ("This model models/X is no longer
available…") or is silently routed to another model (the answer's ``modelVersion`` is the other
model, whose quota it uses)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

Body = dict[str, Any]


@dataclass(frozen=True)
class Retired:
    model: str
    retired_on: str
    #: requests are answered by this model (a silent re-route); None = 404 "no longer available"
    routed_to: str | None


@dataclass(frozen=True)
class Catalogue:
    #: the models.list entries, in Google's order
    models: tuple[Body, ...]
    #: alias -> the model that answers for it
    aliases: dict[str, str]
    retired: dict[str, Retired]
    #: the models.list entries retired models had (for scenarios whose key still lists them)
    retired_listings: dict[str, Body]


@cache
def catalogue() -> Catalogue:
    text = resources.files("gemquota.emulator").joinpath("data/models.json").read_text(encoding="utf-8")
    data = json.loads(text)
    retired = {
        name: Retired(name, str(row["retired_on"]), row.get("routed_to"))
        for name, row in data.get("retired", {}).items()
    }
    listings = {str(m["name"]).removeprefix("models/"): m for m in data.get("retired_listings", [])}
    return Catalogue(tuple(data["models"]), dict(data.get("aliases", {})), retired, listings)


def aliases() -> dict[str, str]:
    """``*-latest`` alias -> the model that answers for it (its ``modelVersion``)."""
    return catalogue().aliases
