"""Cloud checks: credentials, the key's project, its restrictions, billing, and the Gemini API."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from gemquota.checks.base import CheckResult, Fact, Facts, Message, Status, error, hint, info
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
from gemquota.checks.keys import ACCEPTANCE_CACHE, KEY_PROJECTS, AcceptanceCache, KeyProject
from gemquota.context import Context
from gemquota.core.cloud import (
    GEMINI_SERVICE,
    BillingInfo,
    KeyInfo,
    KeyRestrictions,
    ProjectInfo,
    QuotaLimit,
)
from gemquota.exceptions import GemquotaError, NotFound, PermissionDenied
from gemquota.keys import KeyKind

LOOKUP_ERROR: Fact[GemquotaError | None] = Fact("key_lookup_error")
BELIEVED: Fact[str | None] = Fact("believed_project")
PROJECT_ERROR: Fact[GemquotaError | None] = Fact("project_error")
KEY_DETAILS: Fact[Fetched[KeyRestrictions] | None] = Fact("key_details")
#: Credentials were found (named) but cannot be used: a row to fix, not "no credentials at all".
CREDS_ERROR: Fact[GemquotaError] = Fact("creds_error")
#: What every check skipped for want of cloud credentials says (one line in the compact output).
NEEDS_CLOUD_CREDENTIALS = "needs Google Cloud credentials (see cloud-credentials)"
BILLING_URL = "https://console.cloud.google.com/billing"
ADC_URL = "https://cloud.google.com/docs/authentication/provide-credentials-adc"


def need_target(facts: Facts) -> Target | CheckResult:
    """The project to look at, or the skip row saying why there is none."""
    target: Target | None = facts.get(TARGET)
    if target is not None:
        return target
    return CheckResult(Status.SKIP, "skipped: the key's project is unknown (see key-project)")


def project_ref(target: Target, facts: Facts) -> str:
    """What to call a project's APIs with: its id once Resource Manager gave it, else what we have."""
    proj = facts.get(PROJECT_INFO)
    if proj is not None and proj.project_id:
        return proj.project_id
    return target.ref


def project_label(target: Target, facts: Facts) -> str:
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


GAC = "GOOGLE_APPLICATION_CREDENTIALS"


def _no_credentials(facts: Facts) -> CheckResult:
    """No cloud credentials: one row that says once what needs them (and a fail only without a key)."""
    from gemquota.core.iam import CALLS, QUOTA_PROJECT_ROLE, cloud_apis

    has_key = bool(facts.get(KEYS, ()))
    cloud = [c for c in CALLS if c.permission is not None]
    needs = list(dict.fromkeys(check for c in cloud for check in c.checks))
    needs += [c for c in ("tier",) if c not in needs]  # tier reads the billing and usage facts above
    roles = list(dict.fromkeys(c.role_text for c in cloud if c.role_text))
    messages = (
        info(f"Checks that need them: {', '.join(needs)}."),
        info(
            "IAM roles (read-only) on the key's project: "
            + ", ".join(roles)
            + f"; {QUOTA_PROJECT_ROLE} on your quota project."
        ),
        info(f"APIs enabled on your quota project: {', '.join(cloud_apis())}."),
        hint(f"Run: {ADC_LOGIN}  (or set {GAC} to a service-account key file)", ADC_URL),
    )
    if has_key:
        return CheckResult(
            Status.SKIP,
            "none (key only): what the key allows was checked; project, billing and quota checks need "
            "Google Cloud credentials",
            messages,
            fix=ADC_LOGIN,
            facts={CREDS: None},
            proceed=False,
            blocked_reason=NEEDS_CLOUD_CREDENTIALS,
        )
    return CheckResult(
        Status.FAIL,
        "no Application Default Credentials found: project, billing and quota checks cannot run",
        (
            info(f"Looked at {GAC}, the gcloud ADC file and (on Google runtimes) the metadata server."),
            *messages,
        ),
        fix=ADC_LOGIN,
        facts={CREDS: None},
        proceed=False,
        blocked_reason=NEEDS_CLOUD_CREDENTIALS,
    )


