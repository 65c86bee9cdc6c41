"""Declarative scenarios for the emulator: projects, billing, keys, principals, quotas and usage.

A scenario is plain frozen data. The server derives every answer from it (plus the usage that
successful ``generateContent`` calls add while it runs), so the 429 a model gets is always
consistent with the quota infos and the Monitoring usage the same scenario serves.

Demo keys have the shape of real keys (auth keys ``AQ.`` + 50 characters bound to a service account,
as AI Studio creates them since May 2026; ``AIza`` + 35 for the scenarios about standard keys), so
key-format checks pass and gemquota's redaction masks them like real ones, but they spell ``DEMO``
and only work against the emulator."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum

from gemquota.emulator.catalogue import aliases, catalogue

GEMINI_SERVICE = "generativelanguage.googleapis.com"

# --- permissions --------------------------------------------------------------------------------

P_KEYS_LOOKUP = "apikeys.keys.lookup"
P_KEYS_GET = "apikeys.keys.get"
P_PROJECTS_GET = "resourcemanager.projects.get"
P_ACCOUNTS_GET = "billing.accounts.get"
P_SERVICES_GET = "serviceusage.services.get"
P_SERVICES_USE = "serviceusage.services.use"
P_QUOTAS_GET = "cloudquotas.quotas.get"
P_TIMESERIES_LIST = "monitoring.timeSeries.list"

#: Roughly roles/viewer + roles/serviceusage.serviceUsageConsumer on a project.
PROJECT_VIEWER: frozenset[str] = frozenset(
    {
        P_KEYS_LOOKUP,
        P_KEYS_GET,
        P_PROJECTS_GET,
        P_SERVICES_GET,
        P_SERVICES_USE,
        P_QUOTAS_GET,
        P_TIMESERIES_LIST,
    }
)
#: roles/billing.viewer on a billing account.
BILLING_VIEWER: frozenset[str] = frozenset({P_ACCOUNTS_GET})

# --- quota catalogue ------------------------------------------------------------------------------

FREE, TIER1, TIER2, TIER3 = "free", "tier-1", "tier-2", "tier-3"
TIERS = (FREE, TIER1, TIER2, TIER3)


@dataclass(frozen=True)
class QuotaDef:
    """One Cloud Quotas quota id of generativelanguage.googleapis.com."""

    quota_id: str
    metric: str  #: full metric name, ``generativelanguage.googleapis.com/...``
    window: str  #: refreshInterval: "minute" or "day"
    tier: str
    measure: str  #: "requests" or "tokens"
    quota_display_name: str
    metric_display_name: str


def _m(name: str) -> str:
    return f"{GEMINI_SERVICE}/{name}"


_TIER_WORDS = {FREE: "free tier", TIER1: "paid tier", TIER2: "paid tier 2", TIER3: "paid tier 3"}


def _defs() -> tuple[QuotaDef, ...]:
    out: list[QuotaDef] = []

    def add(qid: str, metric: str, window: str, tier: str, measure: str, metric_title: str) -> None:
        what = "Request" if measure == "requests" else "Input token"
        per = "minute" if window == "minute" else "day"
        out.append(
            QuotaDef(
                qid,
                _m(metric),
                window,
                tier,
                measure,
                f"{what} limit per model per {per} for a project in the {_TIER_WORDS[tier]}",
                metric_title,
            )
        )

    # Order inside a tier = the order real 429s list their bullets: TPM, RPM, RPD, TPD.
    add(
        "GenerateContentInputTokensPerModelPerMinute-FreeTier",
        "generate_content_free_tier_input_token_count",
        "minute",
        FREE,
        "tokens",
        "Generate Content free tier input token count",
    )
    add(
        "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
        "generate_content_free_tier_requests",
        "minute",
        FREE,
        "requests",
        "Generate Content free tier requests",
    )
    add(
        "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
        "generate_content_free_tier_requests",
        "day",
        FREE,
        "requests",
        "Generate Content free tier requests",
    )
    add(
        "GenerateContentInputTokensPerModelPerDay-FreeTier",
        "generate_content_free_tier_input_token_count",
        "day",
        FREE,
        "tokens",
        "Generate Content free tier input token count",
    )
    add(
        "GenerateContentPaidTierInputTokensPerModelPerMinute",
        "generate_content_paid_tier_input_token_count",
        "minute",
        TIER1,
        "tokens",
        "Generate Content paid tier input token count",
    )
    add(
        "GenerateRequestsPerMinutePerProjectPerModel",
        "generate_requests_per_model",
        "minute",
        TIER1,
        "requests",
        "Generate requests per model",
    )
    add(
        "GenerateRequestsPerDayPerProjectPerModel",
        "generate_requests_per_model_per_day",
        "day",
        TIER1,
        "requests",
        "Generate requests per model per day",
    )
    for n, tier in ((2, TIER2), (3, TIER3)):
        add(
            f"GenerateContentPaidTierInputTokensPerModelPerMinute-PaidTier{n}",
            f"generate_content_paid_tier_{n}_input_token_count",
            "minute",
            tier,
            "tokens",
            f"Generate Content paid tier {n} input token count",
        )
        add(
            f"GenerateRequestsPerMinutePerProjectPerModel-PaidTier{n}",
            f"generate_content_paid_tier_{n}_requests",
            "minute",
            tier,
            "requests",
            f"Generate Content paid tier {n} requests",
        )
        add(
            f"GenerateRequestsPerDayPerProjectPerModel-PaidTier{n}",
            f"generate_content_paid_tier_{n}_requests",
            "day",
            tier,
            "requests",
            f"Generate Content paid tier {n} requests",
        )
    return tuple(out)


QUOTA_DEFS: tuple[QuotaDef, ...] = _defs()
QUOTA_BY_ID: dict[str, QuotaDef] = {q.quota_id: q for q in QUOTA_DEFS}

# (RPM, RPD, TPM) per quota group; None = no entitlement (the value is absent, i.e. 0). The
# December 2026 lineup (reference/gemini-2026.md §7; free-tier gemini-3.8-flash 20 RPD and
# gemini-3.8-flash-tts 10 RPM / 10 RPD as Google's 2026 429s state them).
_Limits = tuple[int, int, int] | None
_FREE_LIMITS: dict[str | None, _Limits] = {
    "gemini-3.8-flash": (5, 20, 250_000),
    "gemini-3.6-flash": (5, 20, 250_000),
    "gemini-3.5-flash-lite": (10, 20, 250_000),
    "gemini-3.1-flash-lite": (15, 500, 250_000),
    "gemini-2.5-flash-lite": (10, 20, 250_000),
    "gemini-3.8-flash-tts": (10, 10, 10_000),
    "gemma-4-31b": (30, 14_400, 15_000),
    "gemini-3.1-pro": None,
    "gemini-3.1-flash-image": None,
    "gemini-3-pro-image": None,
    "gemini-nano-banana-2.1": None,
    "gemini-3.1-flash-lite-image": None,
    None: None,  # the default bucket: no free quota for any other model
}
_TIER1_LIMITS: dict[str | None, _Limits] = {
    "gemini-3.8-flash": (1_000, 10_000, 1_000_000),
    "gemini-3.6-flash": (1_000, 10_000, 1_000_000),
    "gemini-3.5-flash-lite": (4_000, -1, 4_000_000),
    "gemini-3.1-flash-lite": (4_000, -1, 4_000_000),
    "gemini-2.5-flash-lite": (4_000, -1, 4_000_000),
    "gemini-3.8-flash-tts": (10, 100, 10_000),
    "gemma-4-31b": (30, 14_400, 15_000),
    "gemini-3.1-pro": (150, 1_000, 2_000_000),
    "gemini-3.1-flash-image": (500, 2_000, 500_000),
    "gemini-3-pro-image": (20, 250, 100_000),
    "gemini-nano-banana-2.1": (500, 2_000, 500_000),
    "gemini-3.1-flash-lite-image": (500, 2_000, 500_000),
    None: (150, 1_500, 1_000_000),
}


def _scale(limits: dict[str | None, _Limits], rpm: int, rpd: int, tpm: int) -> dict[str | None, _Limits]:
    out: dict[str | None, _Limits] = {}
    for group, lim in limits.items():
        if lim is None:
            out[group] = None
        else:
            out[group] = (
                lim[0] * rpm,
                -1 if lim[1] < 0 or rpd < 0 else lim[1] * rpd,
                lim[2] * tpm,
            )
    return out


_TIER_LIMITS: dict[str, dict[str | None, _Limits]] = {
    FREE: _FREE_LIMITS,
    TIER1: _TIER1_LIMITS,
    TIER2: _scale(_TIER1_LIMITS, 2, 5, 3),
    TIER3: _scale(_TIER1_LIMITS, 4, -1, 8),
}


def default_quota_value(quota: QuotaDef, group: str | None) -> int | None:
    """The catalogue value of ``quota`` for ``group`` (None = default bucket); None = absent (0)."""
    table = _TIER_LIMITS[quota.tier]
    if group not in table:
        return None
    lim = table[group]
    if lim is None:
        return None
    rpm, rpd, tpm = lim
    if quota.measure == "tokens":
        return tpm if quota.window == "minute" else -1  # free-tier TPD: unlimited where there is quota
    return rpm if quota.window == "minute" else rpd


def quota_groups(tier: str) -> tuple[str, ...]:
    """The per-model buckets a tier's quota ids carry (the default bucket excluded)."""
    return tuple(g for g in _TIER_LIMITS[tier] if g is not None)


