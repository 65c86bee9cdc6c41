"""Cloud checks: credentials, the key's project, its restrictions, billing, and the Gemini API."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gemquota.checks.base import CheckResult, Message, Status, error, hint, info
from gemquota.checks.common import (
    ADC_LOGIN,
    BELIEVED_BILLING,
    BILLING,
    BILLING_ACCOUNT,
    CREDS,
    KEYS,
    OPTIONS,
    PROJECT_INFO,
    SERVICE,
    TARGET,
    DoctorOptions,
    Fetched,
    Target,
    believed_project,
    failure_row,
)
from gemquota.context import Context
from gemquota.core.cloud import GEMINI_SERVICE, BillingInfo, KeyInfo
from gemquota.exceptions import GemquotaError, NotFound, PermissionDenied
from gemquota.keys import ApiKey
from gemquota.threads import DaemonPool

LOOKUP_ERROR = "key_lookup_error"
BELIEVED = "believed_project"
BILLING_URL = "https://console.cloud.google.com/billing"
ADC_URL = "https://cloud.google.com/docs/authentication/provide-credentials-adc"


def need_target(facts: Mapping[str, Any]) -> Target | CheckResult:
    """The project to look at, or the skip row saying why there is none."""
    target: Target | None = facts.get(TARGET)
    if target is not None:
        return target
    return CheckResult(Status.SKIP, "skipped: the key's project is unknown (see key-project)")


def project_label(target: Target, facts: Mapping[str, Any]) -> str:
    """The project's id when known (``acme-prod``), else ``project 123``."""
    if target.source == "named":
        return target.ref
    proj = facts.get(PROJECT_INFO)
    if proj is not None and proj.project_id:
        return str(proj.project_id)
    billing = facts.get(BILLING)
    if billing is not None and billing.project_id:
        return str(billing.project_id)
    return f"project {target.ref}"


@dataclass(frozen=True)
class CloudCredentialsCheck:
    """Application Default Credentials: type, principal, quota project, default project."""

    id: str = "cloud-credentials"
    title: str = "Google Cloud credentials"
    needs: tuple[str, ...] = ()
    hidden: bool = False

    def run(self, ctx: Context, facts: Mapping[str, Any]) -> CheckResult:
        from gemquota.sources import credentials

        reason = f"no Google Cloud credentials (run: {ADC_LOGIN})"
        try:
            creds = credentials.load_cloud_credentials(ctx)
        except GemquotaError as err:
            return CheckResult(
                Status.FAIL,
                f"credentials found but unusable: {err.message}",
                (error(err.hint or "Recreate them."), hint(f"Run: {ADC_LOGIN}", ADC_URL)),
                fix=ADC_LOGIN,
                facts={CREDS: None},
                proceed=False,
                blocked_reason=f"cloud credentials are unusable (run: {ADC_LOGIN})",
            )
        if creds is None:
            return CheckResult(
                Status.FAIL,
                "no Application Default Credentials found: project, billing and quota checks cannot run",
                (
                    info("Looked at GOOGLE_APPLICATION_CREDENTIALS and the gcloud ADC file."),
                    hint(f"Run: {ADC_LOGIN}", ADC_URL),
                ),
                fix=ADC_LOGIN,
                facts={CREDS: None},
                proceed=False,
                blocked_reason=reason,
            )
        ci = creds.info
        kind = {"token": "access token", "service-account": "service account"}.get(ci.kind, ci.kind)
        summary = f"{kind} {ci.principal}" if ci.principal else f"{kind} from {ci.source}"
        messages = [info(f"From {ci.source}")] if ci.principal else []
        quota_project = ctx.env.get("GOOGLE_CLOUD_QUOTA_PROJECT", "").strip() or ci.quota_project
        messages.append(info(f"Quota project: {quota_project or 'not set'}"))
        messages.append(info(f"Default project: {ci.project or 'not set'}"))
        status = Status.OK
        fix = None
        if not quota_project and ci.kind == "user":
            messages.append(
                hint(
                    "No quota project: some Cloud APIs will answer SERVICE_DISABLED for gcloud's own "
                    "project. Set one: gcloud auth application-default set-quota-project YOUR_PROJECT"
                )
            )
        return CheckResult(status, summary, tuple(messages), fix=fix, facts={CREDS: creds})


