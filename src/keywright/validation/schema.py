"""A JSON-schema validator with a compiled fast path.

jsonschema-rs answers "is it valid?" an order of magnitude faster than jsonschema; only
when it says no does jsonschema run, to explain every violation. jsonschema has the last
word, so both paths accept and refuse the same documents."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import jsonschema_rs
from jsonschema import Draft4Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from jsonschema.validators import extend

Keyword = Callable[[Any, Any, Any, dict[str, Any]], Iterator[ValidationError]]


def _nullable(keyword: Keyword) -> Keyword:
    """OpenAPI 3.0's `nullable: true` lets a value be null whatever its `type` or `enum`."""

    def check(validator: Any, value: Any, instance: Any, schema: dict[str, Any]) -> Any:
        if instance is None and schema.get("nullable") is True:
            return
        yield from keyword(validator, value, instance, schema)

    return check


OpenApiValidator = extend(  # type: ignore[no-untyped-call]
    Draft4Validator,
    {
        "type": _nullable(Draft4Validator.VALIDATORS["type"]),
        "enum": _nullable(Draft4Validator.VALIDATORS["enum"]),
    },
)
"""Draft 4, which OpenAPI 3.0 schemas build on, with OpenAPI's `nullable`."""


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _is_uuid(value: str) -> bool:
    return _UUID.fullmatch(value) is not None


FORMAT_CHECKER = FormatChecker()
for _name, _check in Draft4Validator.FORMAT_CHECKER.checkers.items():
    FORMAT_CHECKER.checkers[_name] = _check
FORMAT_CHECKER.checks("uuid")(lambda value: not isinstance(value, str) or _is_uuid(value))
"""Draft 4's formats and OpenAPI's `uuid` (Draft 4 has none)."""

INTEGER_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}
"""OpenAPI's integer formats, checked as the bounds they are."""


def with_format_bounds(schema: Any) -> Any:
    """`schema` with every `int32`/`int64` also stated as `minimum`/`maximum`, which both
    validators check (neither knows these formats)."""
    if isinstance(schema, list):
        return [with_format_bounds(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    bounded = {key: with_format_bounds(value) for key, value in schema.items()}
    if schema.get("format") in INTEGER_RANGES and schema.get("type") == "integer":
        low, high = INTEGER_RANGES[schema["format"]]
        bounded["minimum"] = max(schema.get("minimum", low), low)
        bounded["maximum"] = min(schema.get("maximum", high), high)
    return bounded


class SchemaValidator:
    """Checks every format the specs use: `uuid`, `date-time`, `email`, `int32`, `int64`."""

    def __init__(self, schema: dict[str, Any]) -> None:
        schema = with_format_bounds(schema)
        self._fast = jsonschema_rs.Draft4Validator(
            schema, validate_formats=True, formats={"uuid": _is_uuid}
        )
        self._full = OpenApiValidator(schema, format_checker=FORMAT_CHECKER)

    def errors(self, instance: Any) -> list[ValidationError]:
        if self._fast.is_valid(instance):
            return []
        return list(self._full.iter_errors(instance))

    def is_valid(self, instance: Any) -> bool:
        return not self.errors(instance)
