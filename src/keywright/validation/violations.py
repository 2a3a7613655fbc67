"""JSON-schema errors as `Violation`s with a JSON path to the offending value."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from jsonschema.exceptions import ValidationError, best_match

from keywright.errors import Violation
from keywright.jsonpath import json_path
from keywright.validation.patterns import describe


def violations(errors: Iterable[ValidationError], root: str = "$") -> list[Violation]:
    """One violation per error, pointing at the missing, extra or wrong value."""
    found = [v for error in errors for v in _explain(error, root)]
    return sorted(set(found), key=lambda v: (v.path, v.message))


def _explain(error: ValidationError, root: str) -> Iterator[Violation]:
    path: Sequence[str | int] = list(error.absolute_path)
    schema = _schema(error)
    if error.validator == "required" and isinstance(error.instance, dict):
        for name in schema["required"]:
            if name not in error.instance:
                yield Violation(json_path([*path, name], root), f"'{name}' is a required property")
        return
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = set(schema.get("properties", {}))
        for name in error.instance:
            if name not in known:
                yield Violation(
                    json_path([*path, name], root), f"'{name}' is not an allowed property"
                )
        return
    if error.validator in ("oneOf", "anyOf") and error.context:
        discriminated = _by_discriminator(error, root)
        if discriminated is not None:
            yield from discriminated
            return
        yield from _explain(best_match(error.context), root)
        return
    if error.validator == "pattern" and (words := describe(str(error.validator_value))):
        yield Violation(
            json_path(path, root), f"{error.instance!r} is not allowed: expected {words}"
        )
        return
    yield Violation(json_path(path, root), error.message)


def _by_discriminator(error: ValidationError, root: str) -> list[Violation] | None:
    """With a discriminator, the alternative the instance names is the one to explain; an
    unknown or missing name is the violation. None without a discriminator."""
    schema = _schema(error)
    name = schema.get("discriminator", {}).get("propertyName")
    if not name or not isinstance(error.instance, dict):
        return None
    alternatives: dict[object, int] = {}
    for index, alternative in enumerate(schema[str(error.validator)]):
        for value in alternative.get("properties", {}).get(name, {}).get("enum", []):
            alternatives[value] = index
    path = [*error.absolute_path, name]
    allowed = ", ".join(repr(value) for value in alternatives)
    if name not in error.instance:
        return [Violation(json_path(path, root), f"'{name}' is required: one of {allowed}")]
    value = error.instance[name]
    if not isinstance(value, str | int | float | bool) or value not in alternatives:
        return [Violation(json_path(path, root), f"{value!r} is not one of {allowed}")]
    chosen = alternatives[value]
    return [
        violation
        for sub in error.context
        if sub.relative_schema_path and sub.relative_schema_path[0] == chosen
        for violation in _explain(sub, root)
    ]


def _schema(error: ValidationError) -> Mapping[str, Any]:
    """The (sub)schema that failed; a boolean `false` schema has no keywords."""
    return error.schema if isinstance(error.schema, Mapping) else {}