@dataclass(frozen=True)
class CloudCredentialsCheck:
    """Application Default Credentials: type, principal, quota project, default project."""

    id: str = "cloud-credentials"
    title: str = "Google Cloud credentials"
    needs: tuple[str, ...] = ()
    hidden: bool = False
    provides: tuple[Fact[Any], ...] = (CREDS, CREDS_ERROR)

    def run(self, ctx: Context, facts: Facts) -> CheckResult:
        from gemquota.sources import credentials

        try:
            creds = credentials.load_cloud_credentials(ctx)
        except GemquotaError as err:
            named = ctx.env.get(GAC, "").strip()
            broken_gac = bool(named) and (err.hint or "").startswith(f"correct or unset {GAC}")
            fix = f"correct or unset {GAC}" if broken_gac else ADC_LOGIN
            hints = (
                (
                    hint(f"Point {GAC} at a valid key file, or unset it to use gcloud's ADC."),
                    hint(f"unset {GAC}"),
                )
                if broken_gac
                else (hint(f"Run: {ADC_LOGIN}", ADC_URL),)
            )
            return CheckResult(
                Status.FAIL,
                f"credentials found but unusable: {err.message}",
                (error(err.hint or "Recreate them.") if not broken_gac else error(err.message), *hints),
                fix=fix,
                facts={CREDS: None, CREDS_ERROR: err},
                proceed=False,
                blocked_reason=f"cloud credentials are unusable (fix: {fix})",
            )
        if creds is None:
            return _no_credentials(facts)
        ci = creds.info
        kind = {"token": "access token", "service-account": "service account"}.get(ci.kind, ci.kind)
        summary = f"{kind} {ci.principal}" if ci.principal else f"{kind} from {ci.source}"
        messages = [info(f"From {ci.source}")] if ci.principal else []
        quota_project = ctx.env.get("GOOGLE_CLOUD_QUOTA_PROJECT", "").strip() or ci.quota_project
        messages.append(info(f"Quota project: {quota_project or 'not set'}"))
        messages.append(info(f"Default project: {ci.project or 'not set'}"))
        if not quota_project and ci.kind == "user":
            messages.append(
                hint(
                    "No quota project: some Cloud APIs will answer SERVICE_DISABLED for gcloud's own "
                    "project. Set one: gcloud auth application-default set-quota-project YOUR_PROJECT"
                )
            )
        return CheckResult(Status.OK, summary, tuple(messages), facts={CREDS: creds})


@dataclass(frozen=True)
class KeyLookup:
    """Hidden: map the first key to its project number (or take the named project without a key).

    When lookupKey cannot resolve the key, a project number a Gemini error body named (``consumer:
    projects/N``, from key-accepted's free calls) is used, else the project the user named."""

    id: str = "key-lookup"
    title: str = "Key lookup"
    needs: tuple[str, ...] = ("cloud-credentials",)
    hidden: bool = True
    provides: tuple[Fact[Any], ...] = (TARGET, LOOKUP_ERROR, BELIEVED)

    def run(self, ctx: Context, facts: Facts) -> CheckResult:
        from gemquota.sources import apikeys

        options: DoctorOptions = facts.get(OPTIONS) or DoctorOptions()
        creds = facts[CREDS]
        assert creds is not None
        keys = facts.get(KEYS, ())
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
        if fetched.value is not None:
            number = fetched.value.project_number
            target = Target(
                number, number, "key", key, fetched.value.key_name, b_name, b_source, quota_project
            )
            return CheckResult(Status.OK, f"project {number}", facts={TARGET: target})
        failed: dict[Fact[Any], Any] = {TARGET: None, LOOKUP_ERROR: fetched.error, BELIEVED: b_name}
        leaked: str | None = None
        if key.kind is not KeyKind.UNKNOWN:
            cache = facts.get(ACCEPTANCE_CACHE) or AcceptanceCache()
            leaked = cache.get(ctx, key).leaked_project
        if leaked:
            target = Target(leaked, leaked, "leaked", key, None, b_name, b_source, quota_project)
            return CheckResult(
                Status.OK, f"project {leaked} (from a Gemini error body)", facts={**failed, TARGET: target}
            )
        if b_name is not None and b_source == "--project":
            target = Target(b_name, None, "named", key, None, b_name, b_source, quota_project)
            return CheckResult(Status.OK, f"checking {b_name} (--project)", facts={**failed, TARGET: target})
        return CheckResult(Status.OK, "lookup failed", facts=failed)


