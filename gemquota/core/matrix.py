"""The troubleshooting matrix: fixes per kind, varying by backend, tier and model family (a data table).

Each row is a kind (or several) plus optional conditions on the backend, the tier and the model family,
and the Fix it contributes. ``fixes_for`` returns the matching rows in table order (most useful first),
so the order of ``MATRIX`` is the ranking. Titles and steps may contain the placeholders ``<model>``,
``<limit>`` and ``<model-opt>`` (`` --model X`` or nothing), filled in from the diagnosis."""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from typing import Literal

from gemquota.core.diagnosis import Backend, Diagnosis, Fix, Kind, Tier
from gemquota.core.keykind import KeyKind

# Official documentation only.
RATE_LIMITS = "https://ai.google.dev/gemini-api/docs/rate-limits"
BILLING = "https://ai.google.dev/gemini-api/docs/billing"
TROUBLESHOOTING = "https://ai.google.dev/gemini-api/docs/troubleshooting"
BATCH = "https://ai.google.dev/gemini-api/docs/batch-mode"
PRICING = "https://ai.google.dev/gemini-api/docs/pricing"
API_KEY = "https://ai.google.dev/gemini-api/docs/api-key"
MODELS = "https://ai.google.dev/gemini-api/docs/models"
TOKENS = "https://ai.google.dev/gemini-api/docs/tokens"
REGIONS = "https://ai.google.dev/gemini-api/docs/available-regions"
AISTUDIO_KEYS = "https://aistudio.google.com/app/apikey"
AISTUDIO_USAGE = "https://aistudio.google.com/usage?tab=rate-limit"
AISTUDIO_PROJECTS = "https://aistudio.google.com/projects"
VERTEX_429 = "https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429"
VERTEX_QUOTAS = "https://cloud.google.com/vertex-ai/generative-ai/docs/quotas"
VERTEX_PT = "https://cloud.google.com/vertex-ai/generative-ai/docs/provisioned-throughput"
VERTEX_LOCATIONS = "https://cloud.google.com/vertex-ai/generative-ai/docs/learn/locations"
VERTEX_IAM = "https://cloud.google.com/vertex-ai/docs/general/access-control"
QUOTA_INCREASE = "https://cloud.google.com/docs/quotas/help/request_increase"
QUOTA_PROJECT = "https://cloud.google.com/docs/quotas/set-quota-project"
KEY_RESTRICTIONS = "https://cloud.google.com/docs/authentication/api-keys"
SET_UP_ADC = "https://cloud.google.com/docs/authentication/set-up-adc-local-dev-environment"
CONSOLE_QUOTAS = "https://console.cloud.google.com/iam-admin/quotas"
CONSOLE_BILLING = "https://console.cloud.google.com/billing"
CONSOLE_CREDENTIALS = "https://console.cloud.google.com/apis/credentials"
CONSOLE_GENLANG = "https://console.cloud.google.com/apis/library/generativelanguage.googleapis.com"
CODE_ASSIST_QUOTAS = "https://developers.google.com/gemini-code-assist/resources/quotas"
CODE_ASSIST_SETUP = "https://developers.google.com/gemini-code-assist/docs/set-up-gemini"
API_ERRORS = "https://ai.google.dev/gemini-api/docs/generate-content/api-errors"
GEMINI_CLI_QUOTA = "https://github.com/google-gemini/gemini-cli/blob/main/docs/resources/quota-and-pricing.md"

#: Published image prices quoted by the image zero-quota fix, and the day they were read.
IMAGE_PRICES_AS_OF = "2026-03-15"
#: Tier thresholds and spend-based limits as published on the rate-limits page (its "last updated").
TIERS_AS_OF = "2026-08-18"


class Family(StrEnum):
    """Model families the fixes distinguish."""

    IMAGE = "image"
    PRO = "pro"
    FLASH = "flash"
    EMBEDDING = "embedding"
    OTHER = "other"


def model_family(model: str | None) -> Family:
    """The family of a model id (``gemini-2.5-flash-image`` → image, ``gemini-3-pro-preview`` → pro)."""
    if not model:
        return Family.OTHER
    name = model.lower().removeprefix("models/")
    if "image" in name or name.startswith("imagen"):
        return Family.IMAGE
    if "embed" in name:
        return Family.EMBEDDING
    if "-pro" in name:
        return Family.PRO
    if "flash" in name:
        return Family.FLASH
    return Family.OTHER


class Row:
    """One matrix row: the kinds it serves, its conditions (None = any) and its fix.

    A plain slotted class rather than a dataclass: the table is built at import time on the
    explain-error start-up path, and this keeps that cheap."""

    __slots__ = ("backends", "credentials", "families", "fix", "key_kinds", "kinds", "tiers")

    def __init__(
        self,
        kinds: frozenset[Kind],
        fix: Fix,
        backends: frozenset[Backend] | None = None,
        tiers: frozenset[Tier | None] | None = None,
        families: frozenset[Family] | None = None,
        key_kinds: frozenset[str | None] | None = None,
        credentials: frozenset[str | None] | None = None,
    ) -> None:
        self.key_kinds = key_kinds
        self.credentials = credentials
        self.kinds = kinds
        self.fix = fix
        self.backends = backends
        self.tiers = tiers
        self.families = families

    def __repr__(self) -> str:
        return f"Row({sorted(self.kinds)}, {self.fix.id!r})"

    def matches(
        self,
        kind: Kind,
        backend: Backend,
        tier: Tier | None,
        family: Family,
        key_kind: str | None = None,
        credential: str | None = None,
    ) -> bool:
        return (
            kind in self.kinds
            and (self.key_kinds is None or key_kind in self.key_kinds)
            and (self.credentials is None or credential in self.credentials)
            and (self.backends is None or backend in self.backends)
            and (self.tiers is None or tier in self.tiers)
            and (self.families is None or family in self.families)
        )


