"""The troubleshooting matrix: fixes per kind, varying by backend, tier and model (data table).

PLACEHOLDER until the matrix lands: the signature below is the contract."""

from __future__ import annotations

from gemquota.core.diagnosis import Backend, Fix, Kind, Tier


def fixes_for(
    kind: Kind,
    *,
    backend: Backend = Backend.UNKNOWN,
    tier: Tier | None = None,
    model: str | None = None,
    limit: int | None = None,
) -> tuple[Fix, ...]:
    """The fixes for a diagnosis, most useful first (at least one for every kind)."""
    return (
        Fix(
            f"{kind}-generic",
            f"Fix {kind}",
            ("See the documentation.",),
            "https://ai.google.dev/gemini-api/docs/troubleshooting",
        ),
    )