@dataclass(frozen=True)
class ProjectInfoFetch:
    """Hidden: Resource Manager projects.get of the project to look at (its id, name, state)."""

    id: str = "project-info"
    title: str = "Project info"
    needs: tuple[str, ...] = ("key-lookup",)
    hidden: bool = True
    provides: tuple[Fact[Any], ...] = (PROJECT_INFO, PROJECT_ERROR)

    def run(self, ctx: Context, facts: Facts) -> CheckResult:
        from gemquota.sources import resourcemanager

        target = facts.get(TARGET)
        creds = facts.get(CREDS)
        if target is None or creds is None:
            return CheckResult(Status.OK, "no project")
        fetched = Fetched[ProjectInfo].of(lambda: resourcemanager.get_project(ctx, creds, target.ref))
        if fetched.value is None:
            return CheckResult(Status.OK, "unreadable", facts={PROJECT_ERROR: fetched.error})
        return CheckResult(Status.OK, fetched.value.project_id, facts={PROJECT_INFO: fetched.value})


@dataclass(frozen=True)
class KeyDetailsFetch:
    """Hidden: API Keys keys.get of the key (restrictions, bound service account), read once."""

    id: str = "key-details"
    title: str = "Key details"
    needs: tuple[str, ...] = ("key-lookup",)
    hidden: bool = True
    provides: tuple[Fact[Any], ...] = (KEY_DETAILS,)

    def run(self, ctx: Context, facts: Facts) -> CheckResult:
        from gemquota.sources import apikeys

        target = facts.get(TARGET)
        creds = facts.get(CREDS)
        if target is None or creds is None or not target.key_name:
            return CheckResult(Status.OK, "no key resource", facts={KEY_DETAILS: None})
        name = target.key_name
        fetched = Fetched[KeyRestrictions].of(lambda: apikeys.get_key_restrictions(ctx, creds, name))
        return CheckResult(Status.OK, "read", facts={KEY_DETAILS: fetched})