def _k(*kinds: Kind) -> frozenset[Kind]:
    return frozenset(kinds)


_MINUTE = _k(Kind.RPM, Kind.TPM, Kind.IPM)
_DAY = _k(Kind.RPD, Kind.TPD)
_QUOTA = _MINUTE | _DAY | _k(Kind.UNSPECIFIED_429)
#: The Gemini API (AI Studio keys). An unknown backend gets this advice too: it is by far the most common.
_STUDIO = frozenset({Backend.GEMINI_API, Backend.UNKNOWN})
_VERTEX = frozenset({Backend.VERTEX_AI})
#: A key error about OAuth credentials (none found, or a token refused), not about an API key.
Credential = Literal["token"]
_TOKEN: frozenset[str | None] = frozenset({"token"})
_CODE_ASSIST = frozenset({Backend.CODE_ASSIST})
_FREE = frozenset({Tier.FREE})
_PAID = frozenset({Tier.TIER_1, Tier.TIER_2, Tier.TIER_3, Tier.PAID})
_NOT_PAID: frozenset[Tier | None] = frozenset({Tier.FREE, None})
_IMAGE = frozenset({Family.IMAGE})
_NOT_IMAGE = frozenset(set(Family) - {Family.IMAGE})


def _fix(fid: str, title: str, url: str, *steps: str) -> Fix:
    return Fix(fid, title, tuple(steps), url)


_CHECK_PROJECT = "gemquota doctor<model-opt>"

# --- reusable fixes -------------------------------------------------------------------------------

BACKOFF = _fix(
    "backoff-jitter",
    "Back off with jitter and honour the retry hint",
    RATE_LIMITS,
    "Wait at least the retry hint (RetryInfo / 'Please retry in …') before the next call; "
    "with no hint, wait for the minute to roll over: gemquota reset-in rpm --wait",
    "Retry with exponential backoff plus random jitter (1 s, 2 s, 4 s … capped at 60 s); "
    "google-genai: HttpOptions(retry_options=HttpRetryOptions())",
    "Cap concurrency so bursts stay under the per-minute limit (limit <limit>)",
)
TOKENS_PER_MINUTE = _fix(
    "tpm-fewer-tokens",
    "Send fewer input tokens per minute",
    TOKENS,
    "Measure a typical request with countTokens before sending it",
    "Shorten prompts, drop repeated context (use context caching), or split big inputs over several minutes",
    "Keep (requests per minute × tokens per request) under the TPM limit (limit <limit>)",
)
READ_BUCKET = _fix(
    "read-bucket",
    "Read which bucket failed on the project behind the key",
    RATE_LIMITS,
    f"{_CHECK_PROJECT}   (which project owns the key, its tier, live limits and usage)",
    f"Open the usage page of that project: {AISTUDIO_USAGE}",
    "Quotas are per project and per model: RPM, TPM, RPD and IPM are checked separately",
)
WAIT_DAY = _fix(
    "wait-pacific-midnight",
    "Wait for the daily reset at midnight Pacific time",
    RATE_LIMITS,
    "gemquota reset-in rpd --wait   (per-day quotas reset at 00:00 America/Los_Angeles, not UTC, "
    "not 24 h after the first call)",
    "Stop retrying until then: a short retry hint on a per-day quota is not the reset",
    "Queue the remaining work and resume after the reset",
)
BATCH_API = _fix(
    "batch-api",
    "Move bulk work to the Batch API (separate quota pool, 50 % price)",
    BATCH,
    "Submit non-urgent requests as a batch job (client.batches.create) instead of one call each",
    "Batch jobs draw on their own quota pool and cost half the interactive price",
    "Results arrive within 24 h (usually much sooner)",
)
ENABLE_BILLING = _fix(
    "enable-billing-key-project",
    "Enable billing on the project BEHIND THE KEY (free tier → Tier 1)",
    BILLING,
    f"{_CHECK_PROJECT}   (shows which project owns the key and whether billing is on there)",
    "gcloud billing projects describe PROJECT   (billingEnabled must be true for the key's project)",
    f"In AI Studio open {AISTUDIO_KEYS} and choose 'Set up billing' on the key's project",
    "Billing on another project does not help: quota and tier follow the key's project",
)
HIGHER_TIER = _fix(
    "higher-tier",
    "Request more quota or a higher tier",
    RATE_LIMITS,
    f"{_CHECK_PROJECT}   (confirms the tier in force on the key's project)",
    "Tiers rise with spend on the billing account (Tier 2: $100 paid + 3 days; Tier 3: $1,000 + 30 days; "
    f"as published {TIERS_AS_OF})",
    f"Ask for a higher limit from the AI Studio usage page: {AISTUDIO_USAGE}",
)
SPLIT_PROJECTS = _fix(
    "split-projects",
    "Split work across projects, not keys",
    RATE_LIMITS,
    "Quota is per project: several keys in one project share one bucket",
    "Create a second project (with its own billing) and a key in it, then route part of the traffic there",
    "gemquota doctor --key KEY1 --key KEY2   (warns when keys share a project)",
)
MODEL_FALLBACK = _fix(
    "model-fallback",
    "Fall back to another model",
    MODELS,
    "Each model has its own quota bucket: retry this request on a lighter model "
    "(a current Flash-Lite model; gemquota probe --no-generate lists them) instead of <model>",
    "Keep the fallback list in configuration so it can change without a release",
)

