"""schemathesis hooks for `keywright contract`, loaded by the CLI through SCHEMATHESIS_HOOKS."""

from __future__ import annotations

from typing import Any

import schemathesis

from keywright.contract.idempotency import fresh_idempotency_key


@schemathesis.hook
def before_call(
    context: schemathesis.HookContext, case: schemathesis.Case, kwargs: dict[str, Any]
) -> None:
    fresh_idempotency_key(case)
