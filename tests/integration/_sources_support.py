"""Helpers shared by the source-adapter integration tests (emulator contexts, credential files)."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from gemquota.context import Context, Endpoints
from gemquota.emulator import Emulator


def emu_context(emu: Emulator, env: Mapping[str, str] | None = None, *, timeout: float = 5.0) -> Context:
    """A Context pointed at the emulator; ``env`` defaults to the scenario's demo environment."""
    return Context(
        env=dict(emu.demo_env() if env is None else env),
        endpoints=Endpoints.from_base(emu.base_url),
        timeout=timeout,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        dmi_product_path=None,
    )


def cloud_requests(emu: Emulator) -> list[Any]:
    """Requests to Cloud APIs (everything but the OAuth token endpoint)."""
    return [r for r in emu.requests if r.api not in ("token", "")]


def rsa_private_key_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def write_service_account_file(path: Path, *, email: str, token_uri: str, project_id: str) -> Path:
    path.write_text(
        json.dumps(
            {
                "type": "service_account",
                "project_id": project_id,
                "private_key_id": "0123456789abcdef0123456789abcdef01234567",
                "private_key": rsa_private_key_pem(),
                "client_email": email,
                "client_id": "101234567890123456789",
                "auth_uri": "https://accounts.google.com/o/oauth2/auth",
                "token_uri": token_uri,
            }
        ),
        encoding="utf-8",
    )
    return path


def write_user_adc_file(
    path: Path, *, refresh_token: str, quota_project: str | None, account: str = ""
) -> Path:
    info: dict[str, Any] = {
        "type": "authorized_user",
        "client_id": "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com",
        "client_secret": "d-FL95Q19q7MQmFpd7hHD0Ty",
        "refresh_token": refresh_token,
        "account": account,
        "universe_domain": "googleapis.com",
    }
    if quota_project:
        info["quota_project_id"] = quota_project
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(info), encoding="utf-8")
    return path