_IMAGE_PRICE = _fix(
    "image-price-per-image",
    f"Decide per image: what billing costs (published prices as of {IMAGE_PRICES_AS_OF})",
    PRICING,
    "<model> has no free quota on this project/tier: limit 0 means every request fails until billing "
    "is on the project behind the key",
    f"Gemini 3.1 Flash Image: $0.045 (512 px), $0.067 (1024 px), $0.101 (2048 px), $0.151 (4096 px) "
    f"per image (as of {IMAGE_PRICES_AS_OF}, {PRICING})",
    f"Gemini 3 Pro Image: $0.134 (1024 or 2048 px), $0.24 (4096 px) per image (as of {IMAGE_PRICES_AS_OF})",
    "The Batch API halves these prices",
    "Failed requests (400/500) are not billed, but they still count against your quota",
    f"To buy: {_CHECK_PROJECT}, then enable billing on that project in AI Studio ({AISTUDIO_KEYS})",
)

_ZERO_STUDIO = _fix(
    "zero-quota-enable-billing",
    "Limit 0: enable billing on the project BEHIND THE KEY (retrying never helps)",
    BILLING,
    "limit: 0 means this project has no entitlement for <model> on its tier; waiting does not change it",
    f"{_CHECK_PROJECT}   (shows which project owns the key and whether billing is on there)",
    "gcloud billing projects describe PROJECT   (billingEnabled must be true for the key's project)",
    f"Link a billing account to THAT project (AI Studio: {AISTUDIO_KEYS} → 'Set up billing'), "
    "or create the key inside the project that is already billed",
)
_ZERO_FREE_ON_PAID = _fix(
    "free-tier-on-billed-project",
    "The key's project is on the free tier: billing is probably on another project",
    BILLING,
    "The failing quota is a free-tier one, so the project that owns this key is not billed (or the "
    "upgrade has not reached it)",
    "gemquota doctor --project YOUR_BILLED_PROJECT   (compares the key's project with the billed one)",
    f"Create a new key in the billed project ({AISTUDIO_KEYS}) and use that one",
)
_ZERO_PAID = _fix(
    "zero-quota-paid-request",
    "Limit 0 on a paid tier: this model is not available to the project yet",
    RATE_LIMITS,
    f"{_CHECK_PROJECT}   (quota-limits shows which models have limit 0 at this tier)",
    f"Request access or a higher tier from the AI Studio usage page: {AISTUDIO_USAGE}",
    "Use a generally available model meanwhile (gemquota probe picks the newest stable Flash model)",
)
_ZERO_FALLBACK = _fix(
    "zero-quota-model-fallback",
    "Use a model that has quota on this tier",
    MODELS,
    "Free-tier projects have quota for the stable Flash and Flash-Lite models "
    "but none for most Pro, preview and image models",
    "Switch <model> to one of those until billing is on",
)

# --- Vertex AI ------------------------------------------------------------------------------------

_VERTEX_QUOTA = _fix(
    "vertex-quota-console",
    "Vertex AI quota: raise it in the Cloud console (not in AI Studio)",
    VERTEX_QUOTAS,
    f"Open {CONSOLE_QUOTAS}?service=aiplatform.googleapis.com and filter by the base model",
    "Select the quota and 'Edit quota' to request an increase for the region you call",
    f"How increases work: {QUOTA_INCREASE}",
)
_VERTEX_CAPACITY = _fix(
    "vertex-shared-capacity",
    "Vertex AI shared capacity: back off, use the global endpoint, or reserve throughput",
    VERTEX_429,
    "This 429 is shared (dynamic) capacity, not your project's quota: retry with exponential backoff and jitter",
    "Call the global endpoint (location 'global') instead of a single region to spread load",
    f"For guaranteed capacity buy Provisioned Throughput: {VERTEX_PT}",
)
_VERTEX_PT = _fix(
    "vertex-provisioned-throughput",
    "Reserve Provisioned Throughput for steady high volume",
    VERTEX_PT,
    "Provisioned Throughput gives dedicated capacity billed per GSU",
    "Size it from your peak requests per minute and tokens per request",
)
_VERTEX_REGION = _fix(
    "vertex-region",
    "Use a region where the model is available",
    VERTEX_LOCATIONS,
    "Check the model's supported locations and call one of them (or the global endpoint)",
    "Vertex quota is per region: another region has its own bucket",
)
_VERTEX_CREDENTIALS = _fix(
    "vertex-credentials",
    "Give the client credentials (Application Default Credentials) for the project",
    SET_UP_ADC,
    "On your machine: gcloud auth application-default login",
    "On a server: GOOGLE_APPLICATION_CREDENTIALS=/path/to/service-account.json, or the service account the "
    "platform attaches (Cloud Run, GKE, Compute Engine)",
    "Expired or revoked sign-in: run the login again; then retry the call",
)
_VERTEX_IAM = _fix(
    "vertex-iam",
    "Grant the caller a Vertex AI role on the project",
    VERTEX_IAM,
    "gcloud projects add-iam-policy-binding PROJECT --member=user:YOU --role=roles/aiplatform.user",
    "gcloud auth application-default login   (make sure the intended account is used)",
)

