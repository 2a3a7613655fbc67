"""Proxy keys (specs/proxy-keys.yaml, the feature-flag admin API)."""

from __future__ import annotations

from typing import Any

from keywright.apis import ApiPackage, BenchScenario
from keywright.apis.proxy_keys.config import PROXY_API_KEY, load_config
from keywright.apis.proxy_keys.envelope import ProxyKeysEnvelope
from keywright.apis.proxy_keys.store import TABLES


def _implementation(context: Any) -> Any:
    from keywright.apis.proxy_keys.handlers import build

    return build(context)


PACKAGE = ApiPackage(
    envelope=ProxyKeysEnvelope(),
    load_config=load_config,
    implementation=_implementation,
    tables=TABLES,
    credential_options=(PROXY_API_KEY,),
    bench=(
        BenchScenario(
            "proxy key",
            "/proxy/keys?accountIdentifier=dev_account",
            """'{"identifier":"bench_' .. n .. '","name":"Bench","organizations":{"default":{"projects":'
            .. '{"web_app":{"scope":"selected","environments":["dev","prod"]}}}}}'""",
        ),
    ),
)
