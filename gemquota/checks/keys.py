"""Checks on the API key(s): api-key (env only) and shared-keys (which keys share one project)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gemquota.checks.base import CheckResult, Status, error, hint, info
from gemquota.checks.common import CREDS, KEY_ENV, KEYS, Fetched, failure_row
from gemquota.context import Context
from gemquota.core.cloud import KeyInfo
from gemquota.keys import ApiKey, KeyEnvironment
from gemquota.threads import bounded_map

KEY_URL = "https://aistudio.google.com/app/apikey"


@dataclass(frozen=True)
class ApiKeyCheck:
    """Is there a key, where does it come from, does it look like a Gemini API key."""

    id: str = "api-key"
    title: str = "API key"
    needs: tuple[str, ...] = ()
    hidden: bool = False

    def run(self, ctx: Context, facts: Mapping[str, Any]) -> CheckResult:
        keys: tuple[ApiKey, ...] = facts.get(KEYS, ())
        env: KeyEnvironment | None = facts.get(KEY_ENV)
        if not keys:
            return CheckResult(
                Status.FAIL,
                "no API key found (--key, --keys-file, GOOGLE_API_KEY, GEMINI_API_KEY)",
                (
                    error("Without a key gemquota cannot tell which project your calls are counted against."),
                    hint("Create a key in Google AI Studio and export it as GEMINI_API_KEY.", KEY_URL),
                ),
                fix="export GEMINI_API_KEY=… (create one at https://aistudio.google.com/app/apikey)",
                facts={KEYS: ()},
                proceed=True,  # cloud checks can still look at the project you named
            )
        first = keys[0]
        summary = f"{first.masked} from {first.source}"
        if len(keys) > 1:
            summary += f" (+{len(keys) - 1} more)"
        messages = [info(f"{k.masked} from {k.source}") for k in keys] if len(keys) > 1 else []
        status = Status.OK
        fix: str | None = None
        if env is not None and env.conflicting_env:
            status = Status.WARN
            summary += "; GOOGLE_API_KEY and GEMINI_API_KEY differ"
            messages.append(
                error(
                    "GOOGLE_API_KEY and GEMINI_API_KEY are both set, to different keys: google-genai and "
                    "LangChain use GOOGLE_API_KEY, gemini-cli uses GEMINI_API_KEY, so your tools may "
                    "count against different projects."
                )
            )
            fix = "unset one of GOOGLE_API_KEY / GEMINI_API_KEY (or set both to the same key)"
            if first.source != "--key":
                messages.append(info(f"Checking the one google-genai uses: {first.source}."))
        bad = [k for k in keys if not k.well_formed]
        if bad:
            status = Status.WARN
            messages.extend(
                error(
                    f"The key from {key.source} ({key.masked}, {len(key.value)} characters) does not look "
                    "like a Gemini API key (AIza followed by 35 characters): check for a truncated "
                    "copy, quotes or a stray space."
                )
                for key in bad
            )
            fix = fix or "copy the key again from https://aistudio.google.com/app/apikey"
        return CheckResult(status, summary, tuple(messages), fix=fix, facts={KEYS: keys})


@dataclass(frozen=True)
class SharedKeysCheck:
    """Several keys in one project share one quota: say which keys do."""

    id: str = "shared-keys"
    title: str = "Keys sharing a project"
    needs: tuple[str, ...] = ("api-key", "cloud-credentials")
    hidden: bool = False

    def run(self, ctx: Context, facts: Mapping[str, Any]) -> CheckResult:
        from gemquota.sources import apikeys

        keys: tuple[ApiKey, ...] = facts.get(KEYS, ())
        if len(keys) < 2:
            return CheckResult(
                Status.SKIP,
                "only one key given" if keys else "no API key",
                (
                    info(
                        "Pass several keys (--key K --key K2, or --keys-file F) to see which share a project."
                    ),
                ),
            )
        creds = facts[CREDS]
        # bounded: a thousand keys never mean a thousand threads and sockets
        lookups = bounded_map(
            lambda k: Fetched[KeyInfo].of(lambda: apikeys.lookup_key(ctx, creds, k.value)), keys
        )
        by_project: dict[str, list[ApiKey]] = {}
        messages = []
        unknown = 0
        for key, fetched in zip(keys, lookups, strict=True):
            if fetched.value is None:
                unknown += 1
                err = fetched.error
                row = (
                    failure_row(
                        err, ctx=ctx, doing=f"look up {key.masked}", call="apikeys.lookup", target=None
                    )
                    if err
                    else None
                )
                messages.append(error(f"{key.masked} ({key.source}): {row.summary if row else 'unknown'}"))
                continue
            by_project.setdefault(fetched.value.project_number, []).append(key)
        shared = {p: ks for p, ks in by_project.items() if len(ks) > 1}
        groups = sorted(by_project.items(), key=lambda item: -len(item[1]))
        messages[:0] = [info(f"project {p}: {', '.join(k.masked for k in ks)}") for p, ks in groups]
        if shared:
            worst = max(shared.items(), key=lambda item: len(item[1]))
            summary = (
                f"{len(worst[1])} keys share project {worst[0]}: several keys in one project do not "
                "multiply quota"
            )
            messages.append(
                hint(
                    "Quota is per project, not per key. To split load, create keys in different projects "
                    "(each with its own billing).",
                    "https://ai.google.dev/gemini-api/docs/rate-limits",
                )
            )
            return CheckResult(
                Status.WARN,
                summary,
                tuple(messages),
                fix="use keys from different projects to spread load (keys in one project share its quota)",
            )
        if unknown and not by_project:
            return CheckResult(Status.WARN, "could not look up any key's project", tuple(messages))
        summary = f"{len(by_project)} keys in {len(by_project)} distinct projects"
        if unknown:
            return CheckResult(Status.WARN, summary + f"; {unknown} could not be looked up", tuple(messages))
        return CheckResult(Status.OK, summary, tuple(messages))
