"""A JSON-schema validator with a compiled fast path.

jsonschema-rs answers "is it valid?" an order of magnitude faster than jsonschema; only
when it says no does jsonschema run, to explain every violation. jsonschema has the last
word, so both paths accept and refuse the same documents."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import jsonschema_rs
from jsonschema import Draft4Validator
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


class SchemaValidator:
    def __init__(self, schema: dict[str, Any]) -> None:
        self._fast = jsonschema_rs.Draft4Validator(schema, validate_formats=True)
        self._full = OpenApiValidator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)

    def errors(self, instance: Any) -> list[ValidationError]:
        if self._fast.is_valid(instance):
            return []
        return list(self._full.iter_errors(instance))

    def is_valid(self, instance: Any) -> bool:
        return not self.errors(instance)