@dataclass(frozen=True)
class KeyLookup:
    """Hidden: map the first key to its project number (or take the named project without a key)."""

    id: str = "key-lookup"
    title: str = "Key lookup"
    needs: tuple[str, ...] = ("api-key", "cloud-credentials")
    hidden: bool = True

    def run(self, ctx: Context, facts: Mapping[str, Any]) -> CheckResult:
        from gemquota.sources import apikeys

        options: DoctorOptions = facts.get(OPTIONS) or DoctorOptions()
        creds = facts[CREDS]
        keys: tuple[ApiKey, ...] = facts.get(KEYS, ())
        believed = believed_project(ctx, options, creds.info.project)
        quota_project = ctx.env.get("GOOGLE_CLOUD_QUOTA_PROJECT", "").strip() or creds.info.quota_project
        b_name, b_source = believed if believed else (None, None)
        if not keys:
            if b_name is None:
                return CheckResult(
                    Status.SKIP,
                    "no API key and no project named",
                    blocked_reason="no API key and no project named (--key, or --project / GOOGLE_CLOUD_PROJECT)",
                )
            target = Target(b_name, None, "named", None, None, b_name, b_source, quota_project)
            return CheckResult(Status.OK, f"checking {b_name} ({b_source})", facts={TARGET: target})
        key = keys[0]
        fetched = Fetched[KeyInfo].of(lambda: apikeys.lookup_key(ctx, creds, key.value))
        if fetched.value is None:
            return CheckResult(
                Status.OK,
                "lookup failed",
                facts={TARGET: None, LOOKUP_ERROR: fetched.error, BELIEVED: b_name},
            )
        number = fetched.value.project_number
        target = Target(number, number, "key", key, fetched.value.key_name, b_name, b_source, quota_project)
        return CheckResult(Status.OK, f"project {number}", facts={TARGET: target})


@dataclass(frozen=True)
class KeyProjectCheck:
    """Which project owns the key: number, id, display name."""

    id: str = "key-project"
    title: str = "Project behind the key"
    needs: tuple[str, ...] = ("key-lookup",)
    hidden: bool = False

    def run(self, ctx: Context, facts: Mapping[str, Any]) -> CheckResult:
        from gemquota.sources import resourcemanager

        target: Target | None = facts.get(TARGET)
        if target is None:
            err: GemquotaError = facts[LOOKUP_ERROR]
            row = failure_row(
                err,
                ctx=ctx,
                doing="map the key to its project",
                call="apikeys.lookup",
                target=None,
                status=Status.FAIL,
                not_found="Google does not know this key: it was deleted or mistyped",
                project_hint=facts.get(BELIEVED),
            )
            extra: tuple[Message, ...] = (
                info("Without the key's project, the billing, API and quota checks cannot run."),
            )
            if isinstance(err, PermissionDenied):
                extra = (
                    info("keys:lookupKey needs apikeys.keys.lookup on the project that owns the key."),
                    *extra,
                )
            elif isinstance(err, NotFound):
                extra = (hint("Create a new key in AI Studio.", "https://aistudio.google.com/app/apikey"),)
            return CheckResult(
                row.status,
                row.summary,
                row.messages + extra,
                fix=row.fix,
                proceed=False,
                blocked_reason="the key's project is unknown (see key-project)",
                fault=row.fault,
            )
        if target.source == "named":
            return CheckResult(
                Status.SKIP,
                f"no API key: checking {target.ref} ({target.believed_source}) instead",
                proceed=True,
            )
        creds = facts[CREDS]
        fetched = Fetched.of(lambda: resourcemanager.get_project(ctx, creds, target.ref))
        if fetched.value is None:
            assert fetched.error is not None
            row = failure_row(
                fetched.error,
                ctx=ctx,
                doing="read the project's id and name",
                call="resourcemanager",
                target=target,
            )
            return CheckResult(
                Status.WARN,
                f"project number {target.number} ({row.summary})",
                row.messages,
                fix=row.fix,
                proceed=True,
                fault=row.fault,
            )
        proj = fetched.value
        name = f' "{proj.display_name}"' if proj.display_name else ""
        summary = f"{proj.project_id} (number {proj.number}{',' if name else ''}{name})"
        messages = [
            info(f"Key {target.key.masked if target.key else ''} belongs to project {proj.project_id}.")
        ]
        if proj.state and proj.state != "ACTIVE":
            return CheckResult(
                Status.FAIL,
                summary + f" is {proj.state}",
                (error(f"The project is {proj.state}: its keys stop working."),),
                fix=f"gcloud projects undelete {proj.project_id}",
                facts={PROJECT_INFO: proj},
                proceed=True,
            )
        return CheckResult(Status.OK, summary, tuple(messages), facts={PROJECT_INFO: proj})