# --- Code Assist (gemini-cli OAuth, Antigravity) --------------------------------------------------

_CA_WAIT = _fix(
    "code-assist-wait-reset",
    "Code Assist quota: wait for its own reset (AI Studio changes nothing here)",
    GEMINI_CLI_QUOTA,
    "This is the per-user Code Assist quota of your Google login, not a Gemini API project quota",
    "Wait for its reset ('Your quota will reset after …' in the error, else midnight Pacific): "
    "gemquota reset-in --file error.txt --wait",
    "In gemini-cli, /model switches to a Flash model, which has a separate, larger allowance",
)
_CA_AUTH = _fix(
    "code-assist-switch-auth",
    "Switch the auth method or get a Gemini Code Assist licence",
    CODE_ASSIST_QUOTAS,
    "In gemini-cli run /auth and choose a Gemini API key (AI Studio quota) or Vertex AI (Cloud quota)",
    f"For higher per-user limits use a Gemini Code Assist Standard or Enterprise licence: {CODE_ASSIST_SETUP}",
    "An organisation admin may need to enable overages ('Individual quota reached')",
)
_CA_CAPACITY = _fix(
    "code-assist-capacity",
    "Code Assist has no capacity for this model right now: retry later or switch model",
    GEMINI_CLI_QUOTA,
    "This is server capacity, not your quota: retry after a short wait",
    "In gemini-cli, /model switches to another model (e.g. a Flash model)",
)
_CA_API_DISABLED = _fix(
    "code-assist-enable-api",
    "Enable the Gemini for Google Cloud API on your Code Assist project",
    CODE_ASSIST_SETUP,
    "gcloud services enable cloudaicompanion.googleapis.com --project PROJECT",
    "Or set GOOGLE_CLOUD_PROJECT to the project that has Gemini Code Assist enabled",
)

_PLAN_WAIT = _fix(
    "plan-wait-stated-reset",
    "Wait for the plan's own reset (AI Studio keys and billing do not change it)",
    CODE_ASSIST_QUOTAS,
    "gemquota reset-in --file error.txt --wait   (uses the error's reset: quotaResetTimeStamp, "
    "quotaResetDelay or 'Resets in …')",
    "This is the per-user allowance of your Google sign-in's plan (Code Assist / Antigravity): daily or weekly",
    "Antigravity CLI: /usage shows the model quota; in gemini-cli /model switches to a model with its own allowance",
)
_PLAN_RAISE = _fix(
    "plan-raise-allowance",
    "Raise the allowance: upgrade the plan, enable overages, or use an API key",
    CODE_ASSIST_QUOTAS,
    "'Contact your administrator to enable overages': an admin of the Code Assist / Antigravity "
    "subscription can allow usage beyond the plan",
    "'Please upgrade your subscription': a higher Google AI plan has larger weekly allowances",
    "Or call the Gemini API with an API key (AI Studio, prepaid billing): its quota is per project, not per user",
)
_CA_MIGRATE = _fix(
    "code-assist-end-of-service",
    "gemini-cli / Code Assist for individuals has ended: move to Antigravity or an API key",
    CODE_ASSIST_SETUP,
    "Since 2026-06-18 gemini-cli and the Code Assist IDE extensions no longer serve Google sign-ins of "
    "individuals (free, Google AI Pro and Ultra) (Google, announced 2026-05-19)",
    "Install the Antigravity CLI: curl -fsSL https://antigravity.google/cli/install.sh | bash",
    "Or keep gemini-cli with a Gemini API key: /auth → 'Gemini API key' (GEMINI_API_KEY)",
    "'not eligible' / 'Verify your account': check the country of your Google account (Terms of Service "
    "page), then sign out (/logout) and sign in again",
)
_STANDARD_KEY = _fix(
    "standard-key-retired",
    "Standard (AIza) keys are rejected since September 2026: create an auth key",
    API_KEY,
    "The Gemini API rejects unrestricted standard keys since 2026-06-19 and all standard keys since "
    "September 2026 (Google's API key page, as of 2026-09)",
    f"Create a key in AI Studio ({AISTUDIO_KEYS}): new keys are auth keys (AQ.…) bound to a service account",
    "Put it where the old one was (GEMINI_API_KEY / GOOGLE_API_KEY), then: gemquota probe",
    "Code that checks key.startswith('AIza') must accept AQ. keys too",
)
_AUTH_KEY_SENT = _fix(
    "auth-key-how-sent",
    "Send the key once, as x-goog-api-key or key= (as a Bearer token only to the OpenAI-compatible endpoint)",
    API_KEY,
    "An API key in 'Authorization: Bearer …' is read as an OAuth token: 401 'Expected OAuth 2 access token'",
    "google-genai: genai.Client(api_key=KEY) sends it right; the OpenAI-compatible endpoint (/v1beta/openai/) "
    "is the one place it goes as 'Authorization: Bearer KEY', once ('Missing or invalid Authorization header' "
    "means it was not sent that way; 'Multiple authentication credentials received' means twice)",
    "'API keys are not supported by this API' (Vertex AI / Agent Platform, Cloud APIs): use OAuth: "
    "gcloud auth application-default login",
    "gemquota doctor   (reads the key's kind and whether it is accepted for generation)",
)
_KEY_KIND = _fix(
    "check-key-kind",
    "Check the key's kind and how it is sent",
    API_KEY,
    "A standard key (starts AIza) is rejected by the Gemini API since September 2026: create an auth key "
    f"(AQ.…) in AI Studio ({AISTUDIO_KEYS})",
    "An auth key (AQ.…) goes in x-goog-api-key (or the key query parameter), once; only the "
    "OpenAI-compatible endpoint (/v1beta/openai/) takes it as 'Authorization: Bearer KEY'",
    "'API keys are not supported by this API': that API wants OAuth (gcloud auth application-default login)",
    "gemquota doctor   (reads the key's kind; give it the key with --key or GEMINI_API_KEY)",
)
_SIGN_IN_AGAIN = _fix(
    "sign-in-again",
    "Sign out and sign in again (the sign-in token was rejected)",
    CODE_ASSIST_SETUP,
    "gemini-cli / Antigravity CLI: /logout, then sign in again",
    "If it persists, remove the stored token (~/.gemini/oauth_creds.json) and sign in again",
)

