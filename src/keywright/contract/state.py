"""A valid request that an API refuses because of what it already holds (a project with its
most access keys) is the API keeping its contract, not breaking it: google.rpc APIs say so
with a status of FAILED_PRECONDITION, RESOURCE_EXHAUSTED or ABORTED. schemathesis's
`positive_data_acceptance` only sees a 400 to valid data; these refusals are dropped from it,
and counted apart so that a run in which only they came back says why."""

from __future__ import annotations

from typing import Any

STATE_REFUSALS = frozenset({"FAILED_PRECONDITION", "RESOURCE_EXHAUSTED", "ABORTED"})


def refused_by_state(response: Any) -> str | None:
    """The google.rpc status of a refusal by state, or None for any other response."""
    if not 400 <= response.status_code < 500:
        return None
    try:
        body = response.json()
    except ValueError:
        return None
    error = body.get("error") if isinstance(body, dict) else None
    status = error.get("status") if isinstance(error, dict) else None
    return status if status in STATE_REFUSALS else None
