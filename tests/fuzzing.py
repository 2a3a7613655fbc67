"""In-process schemathesis runs, every check on, at a fixed seed: one test per API of an app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import schemathesis

from keywright.apis import Api
from keywright.contract import Credentials, fresh_idempotency_key, schemathesis_config

SEED = 20261123
MAX_EXAMPLES = 100


def fuzz_test(app: Any, api: Api, credentials: Credentials) -> Callable[..., None]:
    config = schemathesis_config(api, credentials, seed=SEED, max_examples=MAX_EXAMPLES)
    schema = schemathesis.openapi.from_asgi(f"{api.base_path}/openapi.json", app, config=config)

    @schema.parametrize()
    def test(case: schemathesis.Case) -> None:
        fresh_idempotency_key(case)
        case.call_and_validate()

    return test