#: API model id -> quota group (the ``model`` dimension). Others count as themselves; aliases and
#: silently re-routed retired models count as the model that answers for them.
MODEL_QUOTA_GROUP: dict[str, str] = {
    "gemini-3.1-pro-preview": "gemini-3.1-pro",
    "gemini-3.1-pro-preview-customtools": "gemini-3.1-pro",
    "gemma-4-31b-it": "gemma-4-31b",
}
#: Aliases: what ``modelVersion`` reports for them (data/models.json).
MODEL_ALIASES: dict[str, str] = aliases()


def answering_model(model: str) -> str:
    """The model that answers a request for ``model``: an alias's target, a re-routed model's target."""
    model = model.removeprefix("models/")
    if model in MODEL_ALIASES:
        return MODEL_ALIASES[model]
    retired = catalogue().retired.get(model)
    if retired is not None and retired.routed_to:
        return retired.routed_to
    return model


def quota_group(model: str) -> str:
    """The quota group a model's requests are counted against (the answering model's)."""
    model = answering_model(model)
    return MODEL_QUOTA_GROUP.get(model, model)


# --- scenario model -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Usage:
    """Requests already made today on a project (they appear in Monitoring and count for quota).

    ``span``: "day" spreads ``requests`` from Pacific midnight to two minutes ago; "minute" puts them
    in the last 50 seconds."""

    model: str  #: quota group
    requests: int
    tokens_per_request: int = 12
    span: str = "day"