# --- other kinds ----------------------------------------------------------------------------------

_BILLING_LIMIT = _fix(
    "billing-credits-or-cap",
    "Add prepaid credits or raise the spend cap (this is billing, not a rate limit)",
    BILLING,
    f"Open {AISTUDIO_PROJECTS}, pick the project behind the key, and top up its prepaid credits "
    "(or turn on auto-reload)",
    "Depleted prepaid credits answer HTTP 402 since late 2026 (429 before; status still RESOURCE_EXHAUSTED), "
    f"for every key of that billing account ({API_ERRORS}, as of 2026-09-20)",
    f"If a spending cap or budget stops usage, raise it in {CONSOLE_BILLING} (Budgets & alerts)",
    f"{_CHECK_PROJECT}   (confirms which project and billing account the key uses)",
    "Retrying never helps until credits are added or the cap is raised",
)
_SHARED_CAPACITY = _fix(
    "shared-capacity-backoff",
    "Shared capacity, not your quota: back off and retry",
    TROUBLESHOOTING,
    "Retry with exponential backoff and jitter (a few attempts, up to about a minute)",
    "Your project's limits are not exhausted; billing or a new key does not change this",
    "If it persists, fall back to another model for the affected requests",
)
_UNSPECIFIED = _fix(
    "unspecified-read-bucket",
    "A 429 that names no limit: back off, then find the bucket before changing anything",
    RATE_LIMITS,
    "Usually a short burst or shared capacity: back off with jitter and retry",
    f"{_CHECK_PROJECT}   (live limits and usage on the key's project)",
    f"Check the usage page: {AISTUDIO_USAGE}",
    "Log the whole error body when it repeats (google-genai: e.details): it names the quota when there is one",
)
_SPEND_LIMIT = _fix(
    "spend-based-limit",
    "On a paid tier: the spend-based limit (cost per rolling 10 minutes) may be the one hit",
    RATE_LIMITS,
    f"Published limits (as of {TIERS_AS_OF}): Tier 1 $10, Tier 2 $50, Tier 3 $200 per rolling 10 minutes; "
    "Google reports this 429 with no quota id",
    "Spread expensive requests (long contexts, Pro and image models) over time, or shorten them",
    f"Ask for a higher limit or tier from the AI Studio usage page: {AISTUDIO_USAGE}",
)
_UNSPECIFIED_VERTEX = _fix(
    "unspecified-vertex",
    "Vertex AI 429 with no quota named: shared capacity or a regional quota",
    VERTEX_429,
    "Retry with exponential backoff and jitter",
    f"Check the aiplatform quotas of the region in {CONSOLE_QUOTAS}?service=aiplatform.googleapis.com",
    "Use the global endpoint or Provisioned Throughput for steady load",
)
_OVERLOADED = _fix(
    "overloaded-not-quota",
    "503: the model is overloaded — this is not a quota problem",
    TROUBLESHOOTING,
    "Retry with exponential backoff and jitter (the overload usually passes within minutes)",
    "Your quota, billing and key are fine: changing them does not help",
    "Fall back to another model (a current Flash-Lite model) when it lasts",
)
_INTERNAL = _fix(
    "internal-retry",
    "500: retry; if it repeats, shrink the request",
    TROUBLESHOOTING,
    "Retry with exponential backoff and jitter",
    "Repeated 500s often come from a very long context: shorten the input or split the request",
    "Try another model to see whether the problem is model-specific",
)
_DEADLINE = _fix(
    "deadline-timeout",
    "504: the request took too long",
    TROUBLESHOOTING,
    "Raise the client timeout (google-genai: HttpOptions(timeout=… ms))",
    "Shorten the prompt or lower maxOutputTokens, or stream the response",
    "Retry with backoff",
)
_REGION = _fix(
    "region-billing-or-location",
    "Region not supported: enable billing or call from a supported region",
    REGIONS,
    f"Check the list of available countries and regions: {REGIONS}",
    "If the message says 'without a billing account linked', enable billing on the key's project: "
    + _CHECK_PROJECT,
    "The server's egress IP decides the location: VPNs, proxies and CDNs can put you in an unsupported one",
    "Run the calls from a machine in a supported region, or use Vertex AI in a supported location",
)
_BAD_KEY = _fix(
    "new-api-key",
    "Create a new key in AI Studio and make sure it is the one used",
    API_KEY,
    f"Create a key: {AISTUDIO_KEYS} → 'Create API key'",
    "GOOGLE_API_KEY beats GEMINI_API_KEY in google-genai and LangChain: gemquota doctor shows which one is used",
    "Check for stray quotes, spaces or a truncated value, then: gemquota probe --no-generate",
)
_KEY_RESTRICTIONS = _fix(
    "check-key-restrictions",
    "Check the key's restrictions",
    KEY_RESTRICTIONS,
    f"Open {CONSOLE_CREDENTIALS}, select the key, and make sure 'API restrictions' include the "
    "Generative Language API",
    "Application restrictions (HTTP referrer, IP, Android/iOS app) block server and CLI calls",
    "gemquota doctor   (the key-restrictions check reads them for you)",
)
_LEAKED = _fix(
    "replace-leaked-key",
    "Replace the leaked key (it is blocked for good)",
    API_KEY,
    f"Create a new key: {AISTUDIO_KEYS}",
    f"Delete the leaked key in {CONSOLE_CREDENTIALS}",
    "Keep keys out of code and repositories: load them from GEMINI_API_KEY or a secret manager",
)
_API_DISABLED = _fix(
    "enable-generative-language-api",
    "Enable the Generative Language API on the project",
    API_KEY,
    "gcloud services enable generativelanguage.googleapis.com --project PROJECT",
    f"Or open {CONSOLE_GENLANG} (select the project named in the error) and click Enable",
    "Wait a few minutes for the change to propagate, then: gemquota probe --no-generate",
)
_NO_QUOTA_PROJECT = _fix(
    "set-quota-project",
    "If the project in the error is not yours: set a quota project",
    QUOTA_PROJECT,
    "A consumer such as projects/764086051850 is gcloud's own client project: no quota project is set",
    "gcloud auth application-default set-quota-project YOUR_PROJECT",
    "Or set GOOGLE_CLOUD_QUOTA_PROJECT=YOUR_PROJECT for the process",
)
_SUSPENDED = _fix(
    "suspended-or-tos",
    "Suspended consumer or Terms of Service block",
    TROUBLESHOOTING,
    "A suspended key or project cannot be re-enabled by retrying: create a key in another project",
    "For a Terms-of-Service block, contact support through the Cloud console of the project",
    "Permission denied on resource project X: the key does not belong to X (gemquota doctor)",
)
_BILLING_DISABLED = _fix(
    "link-billing-account",
    "Link an open billing account to the project",
    BILLING,
    "gcloud billing projects link PROJECT --billing-account=ACCOUNT_ID",
    f"Or open {CONSOLE_BILLING}/linkedaccount?project=PROJECT",
    "gemquota doctor   (checks billing on the key's project and that the account is open)",
)
_MODEL_NOT_FOUND = _fix(
    "current-model-id",
    "Move to a current model id (retired models never come back)",
    MODELS,
    "List the models your key can use: gemquota probe --no-generate<model-opt>",
    "Retired ids answer 404 'no longer available' (or are silently re-routed): pick a current id "
    "from that list (gemquota probe with no --model uses the newest stable Flash)",
    "Current models (Google models page, as of 2026-12): gemini-3.8-flash, gemini-3.6-flash, "
    "gemini-3.5-flash-lite, gemini-3.1-pro-preview, gemini-3.1-flash-image, gemini-embedding-2",
    "Retired: gemini-2.0-flash (2026-06-01), gemini-3-pro-preview (2026-03-09), imagen-4.0-* (2026-08-17), "
    "veo-2.0/3.0 (2026-06-30); gemini-2.5-flash/-pro are 'no longer available to new users' (shut down 2026-12-01)",
    "Preview and experimental models exist only on v1beta, not v1: check the API version of your client",
    "Drop any 'models/' doubling and typos in the id",
)
_MODEL_NOT_FOUND_VERTEX = _fix(
    "vertex-model-location",
    "Vertex AI: check the model id and its location",
    VERTEX_LOCATIONS,
    "Use a publisher model id that exists in the region you call (or use the global endpoint)",
    "gcloud ai models list --region REGION lists your own models; publisher models are in Model Garden",
)
_BAD_REQUEST = _fix(
    "fix-request",
    "Fix the request itself (400: retrying the same request never helps)",
    TROUBLESHOOTING,
    "Input too long ('input token count exceeds the maximum'): count tokens with countTokens, then trim or "
    "split the input",
    "'Invalid JSON payload … Unknown name': the field does not exist in this API version; upgrade the SDK "
    "or use v1beta",
    "Read the message: it names the field or limit that was rejected",
)
_CAPTURE = _fix(
    "capture-full-error",
    "Capture the full error, then explain it again",
    TROUBLESHOOTING,
    "google-genai: print(e.code, e.status, e.details)  (e.details is the whole JSON body)",
    "google-api-core / google-generativeai: print(repr(e), e.details)",
    "gemini-cli: run with --debug and copy the whole [API Error: …] block",
    "curl: add -sS and keep the response body; then: gemquota explain-error --file error.txt",
)

