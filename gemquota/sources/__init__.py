"""Adapters for the Google Cloud APIs doctor reads, one module per API.

Each function takes the Context, the CloudCredentials from ``credentials.load_cloud_credentials``
and returns the frozen dataclasses of ``gemquota.core.cloud``; every failure leaves as a
``gemquota.exceptions`` error (PermissionDenied, ApiDisabled, NotFound, Unreachable, CallTimeout,
UnexpectedResponse). Google client libraries are imported lazily inside the functions, so importing
this package costs nothing. All calls are GET, bounded by ``ctx.timeout``, without retries.

- ``credentials``: load_cloud_credentials, CloudCredentials
- ``apikeys``: lookup_key, get_key_restrictions
- ``resourcemanager``: get_project
- ``billing``: get_billing_info, get_billing_account
- ``serviceusage``: get_service
- ``cloudquotas``: list_quota_limits, list_quota_preferences
- ``monitoring``: read_usage
"""
