"""In-process schemathesis runs, every check on, at a fixed seed: one test per API of an app.

The schema is our spec file, as `keywright contract` loads it; the app only answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import schemathesis

from keywright.apis import Api
from keywright.contract import Credentials, Suite, freshen, schemathesis_config

SEED = 20261123
MAX_EXAMPLES = 100


def fuzz_test(app: Any, api: Api, credentials: Credentials) -> Callable[..., None]:
    suite = Suite.from_spec(api.spec_path, name=api.name)
    config = schemathesis_config(suite, credentials, seed=SEED, max_examples=MAX_EXAMPLES)
    schema = schemathesis.openapi.from_path(api.spec_path, config=config)
    schema.app = app

    @schema.parametrize()
    def test(case: schemathesis.Case) -> None:
        freshen(case)
        case.call_and_validate()

    return test