@dataclass(frozen=True)
class QuotaPreferenceSpec:
    """A quota-increase request (Cloud Quotas ``quotaPreferences``)."""

    pref_id: str
    quota_id: str
    model: str | None
    preferred: int
    granted: int | None
    reconciling: bool = True
    state_detail: str | None = None


@dataclass(frozen=True)
class Project:
    number: str
    project_id: str
    display_name: str
    parent: str | None = None  #: "organizations/…", "folders/…" or None (AI Studio projects)
    state: str = "ACTIVE"
    billing_account: str | None = None  #: "billingAccounts/XXXXXX-XXXXXX-XXXXXX"
    paid_tier: str = TIER1  #: the tier in force when billing is enabled
    disabled_services: frozenset[str] = frozenset()
    #: (quota_id, model group or None for the default bucket, value or None = absent/0)
    limit_overrides: tuple[tuple[str, str | None, int | None], ...] = ()
    usage: tuple[Usage, ...] = ()
    preferences: tuple[QuotaPreferenceSpec, ...] = ()
    #: model (API id) -> forced outcome: "overloaded", "internal", "region", "bare-429", "prepay-depleted",
    #: "retired-new-users" (404 "no longer available to new users")
    forced_outcomes: tuple[tuple[str, str], ...] = ()
    create_time: str = "2025-03-14T09:26:53.589Z"
    labels: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class BillingAccountSpec:
    account_id: str  #: "XXXXXX-XXXXXX-XXXXXX"
    display_name: str
    open: bool = True

    @property
    def name(self) -> str:
        return f"billingAccounts/{self.account_id}"


@dataclass(frozen=True)
class ApiKeySpec:
    key: str = field(repr=False)
    project_number: str
    uid: str
    display_name: str
    key_id: str | None = None  #: defaults to the uid (older keys)
    api_targets: tuple[str, ...] | None = None  #: None = no API restriction
    allowed_ips: tuple[str, ...] = ()
    allowed_referrers: tuple[str, ...] = ()
    leaked: bool = False
    create_time: str = "2025-06-02T14:07:31.402187Z"
    #: ``serviceAccountEmail`` of an auth key (``keys.get`` shows it); None for a standard key.
    service_account: str | None = None
    #: lookupKey cannot resolve this key (whether it resolves auth keys is not documented: both happen).
    unresolvable: bool = False

    @property
    def kid(self) -> str:
        return self.key_id or self.uid

    @property
    def standard(self) -> bool:
        """An ``AIza…`` key: the Gemini API refuses it on the generation path since September 2026."""
        return self.key.startswith("AIza")