@dataclass(frozen=True)
class KeyProjectCheck:
    """Which project owns the key: number, id, display name; for an auth key its service account."""

    id: str = "key-project"
    title: str = "Project behind the key"
    needs: tuple[str, ...] = ("key-lookup", "project-info", "key-details")
    hidden: bool = False
    provides: tuple[Fact[Any], ...] = ()

    def run(self, ctx: Context, facts: Facts) -> CheckResult:
        target = facts.get(TARGET)
        keys = facts.get(KEYS, ())
        key = keys[0] if keys else None
        lookup_error = facts.get(LOOKUP_ERROR)
        if lookup_error is not None and (target is None or target.source != "key"):
            return self._unresolved(ctx, facts, lookup_error, target)
        assert target is not None
        if target.source == "named" and key is None:
            return CheckResult(
                Status.SKIP,
                f"no API key: checking {target.ref} ({target.believed_source}) instead",
                proceed=True,
            )
        proj = facts.get(PROJECT_INFO)
        messages: list[Message] = []
        details = facts.get(KEY_DETAILS)
        sa_line = _service_account_line(key, details)
        if proj is None:
            err = facts.get(PROJECT_ERROR)
            row = (
                failure_row(
                    err,
                    ctx=ctx,
                    doing="read the project's id and name",
                    call="resourcemanager",
                    target=target,
                )
                if err is not None
                else None
            )
            summary = f"project number {target.number}" + (f" ({row.summary})" if row else "")
            return CheckResult(
                Status.WARN,
                summary,
                (*(row.messages if row else ()), *sa_line),
                fix=row.fix if row else None,
                fault=bool(row and row.fault),
                proceed=True,
            )
        name = f' "{proj.display_name}"' if proj.display_name else ""
        summary = f"{proj.project_id} (number {proj.number}{',' if name else ''}{name})"
        if key is not None:
            messages.append(info(f"Key {key.masked} belongs to project {proj.project_id}."))
        messages.extend(sa_line)
        if proj.state and proj.state != "ACTIVE":
            return CheckResult(
                Status.FAIL,
                summary + f" is {proj.state}",
                (error(f"The project is {proj.state}: its keys stop working."), *messages),
                fix=f"gcloud projects undelete {proj.project_id}",
                proceed=True,
            )
        return CheckResult(Status.OK, summary, tuple(messages))

    def _unresolved(
        self, ctx: Context, facts: Facts, err: GemquotaError, target: Target | None
    ) -> CheckResult:
        keys = facts.get(KEYS, ())
        key = keys[0] if keys else None
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
        if target is not None:  # a leaked project number or --project stands in
            how = (
                "a Gemini error body named it (consumer)"
                if target.source == "leaked"
                else f"you named it ({target.believed_source})"
            )
            return CheckResult(
                Status.WARN,
                f"project {target.ref}: {how}; lookupKey could not confirm it ({row.summary})",
                row.messages,
                fix=row.fix,
                proceed=True,
                fault=row.fault,
            )
        auth = key is not None and key.kind is KeyKind.AUTH
        pass_project = hint(
            "Or name the project the key was created in: gemquota doctor --project PROJECT_ID"
        )
        no_project = info("Without the key's project, the billing, API and quota checks cannot run.")
        if not isinstance(err, NotFound):  # our credentials could not ask: say which permission/setting
            extra: list[Message] = list(row.messages)
            if isinstance(err, PermissionDenied):
                extra.append(
                    info("keys:lookupKey needs apikeys.keys.lookup on the project that owns the key.")
                )
            if isinstance(err, PermissionDenied):  # also how a key of a project you cannot see looks
                extra.append(pass_project)
            return CheckResult(
                row.status,
                row.summary,
                (*extra, no_project),
                fix=row.fix,
                proceed=False,
                blocked_reason="the key's project is unknown (see key-project)",
                fault=row.fault,
            )
        if auth:
            # Whether lookupKey resolves auth keys is not documented: never call the key invalid here.
            return CheckResult(
                Status.WARN,
                "unknown — pass --project (lookupKey did not resolve this auth key)",
                (
                    info(
                        "lookupKey answered NOT_FOUND for this auth key; that does not make the key invalid "
                        "(key-accepted says whether Google accepts it)."
                    ),
                    hint("Name the project the key was created in: gemquota doctor --project PROJECT_ID"),
                    no_project,
                ),
                fix="gemquota doctor --project PROJECT_ID (the project the key was created in)",
                proceed=False,
                blocked_reason="the key's project is unknown (pass --project)",
            )
        return CheckResult(
            Status.FAIL,
            row.summary,
            (*row.messages, hint("Create a new key in AI Studio.", "https://aistudio.google.com/app/apikey")),
            fix=row.fix or "create a new key in AI Studio: https://aistudio.google.com/app/apikey",
            fault=row.fault,
            proceed=False,
            blocked_reason="the key's project is unknown (see key-project)",
        )


def _service_account_line(key: Any, details: Fetched[KeyRestrictions] | None) -> tuple[Message, ...]:
    """What keys.get says about the key's binding; an unreadable keys.get is an info line only."""
    if key is None or details is None:
        return ()
    if details.value is None:
        why = details.error.message if details.error else "unreadable"
        return (info(f"keys.get could not be read ({why}): the bound service account is not known."),)
    sa = details.value.service_account_email
    if sa:
        return (info(f"Auth key bound to service account {sa}."),)
    if key.kind is KeyKind.AUTH:
        return (info("keys.get shows no bound service account for this key."),)
    return (info("Standard key: not bound to a service account (keys.get)."),)


