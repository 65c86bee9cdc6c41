"""A local Google API emulator for demos and tests (SPEC §6).

    from gemquota.emulator import Emulator, Fault, SCENARIOS
    with Emulator("healthy") as emu:
        emu.base_url, emu.demo_env(), emu.requests

The real client libraries (google-genai, google-cloud-* in REST transport, google-auth) talk to it
over loopback; answers follow the scenario's declarative data."""

from __future__ import annotations

from gemquota.emulator.scenarios import (
    SCENARIOS,
    ApiKeySpec,
    BillingAccountSpec,
    DemoSetup,
    Grant,
    Principal,
    Project,
    Scenario,
    Usage,
    get_scenario,
)
from gemquota.emulator.server import API_NAMES, Emulator, Fault, RecordedRequest

__all__ = [
    "API_NAMES",
    "SCENARIOS",
    "ApiKeySpec",
    "BillingAccountSpec",
    "DemoSetup",
    "Emulator",
    "Fault",
    "Grant",
    "Principal",
    "Project",
    "RecordedRequest",
    "Scenario",
    "Usage",
    "get_scenario",
]
