"""A fuzzer repeats values: it replays the spec's examples on every run and reuses `"0"` as an
idempotency key for different bodies. Values an API requires to be unique would then make a
correct deployment refuse valid requests (409, or 422 for a reused idempotency key), and an
operation would look untested on a second run against the same deployment.

So on schema-valid cases those values are made fresh, keeping their shape; invalid cases are
left alone, to test rejection.
"""

from __future__ import annotations

import secrets

import schemathesis

UNIQUE_HEADERS = ("x-idempotency-key",)
UNIQUE_BODY_FIELDS = {
    "createProxyKey": ("identifier",),  # unique per account
    "createAccessKey": ("displayName",),  # unique per project
}


def freshen(case: schemathesis.Case) -> None:
    meta = case.meta
    if meta is not None and not meta.generation.mode.is_positive:
        return
    headers = case.headers or {}
    for name in UNIQUE_HEADERS:
        if name in headers:
            headers[name] = f"kw-{secrets.token_hex(12)}"
    operation_id = case.operation.definition.raw.get("operationId")
    if isinstance(case.body, dict):
        for name in UNIQUE_BODY_FIELDS.get(operation_id, ()):
            value = case.body.get(name)
            if isinstance(value, str):
                case.body[name] = _fresh(value)


def _fresh(value: str) -> str:
    """`value` with a random suffix, within 48 characters (every unique field allows 100)."""
    return value[:39] + "_" + secrets.token_hex(4)
