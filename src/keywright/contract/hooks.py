"""schemathesis hooks for `keywright contract`, registered when the runner imports this module."""

from __future__ import annotations

from typing import Any

import schemathesis
from schemathesis.openapi.checks import RejectedPositiveData

from keywright.contract.fresh import freshen
from keywright.contract.state import refused_by_state
from keywright.contract.tally import record_network_error, record_response


@schemathesis.hook
def before_call(
    context: schemathesis.HookContext, case: schemathesis.Case[Any], kwargs: dict[str, Any]
) -> None:
    freshen(case)


@schemathesis.hook
def after_call(
    context: schemathesis.HookContext, case: schemathesis.Case[Any], response: Any
) -> None:
    record_response(case, response)


@schemathesis.hook
def after_network_error(
    context: schemathesis.HookContext, case: schemathesis.Case[Any], request: Any
) -> None:
    record_network_error(case)


@schemathesis.hook
def filter_failure(
    context: schemathesis.HookContext, failure: Any, case: schemathesis.Case[Any], response: Any
) -> bool:
    """Keep every failure but a valid request refused by the API's state."""
    return not (isinstance(failure, RejectedPositiveData) and refused_by_state(response))
