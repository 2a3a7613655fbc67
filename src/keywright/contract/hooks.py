"""schemathesis hooks for `keywright contract`, loaded by the CLI through SCHEMATHESIS_HOOKS."""

from __future__ import annotations

from typing import Any

import schemathesis

from keywright.contract.fresh import freshen
from keywright.contract.tally import record_network_error, record_response


@schemathesis.hook
def before_call(
    context: schemathesis.HookContext, case: schemathesis.Case, kwargs: dict[str, Any]
) -> None:
    freshen(case)


@schemathesis.hook
def after_call(context: schemathesis.HookContext, case: schemathesis.Case, response: Any) -> None:
    record_response(case, response)


@schemathesis.hook
def after_network_error(
    context: schemathesis.HookContext, case: schemathesis.Case, request: Any
) -> None:
    record_network_error(case)
