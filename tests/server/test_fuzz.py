"""schemathesis fuzzes the reference server in-process, every check on, with valid credentials."""

from __future__ import annotations

import schemathesis

from keywright.apis import get_api
from keywright.contract import Credentials, fresh_idempotency_key, schemathesis_config
from keywright.server import create_app, load_config

SEED = 20261123
APP = create_app(validate_responses=True)
CONFIG = load_config()
CREDENTIALS = Credentials(
    proxy_api_key=CONFIG.proxy_admin_keys[0].key,
    oauth_token=CONFIG.oauth_tokens[0].token,
    admin_token=CONFIG.admin_tokens[0],
)


def _schema(name: str) -> schemathesis.schemas.BaseSchema:
    api = get_api(name)
    config = schemathesis_config(api, CREDENTIALS, seed=SEED, max_examples=100)
    return schemathesis.openapi.from_asgi(f"{api.base_path}/openapi.json", APP, config=config)


proxy_keys = _schema("proxy-keys")
access_keys = _schema("access-keys")
api_keys = _schema("api-keys")


@proxy_keys.parametrize()
def test_proxy_keys(case: schemathesis.Case) -> None:
    case.call_and_validate()


@access_keys.parametrize()
def test_access_keys(case: schemathesis.Case) -> None:
    case.call_and_validate()


@api_keys.parametrize()
def test_api_keys(case: schemathesis.Case) -> None:
    fresh_idempotency_key(case)
    case.call_and_validate()