#: The matrix. Order is ranking: the first matching row for a kind is its fastest fix.
MATRIX: tuple[Row, ...] = (
    # Per-minute windows.
    Row(_MINUTE, _CA_WAIT, backends=_CODE_ASSIST),
    Row(_MINUTE, _CA_AUTH, backends=_CODE_ASSIST),
    Row(_k(Kind.TPM), TOKENS_PER_MINUTE),
    Row(_MINUTE, BACKOFF),
    Row(_MINUTE, _VERTEX_QUOTA, backends=_VERTEX),
    Row(_MINUTE, _VERTEX_PT, backends=_VERTEX),
    Row(_MINUTE, READ_BUCKET, backends=_STUDIO),
    Row(_MINUTE, ENABLE_BILLING, backends=_STUDIO, tiers=_NOT_PAID),
    Row(_MINUTE, HIGHER_TIER, backends=_STUDIO, tiers=_PAID),
    Row(_MINUTE, SPLIT_PROJECTS, backends=_STUDIO),
    Row(_MINUTE, MODEL_FALLBACK),
    # Per-day windows.
    Row(_DAY, _CA_WAIT, backends=_CODE_ASSIST),
    Row(_DAY, _CA_AUTH, backends=_CODE_ASSIST),
    Row(_DAY, _VERTEX_QUOTA, backends=_VERTEX),
    Row(_DAY, WAIT_DAY, backends=_STUDIO | _VERTEX),
    Row(_DAY, BATCH_API, backends=_STUDIO),
    Row(_DAY, ENABLE_BILLING, backends=_STUDIO, tiers=_NOT_PAID),
    Row(_DAY, HIGHER_TIER, backends=_STUDIO, tiers=_PAID),
    Row(_DAY, READ_BUCKET, backends=_STUDIO),
    Row(_DAY, SPLIT_PROJECTS, backends=_STUDIO),
    Row(_DAY, MODEL_FALLBACK),
    # Zero quota.
    Row(_k(Kind.ZERO_QUOTA), _CA_AUTH, backends=_CODE_ASSIST),
    Row(_k(Kind.ZERO_QUOTA), _VERTEX_QUOTA, backends=_VERTEX),
    Row(_k(Kind.ZERO_QUOTA), _IMAGE_PRICE, backends=_STUDIO, families=_IMAGE),
    Row(_k(Kind.ZERO_QUOTA), _ZERO_PAID, backends=_STUDIO, tiers=_PAID),
    Row(_k(Kind.ZERO_QUOTA), _ZERO_STUDIO, backends=_STUDIO, tiers=_NOT_PAID),
    Row(_k(Kind.ZERO_QUOTA), _ZERO_FREE_ON_PAID, backends=_STUDIO, tiers=_FREE),
    Row(_k(Kind.ZERO_QUOTA), _ZERO_FALLBACK, backends=_STUDIO, tiers=_NOT_PAID, families=_NOT_IMAGE),
    Row(_k(Kind.ZERO_QUOTA), BATCH_API, backends=_STUDIO, families=_IMAGE),
    # Billing and capacity.
    Row(_k(Kind.BILLING_LIMIT), _BILLING_LIMIT),
    Row(_k(Kind.CAPACITY), _CA_CAPACITY, backends=_CODE_ASSIST),
    Row(_k(Kind.CAPACITY), _VERTEX_CAPACITY, backends=_VERTEX),
    Row(_k(Kind.CAPACITY), _SHARED_CAPACITY, backends=_STUDIO),
    Row(_k(Kind.CAPACITY), MODEL_FALLBACK, backends=_STUDIO | _VERTEX),
    Row(_k(Kind.UNSPECIFIED_429), _CA_WAIT, backends=_CODE_ASSIST),
    Row(_k(Kind.UNSPECIFIED_429), _UNSPECIFIED_VERTEX, backends=_VERTEX),
    Row(_k(Kind.UNSPECIFIED_429), _UNSPECIFIED, backends=_STUDIO),
    Row(_k(Kind.UNSPECIFIED_429), BACKOFF),
    Row(_k(Kind.UNSPECIFIED_429), _SPEND_LIMIT, backends=_STUDIO, tiers=_PAID),
    Row(_k(Kind.UNSPECIFIED_429), SPLIT_PROJECTS, backends=_STUDIO),
    # Server-side errors.
    Row(_k(Kind.OVERLOADED), _OVERLOADED),
    Row(_k(Kind.OVERLOADED), _CA_CAPACITY, backends=_CODE_ASSIST),
    Row(_k(Kind.INTERNAL), _INTERNAL),
    Row(_k(Kind.DEADLINE), _DEADLINE),
    # Request / access errors.
    Row(_k(Kind.REGION), _CA_MIGRATE, backends=_CODE_ASSIST),
    Row(_k(Kind.REGION), _VERTEX_REGION, backends=_VERTEX),
    Row(_k(Kind.REGION), _REGION),
    Row(_k(Kind.PLAN_QUOTA), _PLAN_WAIT),
    Row(_k(Kind.PLAN_QUOTA), _PLAN_RAISE),
    Row(_k(Kind.PLAN_QUOTA), _CA_AUTH, backends=_CODE_ASSIST),
    Row(_k(Kind.AUTH_METHOD), _STANDARD_KEY, key_kinds=frozenset({"standard"})),
    Row(_k(Kind.AUTH_METHOD), _AUTH_KEY_SENT, key_kinds=frozenset({"auth"})),
    Row(_k(Kind.AUTH_METHOD), _KEY_KIND, key_kinds=frozenset({None})),
    Row(_k(Kind.AUTH_METHOD), _AUTH_KEY_SENT, key_kinds=frozenset({None})),
    Row(_k(Kind.BAD_KEY), _SIGN_IN_AGAIN, backends=_CODE_ASSIST),
    Row(_k(Kind.BAD_KEY), _VERTEX_CREDENTIALS, backends=_VERTEX, credentials=_TOKEN),
    Row(_k(Kind.BAD_KEY), _STANDARD_KEY, key_kinds=frozenset({"standard"})),
    Row(_k(Kind.BAD_KEY), _BAD_KEY),
    Row(_k(Kind.BAD_KEY), _AUTH_KEY_SENT, key_kinds=frozenset({"auth"})),
    Row(_k(Kind.BAD_KEY), _KEY_RESTRICTIONS),
    Row(_k(Kind.LEAKED_KEY), _LEAKED),
    Row(_k(Kind.API_DISABLED), _CA_API_DISABLED, backends=_CODE_ASSIST),
    Row(_k(Kind.API_DISABLED), _API_DISABLED),
    Row(_k(Kind.API_DISABLED), _NO_QUOTA_PROJECT),
    Row(_k(Kind.PERMISSION), _CA_MIGRATE, backends=_CODE_ASSIST),
    Row(_k(Kind.PERMISSION), _VERTEX_IAM, backends=_VERTEX),
    Row(_k(Kind.PERMISSION), _KEY_RESTRICTIONS),
    Row(_k(Kind.PERMISSION), _SUSPENDED),
    Row(_k(Kind.BILLING_DISABLED), _BILLING_DISABLED),
    Row(_k(Kind.MODEL_NOT_FOUND), _MODEL_NOT_FOUND_VERTEX, backends=_VERTEX),
    Row(_k(Kind.MODEL_NOT_FOUND), _MODEL_NOT_FOUND),
    Row(_k(Kind.BAD_REQUEST), _BAD_REQUEST),
    Row(_k(Kind.UNRECOGNIZED), _CAPTURE),
)