@dataclass(frozen=True)
class Grant:
    resource: str  #: "projects/<number>" or "billingAccounts/<id>"
    permissions: frozenset[str]


@dataclass(frozen=True)
class Principal:
    email: str
    kind: str  #: "user" or "service-account"
    grants: tuple[Grant, ...] = ()
    home_project: str | None = None  #: project number (service accounts)
    #: gcloud user credentials without a quota project get SERVICE_DISABLED on some APIs.
    requires_quota_project: bool = False
    refresh_token: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class DemoSetup:
    """What a demo run of this scenario uses."""

    api_keys: tuple[str, ...] = field(repr=False)
    access_token: str = field(repr=False)
    believed_project: str | None
    quota_project: str | None
    #: principal of ``access_token``; a service account of the scenario (for key files); a
    #: refresh token the OAuth endpoint accepts (for gcloud user ADC files).
    principal: str = ""
    service_account: str | None = None
    refresh_token: str | None = field(default=None, repr=False)
    #: the models the demo user calls (doctor's and probe's --model when none is given)
    models: tuple[str, ...] = ()
    #: no cloud credentials at all (a key-only user: an AI Studio key and no gcloud)
    key_only: bool = False


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    projects: tuple[Project, ...]
    accounts: tuple[BillingAccountSpec, ...]
    keys: tuple[ApiKeySpec, ...]
    principals: tuple[Principal, ...]
    #: static bearer tokens -> principal e-mail
    tokens: tuple[tuple[str, str], ...]
    demo: DemoSetup
    #: what doctor should find (for people reading the scenario list)
    expect: str = ""
    #: seconds after which a usage point is visible in Monitoring (Google: ~150 s, sometimes far more)
    monitoring_delay_s: float = 150.0
    #: retired models that this scenario's keys still see in models.list (with their old entry)
    listed_retired: tuple[str, ...] = ()
    #: current models this scenario's keys do not see (not listed, 404 like an unknown model)
    hidden_models: tuple[str, ...] = ()
    #: model asked for -> the ``modelVersion`` that answers (beyond the catalogue's aliases and
    #: re-routes), e.g. a numeric version suffix ``gemini-3.8-flash`` -> ``gemini-3.8-flash-001``
    served_as: tuple[tuple[str, str], ...] = ()

    @property
    def models(self) -> tuple[str, ...]:
        """The models this scenario's story is about: doctor and probe use them when no --model is given."""
        return self.demo.models

    def served_model(self, model: str) -> str:
        """The ``modelVersion`` of an answer to a request for ``model``."""
        model = model.removeprefix("models/")
        for asked, served in self.served_as:
            if asked == model:
                return served
        return answering_model(model)

    def project(self, ref: str) -> Project | None:
        """Find a project by id, number, or ``projects/<id|number>``."""
        ref = ref.removeprefix("projects/")
        for p in self.projects:
            if ref in (p.number, p.project_id):
                return p
        return None

    def key(self, key_string: str) -> ApiKeySpec | None:
        for k in self.keys:
            if k.key == key_string:
                return k
        return None

    def account(self, ref: str) -> BillingAccountSpec | None:
        ref = ref.removeprefix("billingAccounts/")
        for a in self.accounts:
            if a.account_id == ref:
                return a
        return None

    def principal(self, email: str) -> Principal | None:
        for p in self.principals:
            if p.email == email:
                return p
        return None

    def billing_enabled(self, project: Project) -> bool:
        if not project.billing_account:
            return False
        account = self.account(project.billing_account)
        return bool(account and account.open)

    def tier(self, project: Project) -> str:
        return project.paid_tier if self.billing_enabled(project) else FREE

    def quota_value(self, project: Project, quota: QuotaDef, group: str | None) -> int | None:
        """The quota value for ``group``'s own bucket (None group = default bucket); None = absent (0)."""
        for qid, g, value in project.limit_overrides:
            if qid == quota.quota_id and g == group:
                return value
        return default_quota_value(quota, group)

    def groups_with_bucket(self, project: Project, quota: QuotaDef) -> tuple[str, ...]:
        groups = list(quota_groups(quota.tier))
        for qid, g, _ in project.limit_overrides:
            if qid == quota.quota_id and g is not None and g not in groups:
                groups.append(g)
        return tuple(groups)

    def effective_limit(self, project: Project, quota: QuotaDef, group: str) -> int:
        """The limit in force for a model's group: its own bucket, else the default bucket; 0 = absent."""
        if group in self.groups_with_bucket(project, quota):
            value = self.quota_value(project, quota, group)
        else:
            value = self.quota_value(project, quota, None)
        return 0 if value is None else value