@dataclass(frozen=True)
class KeyRestrictionsCheck:
    """The key may call the Gemini API, from a server or CLI."""

    id: str = "key-restrictions"
    title: str = "Key restrictions"
    needs: tuple[str, ...] = ("key-lookup", "key-details")
    hidden: bool = False
    provides: tuple[Fact[Any], ...] = ()

    def run(self, ctx: Context, facts: Facts) -> CheckResult:
        target = need_target(facts)
        if isinstance(target, CheckResult):
            return target
        if target.key is None:
            return CheckResult(Status.SKIP, "no API key")
        if not target.key_name:
            return CheckResult(Status.SKIP, "the key's resource name is unknown (lookupKey gave none)")
        fetched = facts.get(KEY_DETAILS)
        if fetched is None or fetched.value is None:
            if fetched is None or fetched.error is None:
                return CheckResult(Status.SKIP, "keys.get was not read")
            return failure_row(
                fetched.error,
                ctx=ctx,
                doing="read the key's restrictions",
                call="apikeys.get",
                target=target,
                status=Status.WARN,
            )
        standard = target.key.kind is KeyKind.STANDARD
        r = fetched.value
        messages = []
        status = Status.OK
        fix = None
        key_url = "https://console.cloud.google.com/apis/credentials"
        if (
            r.api_targets is None
            and standard
            and not any(
                (
                    r.has_browser_restriction,
                    r.has_server_restriction,
                    r.has_android_restriction,
                    r.has_ios_restriction,
                )
            )
        ):
            status = Status.FAIL
            summary = "unrestricted standard key: the Gemini API rejects these since 2026-06-19"
            messages.append(
                error(
                    "An unrestricted standard (AIza) key is refused by the Gemini API since 2026-06-19, and "
                    "every standard key since September 2026 (see api-key)."
                )
            )
            fix = "create an auth key in AI Studio (restricting this standard key no longer keeps it working)"
        elif r.api_targets is None:
            summary = "no API restriction" + (
                " (an auth key: limited to the Gemini API by default)" if not standard else ""
            )
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
class ProjectSummary:
    """One key's project as ``data.projects`` lists it (SPEC §3)."""

    project_number: str | None
    project_id: str | None
    keys: tuple[str, ...]  #: masked keys in this project
    billing_enabled: bool | None
    api_enabled: bool | None = None
    errors: tuple[str, ...] = ()
    #: Cloud Quotas limits of the project (None: not read)
    limits: tuple[QuotaLimit, ...] | None = None

    @property
    def label(self) -> str:
        return self.project_id or f"project {self.project_number}"

    @property
    def tier(self) -> str | None:
        """``free`` without billing, ``paid`` with it (the exact tier is set on the billing account)."""
        if self.billing_enabled is None:
            return None
        return "paid" if self.billing_enabled else "free"


#: Every other key's project (the first key's is the target of the other checks).
OTHER_PROJECTS: Fact[tuple[ProjectSummary, ...]] = Fact("other_projects")


@dataclass(frozen=True)
class KeyProjectsFetch:
    """Hidden: lookupKey for every key; billing and the Gemini API of every other key's project."""

    id: str = "key-projects"
    title: str = "Projects of the keys"
    needs: tuple[str, ...] = ("key-lookup",)
    hidden: bool = True
    provides: tuple[Fact[Any], ...] = (KEY_PROJECTS, OTHER_PROJECTS)

    def run(self, ctx: Context, facts: Facts) -> CheckResult:
        from gemquota.sources import apikeys

        keys = facts.get(KEYS, ())
        creds = facts.get(CREDS)
        target = facts.get(TARGET)
        if creds is None or not keys:
            return CheckResult(Status.OK, "no keys", facts={KEY_PROJECTS: (), OTHER_PROJECTS: ()})
        first = KeyProject(
            keys[0],
            target.number if target is not None and target.source == "key" else None,
            facts.get(LOOKUP_ERROR),
        )
        rest = keys[1:]
        with ThreadPoolExecutor(max_workers=max(1, min(8, len(rest)))) as pool:
            found = list(
                pool.map(lambda k: Fetched[KeyInfo].of(lambda: apikeys.lookup_key(ctx, creds, k.value)), rest)
            )
        mapped = (
            first,
            *(
                KeyProject(k, f.value.project_number if f.value else None, f.error)
                for k, f in zip(rest, found, strict=True)
            ),
        )
        main = target.number if target is not None else None
        numbers = list(dict.fromkeys(kp.number for kp in mapped if kp.number and kp.number != main))
        with ThreadPoolExecutor(max_workers=max(1, min(8, len(numbers)))) as pool:
            others = tuple(
                pool.map(
                    lambda n: _summarize(
                        ctx, creds, n, tuple(kp.key.masked for kp in mapped if kp.number == n)
                    ),
                    numbers,
                )
            )
        return CheckResult(
            Status.OK, f"{len(mapped)} keys", facts={KEY_PROJECTS: mapped, OTHER_PROJECTS: others}
        )