@dataclass(frozen=True)
class KeyRestrictionsCheck:
    """The key may call the Gemini API, from a server or CLI."""

    id: str = "key-restrictions"
    title: str = "Key restrictions"
    needs: tuple[str, ...] = ("key-lookup",)
    hidden: bool = False

    def run(self, ctx: Context, facts: Mapping[str, Any]) -> CheckResult:
        from gemquota.sources import apikeys

        target = need_target(facts)
        if isinstance(target, CheckResult):
            return target
        if target.key is None:
            return CheckResult(Status.SKIP, "no API key")
        if not target.key_name:
            return CheckResult(Status.SKIP, "the key's resource name is unknown (lookupKey gave none)")
        creds = facts[CREDS]
        fetched = Fetched.of(lambda: apikeys.get_key_restrictions(ctx, creds, target.key_name or ""))
        if fetched.value is None:
            assert fetched.error is not None
            return failure_row(
                fetched.error,
                ctx=ctx,
                doing="read the key's restrictions",
                call="apikeys.get",
                target=target,
                status=Status.WARN,
            )
        r = fetched.value
        messages = []
        status = Status.OK
        fix = None
        key_url = "https://console.cloud.google.com/apis/credentials"
        if r.api_targets is None:
            summary = "no API restriction"
        elif GEMINI_SERVICE in r.api_targets:
            others = len(r.api_targets) - 1
            summary = f"may call {GEMINI_SERVICE}" + (f" and {others} other API(s)" if others else " only")
        else:
            status = Status.FAIL
            summary = f"the key may not call {GEMINI_SERVICE} (403 API_KEY_SERVICE_BLOCKED)"
            messages.append(error("Allowed APIs: " + (", ".join(r.api_targets) or "none")))
            fix = f"add {GEMINI_SERVICE} to the key's API restrictions in the Cloud console"
        blockers = []
        if r.has_browser_restriction or r.browser_referrers:
            blockers.append("HTTP referrers (browsers only; server and CLI calls send none)")
        if r.has_android_restriction or r.android_apps:
            blockers.append("Android apps")
        if r.has_ios_restriction or r.ios_bundle_ids:
            blockers.append("iOS apps")
        if blockers:
            if status is Status.OK:
                status = Status.WARN
                summary += "; application restriction: " + ", ".join(blockers)
            messages.append(
                error(
                    "Application restriction: "
                    + ", ".join(blockers)
                    + ". Calls from a server, script or CLI are refused (403)."
                )
            )
            fix = fix or "use a key without application restrictions for server/CLI use"
        if r.has_server_restriction or r.server_ips:
            ips = ", ".join(r.server_ips) or "some IP addresses"
            messages.append(info(f"Only callable from {ips}."))
        if messages:
            messages.append(hint("Edit the key's restrictions.", key_url))
        return CheckResult(status, summary, tuple(messages), fix=fix)