# --- building blocks for the bundled scenarios -------------------------------------------------


def demo_key(tag: str, n: int) -> str:
    """A clearly fake auth key of the real shape: ``AQ.`` + 50 characters (53 in all), ending in ``n``."""
    body = ("Ab8RN6DEMO_" + tag.upper().replace("-", "_") + "_")[:46]
    return "AQ." + body.ljust(46, "x") + f"{n:04d}"


def demo_standard_key(tag: str, n: int) -> str:
    """A clearly fake standard key: ``AIza`` + 35 characters, ending in ``n`` (4 digits)."""
    body = ("DEMO_" + tag.upper().replace("-", "_") + "_")[:31]
    return "AIza" + body.ljust(31, "x") + f"{n:04d}"


def bound_service_account(project: Project) -> str:
    """The service account AI Studio binds an auth key to (one per project)."""
    return f"gemini-api-key@{project.project_id}.iam.gserviceaccount.com"


def demo_token(tag: str) -> str:
    return f"ya29.DEMO-{tag}-access-token"


def _user(tag: str, grants: tuple[Grant, ...]) -> Principal:
    return Principal(
        email=f"dev@{tag}.example.com",
        kind="user",
        grants=grants,
        requires_quota_project=True,
        refresh_token=f"1//DEMO-{tag}-refresh-token",
    )


def _service_account(tag: str, home: Project, grants: tuple[Grant, ...]) -> Principal:
    return Principal(
        email=f"gemquota-doctor@{home.project_id}.iam.gserviceaccount.com",
        kind="service-account",
        grants=grants,
        home_project=home.number,
    )


def _viewer(*projects: Project) -> tuple[Grant, ...]:
    return tuple(Grant(f"projects/{p.number}", PROJECT_VIEWER) for p in projects)


def _billing_viewer(*accounts: BillingAccountSpec) -> tuple[Grant, ...]:
    return tuple(Grant(a.name, BILLING_VIEWER) for a in accounts)


class _Home(Enum):
    """The first project of a scenario, where its user works unless told otherwise."""

    FIRST = "first"


def _scenario(
    name: str,
    description: str,
    expect: str,
    *,
    projects: tuple[Project, ...],
    keys: tuple[ApiKeySpec, ...],
    accounts: tuple[BillingAccountSpec, ...] = (),
    grants: tuple[Grant, ...] | None = None,
    believed: str | _Home | None = _Home.FIRST,
    quota_project: str | _Home | None = _Home.FIRST,
    models: tuple[str, ...] = (),
    key_only: bool = False,
    monitoring_delay_s: float = 150.0,
) -> Scenario:
    """One scenario. By default the user believes in, and bills quota to, the first project, where the service
    account lives too, and may view every project and billing account of the scenario."""
    tag = name
    sa_home = projects[0]
    if believed is _Home.FIRST:
        believed = sa_home.project_id
    if quota_project is _Home.FIRST:
        quota_project = sa_home.project_id
    if grants is None:
        grants = _viewer(*projects) + _billing_viewer(*accounts)
    user = _user(tag, grants)
    sa = _service_account(tag, sa_home, grants)
    token = demo_token(tag)
    by_number = {p.number: p for p in projects}
    # Auth keys (AQ.) are bound to their project's AI Studio service account (keys.get shows it).
    keys = tuple(
        replace(k, service_account=bound_service_account(by_number[k.project_number]))
        if not k.standard and k.service_account is None and k.project_number in by_number
        else k
        for k in keys
    )
    return Scenario(
        name=name,
        description=description,
        expect=expect,
        monitoring_delay_s=monitoring_delay_s,
        projects=projects,
        accounts=accounts,
        keys=keys,
        principals=(user, sa),
        tokens=((token, user.email),),
        demo=DemoSetup(
            api_keys=tuple(k.key for k in keys),
            access_token=token,
            believed_project=believed,
            quota_project=quota_project,
            principal=user.email,
            service_account=sa.email,
            refresh_token=user.refresh_token,
            models=models,
            key_only=key_only,
        ),
    )


_GEMINI_ONLY = (GEMINI_SERVICE,)


