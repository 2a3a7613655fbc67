"""Access keys (specs/access-keys.yaml, per-project keys with google.rpc errors)."""

from __future__ import annotations

from typing import Any

from keywright.apis import ApiPackage, BenchScenario
from keywright.apis.access_keys.config import BASIC, OAUTH_TOKEN, load_config
from keywright.apis.access_keys.envelope import AccessKeysEnvelope
from keywright.apis.access_keys.store import TABLES


def _implementation(context: Any) -> Any:
    from keywright.apis.access_keys.handlers import build

    return build(context)


PACKAGE = ApiPackage(
    envelope=AccessKeysEnvelope(),
    load_config=load_config,
    implementation=_implementation,
    tables=TABLES,
    credential_options=(OAUTH_TOKEN, BASIC),
    bench=(
        BenchScenario(
            "access key",
            "/projects/51bc3f40-f266-4ca8-8938-a1ed0ff32b9a/accessKeys",
            """'{"displayName":"bench ' .. n .. '"}'""",
        ),
    ),
    bench_config={"max_keys_per_project": {"default": 100_000_000}},
)