def _fill(text: str, model: str | None, limit: int | None) -> str:
    bare = model.removeprefix("models/") if model else None
    text = text.replace("<model-opt>", f" --model {bare}" if bare else "")
    text = text.replace("<model>", bare or "this model")
    if limit is None:
        return text.replace(" (limit <limit>)", "").replace("<limit>", "?")
    return text.replace("<limit>", str(limit))


def _instantiate(fix: Fix, model: str | None, limit: int | None) -> Fix:
    return Fix(
        fix.id,
        _fill(fix.title, model, limit),
        tuple(_fill(step, model, limit) for step in fix.steps),
        fix.url,
    )


def fixes_for(
    kind: Kind,
    *,
    backend: Backend = Backend.UNKNOWN,
    tier: Tier | None = None,
    model: str | None = None,
    limit: int | None = None,
    key_kind: KeyKind | None = None,
    credential: Credential | None = None,
) -> tuple[Fix, ...]:
    """The fixes for a diagnosis, most useful first (at least one for every kind). ``credential`` is what a
    key error says was refused: ``"token"`` for OAuth credentials (none found, or rejected), not an API key."""
    return _fixes(
        Kind(kind), Backend(backend), None if tier is None else Tier(tier), model, limit, key_kind, credential
    )


@lru_cache(maxsize=512)
def _fixes(
    kind: Kind,
    backend: Backend,
    tier: Tier | None,
    model: str | None,
    limit: int | None,
    key_kind: str | None = None,
    credential: str | None = None,
) -> tuple[Fix, ...]:
    family = model_family(model)
    seen: set[str] = set()
    out: list[Fix] = []
    for row in MATRIX:
        if row.fix.id in seen or not row.matches(kind, backend, tier, family, key_kind, credential):
            continue
        seen.add(row.fix.id)
        out.append(_instantiate(row.fix, model, limit))
    if not out:  # every kind has an unconditional row; this only guards future edits
        out.append(_instantiate(_CAPTURE, model, limit))
    return tuple(out)


def fixes_of(diagnosis: Diagnosis) -> tuple[Fix, ...]:
    """A diagnosis's fixes; for one built without any (by hand), the matrix's fixes for it."""
    if diagnosis.fixes:
        return diagnosis.fixes
    return fixes_for(
        diagnosis.kind,
        backend=diagnosis.backend,
        tier=diagnosis.tier,
        model=diagnosis.model,
        limit=diagnosis.limit,
    )