def _healthy() -> Scenario:
    acct = BillingAccountSpec("01A2B3-C4D5E6-F7A8B9", "Acme Corp billing")
    prod = Project(
        "481516234201",
        "acme-gemini-prod",
        "Acme Gemini Prod",
        parent="organizations/905718302116",
        billing_account=acct.name,
        usage=(
            Usage("gemini-3.8-flash", 37),
            Usage("gemini-3.8-flash", 2, span="minute"),
            Usage("gemini-3.1-pro", 5, tokens_per_request=220),
        ),
    )
    key = ApiKeySpec(
        demo_key("healthy", 1),
        prod.number,
        "7c1d9e52-3b8a-4f06-9d2e-6a41b0c8f913",
        "Gemini API key (server)",
        api_targets=_GEMINI_ONLY,
    )
    return _scenario(
        "healthy",
        "Billed Tier 1 project, API enabled, key restricted to the Gemini API, low usage: all green.",
        "every check ok: key in acme-gemini-prod, billing on (Tier 1), usage far below the limits",
        projects=(prod,),
        accounts=(acct,),
        keys=(key,),
    )


def _billing_on_other_project() -> Scenario:
    acct = BillingAccountSpec("01C7F2-99A1B4-5E3D20", "Acme Corp billing")
    billed = Project(
        "730296158842",
        "acme-prod",
        "Acme Prod",
        parent="organizations/905718302116",
        billing_account=acct.name,
        usage=(Usage("gemini-3.8-flash", 140),),
    )
    key_project = Project(
        "1036424820765",
        "gen-lang-client-0408997230",
        "Default Gemini Project",
        usage=(Usage("gemini-3.8-flash", 12),),
        create_time="2025-01-20T17:02:11.310Z",
    )
    key = ApiKeySpec(
        demo_key("billing-on-other-project", 1),
        key_project.number,
        "b3e0a7f4-5c21-4d8e-a9b6-0f2c7e1d4a58",
        "Generative Language API Key",
        api_targets=_GEMINI_ONLY,
    )
    return _scenario(
        "billing-on-other-project",
        "Billing is on acme-prod, but the API key lives in an unbilled AI Studio project (free tier).",
        "billed-project fail: billing is on acme-prod but the key belongs to gen-lang-client-0408997230 "
        "(free tier); gemini-3.1-pro-preview has limit 0 there",
        projects=(billed, key_project),
        accounts=(acct,),
        keys=(key,),
    )


def _zero_quota_image() -> Scenario:
    proj = Project(
        "582013947716",
        "pixel-playground-4711",
        "Pixel Playground",
        usage=(Usage("gemini-3.8-flash", 6),),
    )
    key = ApiKeySpec(
        demo_key("zero-quota-image", 1),
        proj.number,
        "e41f0c9a-7d3b-4b52-8e19-c5a2d6f70b34",
        "Image experiments",
    )
    return _scenario(
        "zero-quota-image",
        "Free-tier project: the image model gemini-3.1-flash-image (Nano Banana 2) has limit 0.",
        "quota-limits fail: limit 0 for gemini-3.1-flash-image on the free tier; billing off",
        projects=(proj,),
        keys=(key,),
        models=("gemini-3.1-flash-image",),
    )


def _rpd_exhausted() -> Scenario:
    proj = Project(
        "664109385127",
        "nightly-batch-jobs",
        "Nightly batch jobs",
        usage=(Usage("gemini-3.8-flash", 20, tokens_per_request=850), Usage("gemini-2.5-flash-lite", 3)),
    )
    key = ApiKeySpec(
        demo_key("rpd-exhausted", 1),
        proj.number,
        "2a9c6e15-0f47-4d3b-b8e2-91d5c3a7f604",
        "Batch runner",
        api_targets=_GEMINI_ONLY,
    )
    return _scenario(
        "rpd-exhausted",
        "Free tier: all 20 requests per day of gemini-3.8-flash used since Pacific midnight.",
        "quota-usage fail: gemini-3.8-flash RPD 20/20 used; resets at midnight America/Los_Angeles",
        projects=(proj,),
        keys=(key,),
        models=("gemini-3.8-flash",),
    )


