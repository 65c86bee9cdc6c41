"""The JSON contract of SPEC §3, written out independently of the code so tests can hold it to it."""

#: Keys every diagnosis object must carry (values may be null).
DIAGNOSIS_KEYS = frozenset(
    {
        "kind",
        "retry",
        "backend",
        "http_code",
        "status",
        "headline",
        "model",
        "requested_model",
        "quota_id",
        "quota_metric",
        "limit",
        "tier",
        "location",
        "retry_after_s",
        "reset_at",
        "project_number",
        "count",
        "evidence",
        "assumptions",
        "fixes",
    }
)
#: The extra keys gemquota adds (SPEC §3 allows extra keys).
DIAGNOSIS_EXTRA_KEYS = frozenset({"why", "reset_basis", "notes"})
