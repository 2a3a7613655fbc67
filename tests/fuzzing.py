"""In-process schemathesis runs, every check on, at a fixed seed: one test per API of an app.

The schema is our spec file and the hooks are `keywright contract`'s (fresh unique values,
refusals by state not counted against the API); the app only answers."""

from __future__ import annotations

from collections.abc import Callable

import schemathesis

import keywright.contract.hooks  # noqa: F401  (registers the contract's hooks)
from keywright.apis import Api
from keywright.contract import Suite, schemathesis_config
from keywright.contract.local import LocalTarget

SEED = 20261123
MAX_EXAMPLES = 100


def fuzz_test(target: LocalTarget, api: Api) -> Callable[..., None]:
    suite = Suite.from_spec(api.spec_path, name=api.name)
    config = schemathesis_config(
        suite,
        target.credentials,
        seed=SEED,
        max_examples=MAX_EXAMPLES,
        skipped_checks=target.skipped_checks,
    )
    schema = schemathesis.openapi.from_path(api.spec_path, config=config)
    schema.app = target.app

    @schema.parametrize()
    def test(case: schemathesis.Case) -> None:
        case.call_and_validate()

    return test