def _api_disabled() -> Scenario:
    acct = BillingAccountSpec("0155AA-2B7C9D-E3F801", "New App billing")
    proj = Project(
        "309452771806",
        "new-app-prod",
        "New App Prod",
        parent="organizations/905718302116",
        billing_account=acct.name,
        disabled_services=frozenset({GEMINI_SERVICE}),
    )
    key = ApiKeySpec(
        demo_key("api-disabled", 1),
        proj.number,
        "9f3b2d71-6a0e-4c85-b4d9-3e7a1c0f5b26",
        "API key 1",
    )
    return _scenario(
        "api-disabled",
        "Billed project where the Generative Language API is disabled: every Gemini call gets 403.",
        "api-enabled fail: generativelanguage.googleapis.com is DISABLED on new-app-prod",
        projects=(proj,),
        accounts=(acct,),
        keys=(key,),
    )


def _no_iam() -> Scenario:
    acct = BillingAccountSpec("01D4E5-F6A7B8-C9D0E1", "Locked Down Inc billing")
    proj = Project(
        "852741963012",
        "locked-down-prod",
        "Locked Down Prod",
        parent="organizations/411892056734",
        billing_account=acct.name,
        usage=(Usage("gemini-3.8-flash", 25),),
    )
    key = ApiKeySpec(
        demo_key("no-iam", 1),
        proj.number,
        "c0d1e2f3-a4b5-4c6d-8e7f-90a1b2c3d4e5",
        "App key",
        api_targets=_GEMINI_ONLY,
    )
    return _scenario(
        "no-iam",
        "The credentials are valid but hold no IAM role: every Cloud API answers 403; Gemini works.",
        "key-project and later cloud checks cannot run: permission apikeys.keys.lookup denied",
        projects=(proj,),
        accounts=(acct,),
        keys=(key,),
        grants=(),
        quota_project=None,
    )


def _shared_keys() -> Scenario:
    acct = BillingAccountSpec("01B8C9-D0E1F2-A3B4C5", "Team A billing")
    team_a = Project(
        "217364509881",
        "team-a-prod",
        "Team A Prod",
        parent="folders/550193847261",
        billing_account=acct.name,
        usage=(Usage("gemini-3.8-flash", 410), Usage("gemini-3.1-pro", 30, tokens_per_request=400)),
    )
    team_b = Project(
        "940128375564",
        "team-b-sandbox",
        "Team B Sandbox",
        parent="folders/550193847261",
        usage=(Usage("gemini-3.8-flash", 4),),
    )
    keys = (
        ApiKeySpec(
            demo_key("shared-keys", 1),
            team_a.number,
            "1b2c3d4e-5f60-4718-89a0-b1c2d3e4f506",
            "Backend key",
            api_targets=_GEMINI_ONLY,
        ),
        ApiKeySpec(
            demo_key("shared-keys", 2),
            team_a.number,
            "6f5e4d3c-2b1a-4098-8f7e-6d5c4b3a2910",
            "Batch key",
            api_targets=_GEMINI_ONLY,
        ),
        ApiKeySpec(
            demo_key("shared-keys", 3),
            team_b.number,
            "0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d",
            "Sandbox key",
        ),
    )
    return _scenario(
        "shared-keys",
        "Three keys: two in team-a-prod (one shared quota), one in the free-tier team-b-sandbox.",
        "shared-keys warn: keys …0001 and …0002 share team-a-prod's quota; …0003 is in team-b-sandbox",
        projects=(team_a, team_b),
        accounts=(acct,),
        keys=keys,
    )


def _standard_key_rejected() -> Scenario:
    acct = BillingAccountSpec("01E6F7-A8B9C0-D1E2F3", "Legacy Apps billing")
    proj = Project(
        "573920184466",
        "legacy-chatbot-prod",
        "Legacy Chatbot Prod",
        billing_account=acct.name,
    )
    key = ApiKeySpec(
        demo_standard_key("standard-key-rejected", 1),
        proj.number,
        "5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f",
        "Chatbot key (2025)",
        api_targets=_GEMINI_ONLY,
        create_time="2025-02-11T10:15:42.118034Z",
    )
    return _scenario(
        "standard-key-rejected",
        "A standard AIza key from 2025: models.list works, every generation call gets 401 "
        "ACCESS_TOKEN_TYPE_UNSUPPORTED (standard keys rejected since September 2026).",
        "api-key fail: standard key rejected since September 2026, create an auth key in AI Studio; "
        "key-accepted fail: countTokens got 401 ACCESS_TOKEN_TYPE_UNSUPPORTED",
        projects=(proj,),
        accounts=(acct,),
        keys=(key,),
    )


