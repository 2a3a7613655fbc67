"""In-process schemathesis runs, every check on, at a fixed seed, against our servers.

The schema is our spec file and the hooks are `keywright contract`'s (fresh unique values,
refusals by state not counted against the API). The app is built when the first test sends
its first request, not when the module is imported."""

from __future__ import annotations

from collections.abc import Callable

import schemathesis
from starlette.types import ASGIApp, Receive, Scope, Send

import keywright.contract.hooks  # noqa: F401  (registers the contract's hooks)
from keywright.contract.config import schemathesis_config
from keywright.contract.credentials import Credentials
from keywright.contract.suite import Suite
from tests.catalog import CATALOG

SEED = 20261123
MAX_EXAMPLES = 100


class BuiltOnFirstUse:
    """An ASGI app that builds the real one on its first request."""

    def __init__(self, build: Callable[[], ASGIApp]) -> None:
        self.build = build
        self.app: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.app is None:
            self.app = self.build()
        await self.app(scope, receive, send)


def fuzz_test(
    app: BuiltOnFirstUse,
    api_name: str,
    credentials: Credentials,
    skipped_checks: tuple[str, ...] = (),
) -> Callable[..., None]:
    """A test per operation of `api_name`'s spec, as schemathesis loads it, sent to `app`."""
    api = CATALOG.get(api_name)
    config = schemathesis_config(
        Suite.from_api(api),
        credentials,
        seed=SEED,
        max_examples=MAX_EXAMPLES,
        skipped_checks=skipped_checks,
    )
    schema = schemathesis.openapi.from_path(api.path, config=config)
    schema.app = app

    @schema.parametrize()
    def test(case: schemathesis.Case) -> None:
        case.call_and_validate()

    return test