def _summarize(ctx: Context, creds: Any, number: str, keys: tuple[str, ...]) -> ProjectSummary:
    """Id, billing and Gemini API state of one more key's project (billing read by id when known)."""
    from gemquota.sources import billing, cloudquotas, resourcemanager, serviceusage

    errors: list[str] = []
    proj = Fetched[ProjectInfo].of(lambda: resourcemanager.get_project(ctx, creds, number))
    ref = proj.value.project_id if proj.value else number
    if proj.error is not None:
        errors.append(proj.error.message)
    with ThreadPoolExecutor(max_workers=3) as pool:
        bill_f = pool.submit(Fetched[BillingInfo].of, lambda: billing.get_billing_info(ctx, creds, ref))
        svc_f = pool.submit(Fetched[Any].of, lambda: serviceusage.get_service(ctx, creds, ref))
        lim_f = pool.submit(
            Fetched[tuple[QuotaLimit, ...]].of, lambda: cloudquotas.list_quota_limits(ctx, creds, ref)
        )
        bill, svc, lim = bill_f.result(), svc_f.result(), lim_f.result()
    errors += [f.error.message for f in (bill, svc, lim) if f.error is not None]
    return ProjectSummary(
        project_number=number,
        project_id=(proj.value.project_id if proj.value else None)
        or (bill.value.project_id if bill.value else None),
        keys=keys,
        billing_enabled=bill.value.billing_enabled if bill.value else None,
        api_enabled=svc.value.enabled if svc.value else None,
        errors=tuple(errors),
        limits=lim.value,
    )


def _mixed_billing(facts: Facts, mine: BillingInfo | None, label: str) -> tuple[Message, ...]:
    """A key in an unbilled project among billed ones (or the reverse): the finding, one line per project."""
    others = facts.get(OTHER_PROJECTS, ())
    if not others:
        return ()
    billed = [o.label for o in others if o.billing_enabled] + (
        [label] if mine and mine.billing_enabled else []
    )
    unbilled = [o for o in others if o.billing_enabled is False]
    if mine is not None and not mine.billing_enabled:
        unbilled_labels = [label] + [o.label for o in unbilled]
    else:
        unbilled_labels = [o.label for o in unbilled]
    lines: list[Message] = []
    for o in others:
        state = {True: "billing enabled", False: "NO billing (free tier)", None: "billing unknown"}[
            o.billing_enabled
        ]
        lines.append(info(f"{', '.join(o.keys)} → {o.label}: {state}"))
    if billed and unbilled_labels:
        lines.insert(
            0,
            error(
                f"Your keys are spread over billed ({', '.join(billed)}) and unbilled "
                f"({', '.join(unbilled_labels)}) projects: calls with a key of an unbilled project run on "
                "the free tier, whatever the others pay for."
            ),
        )
    return tuple(lines)


