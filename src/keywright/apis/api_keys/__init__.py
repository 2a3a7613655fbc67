"""API keys (specs/api-keys.yaml, the tokenization platform's admin API)."""

from __future__ import annotations

from typing import Any

from keywright.apis import ApiPackage, BenchScenario
from keywright.apis.api_keys.config import ADMIN_TOKEN, API_KEY, load_config
from keywright.apis.api_keys.envelope import ApiKeysEnvelope
from keywright.apis.api_keys.store import TABLES


def _implementation(context: Any) -> Any:
    from keywright.apis.api_keys.handlers import build

    return build(context)


PACKAGE = ApiPackage(
    envelope=ApiKeysEnvelope(),
    load_config=load_config,
    implementation=_implementation,
    tables=TABLES,
    credential_options=(API_KEY, ADMIN_TOKEN),
    bench=(
        BenchScenario(
            "API key",
            "/api-keys",
            """'{"scopes":["pci:tokens:read","pci:tokens:create"],"expiration_time":3600}'""",
        ),
        BenchScenario(
            "API key, invalid",
            "/api-keys",
            """'{"scopes":["pci:tokens:erase"],"expiration_time":-' .. n .. ',"extra":true}'""",
            valid=False,
        ),
    ),
)