def _prepay_depleted() -> Scenario:
    acct = BillingAccountSpec("01F0A1-B2C3D4-E5F6A7", "Startup prepaid billing")
    proj = Project(
        "618273645509",
        "startup-assistant",
        "Startup Assistant",
        billing_account=acct.name,
        usage=(Usage("gemini-3.6-flash", 240, tokens_per_request=900),),
        forced_outcomes=(("*", "prepay-depleted"),),
    )
    key = ApiKeySpec(
        demo_key("prepay-depleted", 1),
        proj.number,
        "8e9f0a1b-2c3d-4e5f-9a6b-7c8d9e0f1a2b",
        "Assistant backend",
        api_targets=_GEMINI_ONLY,
    )
    return _scenario(
        "prepay-depleted",
        "Billed Tier 1 project on a prepaid account out of credit: every generateContent gets HTTP 402 "
        "(status RESOURCE_EXHAUSTED); the free calls still answer.",
        "probe fail (doctor --probe): 402 billing-limit, prepayment credits depleted: add credits; "
        "the tier row says a prepaid account out of credit gets 402",
        projects=(proj,),
        accounts=(acct,),
        keys=(key,),
        models=("gemini-3.6-flash",),
    )


def _key_only() -> Scenario:
    proj = Project(
        "1029384756102",
        "gen-lang-client-0716253849",
        "Default Gemini Project",
        usage=(Usage("gemini-3.6-flash", 4),),
        create_time="2026-09-30T08:41:27.553Z",
    )
    key = ApiKeySpec(
        demo_key("key-only", 1),
        proj.number,
        "3c4d5e6f-7a8b-4c9d-0e1f-2a3b4c5d6e7f",
        "Gemini API Key",
        api_targets=_GEMINI_ONLY,
        create_time="2026-09-30T08:41:29.017Z",
    )
    return _scenario(
        "key-only",
        "An AI Studio user with an auth key and no Google Cloud credentials (no gcloud).",
        "api-key ok (auth key), key-accepted ok (countTokens answered); the project, billing and quota "
        "checks are named once as needing Google Cloud credentials, with their IAM roles; exit 0",
        projects=(proj,),
        keys=(key,),
        believed=None,
        quota_project=None,
        key_only=True,
    )


def _model_retired() -> Scenario:
    acct = BillingAccountSpec("01B3D5-7E9F1A-2C4E68", "Support Bot billing")
    proj = Project(
        "583104729315",
        "support-bot-prod",
        "Support Bot Prod",
        billing_account=acct.name,
        usage=(Usage("gemini-3.6-flash", 48),),
        # a key created after July 2026 is a "new user" of gemini-2.5-flash: the 2026 404
        forced_outcomes=(("gemini-2.5-flash", "retired-new-users"),),
        create_time="2026-08-11T10:42:05.118Z",
    )
    key = ApiKeySpec(
        demo_key("model-retired", 1),
        proj.number,
        "5d8e2a71-c3f4-4b09-a6d1-7e2f9c0b3a45",
        "Support bot key",
        api_targets=_GEMINI_ONLY,
        create_time="2026-08-11T10:44:19.530871Z",
    )
    base = _scenario(
        "model-retired",
        "An app still calling retired models: gemini-2.5-flash answers 404 'no longer available to new "
        "users'; gemini-3.5-flash is silently re-routed to gemini-3.6-flash (billed and limited as it).",
        "probe: gemini-2.5-flash model-not-found (retired); gemini-3.5-flash answered by gemini-3.6-flash",
        projects=(proj,),
        accounts=(acct,),
        keys=(key,),
        models=("gemini-2.5-flash", "gemini-3.5-flash"),
    )
    # Google still lists both retired ids to this key (the code that calls them keeps "working").
    return replace(base, listed_retired=("gemini-2.5-flash", "gemini-3.5-flash"))


def _bundled() -> dict[str, Scenario]:
    scenarios = (
        _healthy(),
        _billing_on_other_project(),
        _zero_quota_image(),
        _rpd_exhausted(),
        _api_disabled(),
        _no_iam(),
        _shared_keys(),
        _standard_key_rejected(),
        _prepay_depleted(),
        _key_only(),
        _model_retired(),
    )
    return {s.name: s for s in scenarios}


SCENARIOS: dict[str, Scenario] = _bundled()


def get_scenario(name: str) -> Scenario:
    """A bundled scenario by name; KeyError (listing the names) when unknown."""
    try:
        return SCENARIOS[name]
    except KeyError:
        raise KeyError(f"unknown scenario {name!r}; bundled: {', '.join(SCENARIOS)}") from None