@dataclass(frozen=True)
class BilledProjectCheck:
    """The headline: is billing on the key's project, or on another one you believe is billed?"""

    id: str = "billed-project"
    title: str = "Billing on the key's project"
    needs: tuple[str, ...] = ("key-lookup", "project-info", "key-projects")
    hidden: bool = False
    provides: tuple[Fact[Any], ...] = (BILLING, BELIEVED_BILLING)

    def run(self, ctx: Context, facts: Facts) -> CheckResult:
        result = self._main(ctx, facts)
        mine = result.facts.get(BILLING)
        target = facts.get(TARGET)
        label = project_label(target, facts) if target is not None else "the key's project"
        mixed = _mixed_billing(facts, mine, label)
        if not mixed:
            return result
        finding = any(m.level.value == "error" for m in mixed)
        status = Status.FAIL if finding else result.status
        summary = result.summary
        fix = result.fix
        if finding and result.status is not Status.FAIL:
            unbilled = [o.label for o in facts.get(OTHER_PROJECTS, ()) if o.billing_enabled is False]
            if mine is not None and not mine.billing_enabled:
                unbilled.insert(0, label)
            summary += f"; but keys in {', '.join(unbilled)} have no billing"
            fix = f"link billing to {', '.join(unbilled)} or use keys of a billed project"
        return CheckResult(
            status,
            summary,
            (*result.messages, *mixed),
            fix=fix,
            facts=result.facts,
            proceed=result.lets_dependants_run,  # the key's own project is still worth checking
            blocked_reason=result.blocked_reason,
        )

    def _main(self, ctx: Context, facts: Facts) -> CheckResult:
        from gemquota.sources import billing

        target = need_target(facts)
        if isinstance(target, CheckResult):
            return target
        creds = facts[CREDS]
        other = target.believed if target.believed and target.believed not in target.names() else None
        proj = facts.get(PROJECT_INFO)
        if other and proj is not None and other in (proj.project_id, proj.number):
            other = None
        ref = project_ref(target, facts)

        def read(project: str) -> Fetched[BillingInfo]:
            return Fetched[BillingInfo].of(lambda: billing.get_billing_info(ctx, creds, project))

        with ThreadPoolExecutor(max_workers=2) as pool:
            mine_f = pool.submit(read, ref)
            theirs_f = pool.submit(read, other) if other else None
            mine = mine_f.result()
            theirs = theirs_f.result() if theirs_f else None
        if mine.value is None:
            assert mine.error is not None
            row = failure_row(
                mine.error,
                ctx=ctx,
                doing=f"read billing of {ref}",
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
        facts_out: dict[Fact[Any], Any] = {BILLING: info_, BELIEVED_BILLING: theirs.value if theirs else None}
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
    provides: tuple[Fact[Any], ...] = (BILLING_ACCOUNT,)

    def run(self, ctx: Context, facts: Facts) -> CheckResult:
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
    needs: tuple[str, ...] = ("key-lookup", "project-info", "key-projects")
    hidden: bool = False
    provides: tuple[Fact[Any], ...] = (SERVICE,)

    def run(self, ctx: Context, facts: Facts) -> CheckResult:
        result = self._main(ctx, facts)
        disabled = [o for o in facts.get(OTHER_PROJECTS, ()) if o.api_enabled is False]
        if not disabled:
            return result
        lines = tuple(
            error(
                f"{', '.join(o.keys)}: {GEMINI_SERVICE} is disabled on {o.label}: "
                f"gcloud services enable {GEMINI_SERVICE} --project {o.project_id or o.project_number}"
            )
            for o in disabled
        )
        summary = result.summary + f"; disabled on {', '.join(o.label for o in disabled)}"
        first = disabled[0]
        fix = (
            result.fix
            or f"gcloud services enable {GEMINI_SERVICE} --project {first.project_id or first.project_number}"
        )
        return CheckResult(Status.FAIL, summary, (*result.messages, *lines), fix=fix, facts=result.facts)

    def _main(self, ctx: Context, facts: Facts) -> CheckResult:
        from gemquota.sources import serviceusage

        target = need_target(facts)
        if isinstance(target, CheckResult):
            return target
        creds = facts[CREDS]
        ref = project_ref(target, facts)
        fetched = Fetched.of(lambda: serviceusage.get_service(ctx, creds, ref))
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
