"""JSON-schema errors as `Violation`s with a JSON path to the offending value."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from jsonschema.exceptions import ValidationError, best_match

from keywright.errors import Violation
from keywright.jsonpath import json_path


def violations(errors: Iterable[ValidationError], root: str = "$") -> list[Violation]:
    """One violation per error, pointing at the missing, extra or wrong value."""
    found = [v for error in errors for v in _explain(error, root)]
    return sorted(set(found), key=lambda v: (v.path, v.message))


def _explain(error: ValidationError, root: str) -> Iterator[Violation]:
    path: Sequence[str | int] = list(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        for name in error.validator_value:
            if name not in error.instance:
                yield Violation(json_path([*path, name], root), f"'{name}' is a required property")
        return
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = set(error.schema.get("properties", {}))
        for name in error.instance:
            if name not in known:
                yield Violation(
                    json_path([*path, name], root), f"'{name}' is not an allowed property"
                )
        return
    if error.validator in ("oneOf", "anyOf") and error.context:
        yield from _explain(best_match(error.context), root)
        return
    yield Violation(json_path(path, root), error.message)
