"""A JSON-schema validator with a compiled fast path.

jsonschema-rs answers "is it valid?" an order of magnitude faster than jsonschema; only
when it says no does jsonschema run, to explain every violation. jsonschema has the last
word, so both paths accept and refuse the same documents."""

from __future__ import annotations

from typing import Any

import jsonschema_rs
from connexion.json_schema import Draft4RequestValidator
from jsonschema import Draft4Validator
from jsonschema.exceptions import ValidationError


class SchemaValidator:
    def __init__(self, schema: dict[str, Any]) -> None:
        self._fast = jsonschema_rs.Draft4Validator(schema, validate_formats=True)
        self._full = Draft4RequestValidator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)

    def errors(self, instance: Any) -> list[ValidationError]:
        if self._fast.is_valid(instance):
            return []
        return list(self._full.iter_errors(instance))

    def is_valid(self, instance: Any) -> bool:
        return not self.errors(instance)