@dataclass(frozen=True)
class BilledProjectCheck:
    """The headline: is billing on the key's project, or on another one you believe is billed?"""

    id: str = "billed-project"
    title: str = "Billing on the key's project"
    needs: tuple[str, ...] = ("key-lookup",)
    hidden: bool = False

    def run(self, ctx: Context, facts: Mapping[str, Any]) -> CheckResult:
        from gemquota.sources import billing

        target = need_target(facts)
        if isinstance(target, CheckResult):
            return target
        creds = facts[CREDS]
        other = target.believed if target.believed and target.believed not in target.names() else None

        def read(project: str) -> Fetched[BillingInfo]:
            return Fetched[BillingInfo].of(lambda: billing.get_billing_info(ctx, creds, project))

        with DaemonPool(2) as pool:
            mine_f = pool.submit(read, target.ref)
            theirs_f = pool.submit(read, other) if other else None
            mine = mine_f.result()
            theirs = theirs_f.result() if theirs_f else None
        if mine.value is None:
            assert mine.error is not None
            row = failure_row(
                mine.error,
                ctx=ctx,
                doing=f"read billing of {target.ref}",
                call="billing.info",
                target=target,
                status=Status.FAIL,
            )
            return CheckResult(
                row.status,
                row.summary,
                row.messages,
                fix=row.fix,
                facts={BILLING: None},
                proceed=True,
                fault=row.fault,
            )
        info_ = mine.value
        key_name = info_.project_id or target.ref
        if other and theirs is not None and theirs.value is not None and info_.project_id == other:
            other, theirs = None, None  # the named project is the key's project, written by id
        facts_out: dict[str, Any] = {BILLING: info_, BELIEVED_BILLING: theirs.value if theirs else None}
        messages = []
        if target.source == "named":
            messages.append(info(f"No API key: looking at {target.ref} ({target.believed_source})."))
        if info_.billing_enabled:
            summary = f"billing is enabled on {key_name} ({info_.account_name or 'account unknown'})"
            if other:
                messages.append(
                    info(
                        f"You named {other} ({target.believed_source}), but your key belongs to {key_name}; "
                        f"quota and billing that count are {key_name}'s."
                    )
                )
            return CheckResult(Status.OK, summary, tuple(messages), facts=facts_out)
        link = f"gcloud billing projects link {key_name} --billing-account=ACCOUNT_ID"
        if other and theirs is not None and theirs.value is not None and theirs.value.billing_enabled:
            summary = f"billing is on {other} but your key belongs to {key_name}"
            account = (theirs.value.account_name or "").removeprefix("billingAccounts/")
            if account:  # the account that pays for the named project can pay for the key's one too
                link = f"gcloud billing projects link {key_name} --billing-account={account}"
            short_fix = f"create your API key in {other} (the billed project), or link billing to {key_name}"
            messages += [
                error(
                    f"{key_name} has no billing, so the key runs on the free tier, whatever {other} pays for "
                    f"({target.believed_source} names {other})."
                ),
                hint(
                    f"Either create a key in {other} (the billed project):",
                    "https://aistudio.google.com/app/apikey",
                ),
                hint(f"or link billing to {key_name}: {link}", BILLING_URL),
            ]
            return CheckResult(
                Status.FAIL,
                summary,
                tuple(messages),
                fix=short_fix,
                facts=facts_out,
                proceed=True,
            )
        if other and theirs is not None and theirs.value is None and theirs.error is not None:
            row = failure_row(
                theirs.error, ctx=ctx, doing=f"read billing of {other}", call="billing.info", target=target
            )
            messages.append(info(f"{other} ({target.believed_source}): {row.summary}"))
        if other and theirs is not None and theirs.value is not None:
            messages.append(info(f"{other} ({target.believed_source}) has no billing either."))
        # Only an explicit --project is a claim that this very project is billed; GOOGLE_CLOUD_PROJECT
        # and the ADC project are often just the default project.
        expected = target.believed_source == "--project" and not other
        summary = f"billing is not enabled on {key_name}: it runs on the free tier"
        messages.append(
            hint(f"To use paid limits, link a billing account to {key_name}: {link}", BILLING_URL)
        )
        status = Status.FAIL if expected or other else Status.WARN
        if expected:
            messages.insert(0, error(f"You named {key_name} (--project) as billed, but it has no billing."))
        return CheckResult(status, summary, tuple(messages), fix=link, facts=facts_out, proceed=True)


