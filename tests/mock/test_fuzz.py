"""schemathesis fuzzes the mock in-process with every check on: it must be as clean as the server."""

from __future__ import annotations

import schemathesis

from keywright.apis import get_api
from keywright.contract import Credentials, fresh_idempotency_key, schemathesis_config
from keywright.mock import create_app

APP = create_app(validate_responses=True)
CREDENTIALS = Credentials(
    proxy_api_key="pat.acme.fuzz.0123abcd", oauth_token="any-token", admin_token="adm_fuzz"
)


def _schema(name: str) -> schemathesis.schemas.BaseSchema:
    api = get_api(name)
    config = schemathesis_config(api, CREDENTIALS, seed=20261123, max_examples=100)
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
