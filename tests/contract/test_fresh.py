"""Schema-valid cases get fresh values where the API demands uniqueness; invalid ones do not."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any, cast

import schemathesis
from schemathesis.generation import GenerationMode

from keywright.contract.fresh import freshen


def _case(operation_id: str, body: Any, headers: dict[str, str], mode: GenerationMode) -> Any:
    """The parts of a schemathesis case that `freshen` reads and writes."""
    return SimpleNamespace(
        meta=SimpleNamespace(generation=SimpleNamespace(mode=mode)),
        operation=SimpleNamespace(definition=SimpleNamespace(raw={"operationId": operation_id})),
        headers=headers,
        body=body,
    )


def _freshen(case: Any) -> Any:
    freshen(cast(schemathesis.Case, case))
    return case


def test_a_valid_case_gets_a_fresh_idempotency_key_each_time() -> None:
    first = _freshen(
        _case("createApiKey", {}, {"x-idempotency-key": "order_1"}, GenerationMode.POSITIVE)
    )
    second = _freshen(
        _case("createApiKey", {}, {"x-idempotency-key": "order_1"}, GenerationMode.POSITIVE)
    )
    keys = {first.headers["x-idempotency-key"], second.headers["x-idempotency-key"]}
    assert len(keys) == 2 and all(re.fullmatch(r"kw-[0-9a-f]{24}", k) for k in keys)


def test_unique_body_fields_keep_their_shape() -> None:
    proxy = _freshen(
        _case(
            "createProxyKey", {"identifier": "MyProxyKey", "name": "n"}, {}, GenerationMode.POSITIVE
        )
    )
    assert re.fullmatch(r"MyProxyKey_[0-9a-f]{8}", proxy.body["identifier"])
    assert proxy.body["name"] == "n", "only the unique field changes"
    access = _freshen(
        _case("createAccessKey", {"displayName": "x" * 100}, {}, GenerationMode.POSITIVE)
    )
    assert len(access.body["displayName"]) <= 48


def test_invalid_cases_are_left_alone() -> None:
    case = _freshen(
        _case(
            "createProxyKey",
            {"identifier": "1bad"},
            {"x-idempotency-key": "0"},
            GenerationMode.NEGATIVE,
        )
    )
    assert case.body == {"identifier": "1bad"} and case.headers == {"x-idempotency-key": "0"}
