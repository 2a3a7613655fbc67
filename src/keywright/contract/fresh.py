"""A fuzzer does not know idempotency keys: it reuses `"0"` for different bodies, which a
correct server must reject (422). Schema-valid cases get a fresh key so that they test
acceptance, not key reuse; invalid keys are left alone to test rejection."""

from __future__ import annotations

import uuid

import schemathesis

IDEMPOTENCY_HEADER = "x-idempotency-key"


def fresh_idempotency_key(case: schemathesis.Case) -> None:
    headers = case.headers or {}
    if IDEMPOTENCY_HEADER not in headers:
        return
    meta = case.meta
    if meta is not None and not meta.generation.mode.is_positive:
        return
    headers[IDEMPOTENCY_HEADER] = f"kw-{uuid.uuid4().hex}"
