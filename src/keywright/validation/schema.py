"""A JSON-schema validator with a compiled fast path.

jsonschema-rs answers "is it valid?" an order of magnitude faster than jsonschema; only
when it says no does jsonschema run, to explain every violation. jsonschema has the last
word, so both paths accept and refuse the same documents."""

from __future__ import annotations

import functools
import itertools
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


def _pattern(
    validator: Any, pattern: str, instance: Any, _schema: Any
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _ecma(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@functools.lru_cache(maxsize=1024)
def _ecma(pattern: str) -> re.Pattern[str]:
    """`pattern` as JSON Schema means it (ECMA 262): `$` is the end of the text, where Python's
    `$` also matches before a final newline (`my-project\\n`)."""
    out, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            char = r"\Z"
        out.append(char)
    return re.compile("".join(out))


OpenApiValidator = extend(  # type: ignore[no-untyped-call]
    Draft4Validator,
    {
        "type": _nullable(Draft4Validator.VALIDATORS["type"]),
        "enum": _nullable(Draft4Validator.VALIDATORS["enum"]),
        "pattern": _pattern,
    },
)
"""Draft 4, which OpenAPI 3.0 schemas build on, with OpenAPI's `nullable` and ECMA's `$`."""


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


MAX_ERRORS = 50
"""Enough to fix a request by; a hostile one (10,000 bad array items) gets no more, so
explaining it costs no more than this many errors and its answer stays small."""


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
        return list(itertools.islice(self._full.iter_errors(instance), MAX_ERRORS))

    def is_valid(self, instance: Any) -> bool:
        return not self.errors(instance)