@dataclass(frozen=True)
class BillingAccountCheck:
    """Is the linked billing account open?"""

    id: str = "billing-account"
    title: str = "Billing account"
    needs: tuple[str, ...] = ("billed-project",)
    hidden: bool = False

    def run(self, ctx: Context, facts: Mapping[str, Any]) -> CheckResult:
        from gemquota.sources import billing

        info_: BillingInfo | None = facts.get(BILLING)
        target = need_target(facts)
        if isinstance(target, CheckResult):
            return target
        if info_ is None:
            return CheckResult(Status.SKIP, "skipped: billing of the key's project could not be read")
        if not info_.account_name:
            return CheckResult(Status.SKIP, "no billing account is linked to the key's project")
        creds = facts[CREDS]
        name = info_.account_name
        fetched = Fetched.of(lambda: billing.get_billing_account(ctx, creds, name))
        if fetched.value is None:
            assert fetched.error is not None
            row = failure_row(
                fetched.error,
                ctx=ctx,
                doing=f"read {name}",
                call="billing.account",
                target=target,
                status=Status.WARN,
            )
            return CheckResult(row.status, row.summary, row.messages, fix=row.fix, fault=row.fault)
        account = fetched.value
        label = f'"{account.display_name}" ({account.name})' if account.display_name else account.name
        if account.open:
            return CheckResult(Status.OK, f"{label} is open", facts={BILLING_ACCOUNT: account})
        return CheckResult(
            Status.FAIL,
            f"{label} is closed: paid quota does not apply",
            (
                error("A closed billing account behaves like no billing."),
                hint("Reopen it or link another.", BILLING_URL),
            ),
            fix=f"reopen {account.name} or link an open account: {BILLING_URL}",
            facts={BILLING_ACCOUNT: account},
        )


@dataclass(frozen=True)
class ApiEnabledCheck:
    """Generative Language API enabled on the key's project."""

    id: str = "api-enabled"
    title: str = "Gemini API enabled"
    needs: tuple[str, ...] = ("key-lookup", "key-project")
    hidden: bool = False

    def run(self, ctx: Context, facts: Mapping[str, Any]) -> CheckResult:
        from gemquota.sources import serviceusage

        target = need_target(facts)
        if isinstance(target, CheckResult):
            return target
        creds = facts[CREDS]
        fetched = Fetched.of(lambda: serviceusage.get_service(ctx, creds, target.ref))
        if fetched.value is None:
            assert fetched.error is not None
            return failure_row(
                fetched.error,
                ctx=ctx,
                doing=f"read the services of {target.ref}",
                call="serviceusage",
                target=target,
                status=Status.WARN,
            )
        state = fetched.value
        if state.enabled:
            return CheckResult(
                Status.OK,
                f"{GEMINI_SERVICE} is enabled on {project_label(target, facts)}",
                facts={SERVICE: state},
            )
        url = f"https://console.cloud.google.com/apis/library/{GEMINI_SERVICE}?project={target.ref}"
        fix = f"gcloud services enable {GEMINI_SERVICE} --project {target.ref}"
        return CheckResult(
            Status.FAIL,
            f"{GEMINI_SERVICE} is {state.state.lower()} on {project_label(target, facts)}: every call gets 403 SERVICE_DISABLED",
            (error("Enable the Generative Language API on the key's project."), hint(fix, url)),
            fix=fix,
            facts={SERVICE: state},
        )
