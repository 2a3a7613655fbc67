"""A fuzzer repeats values: it replays the spec's examples on every run and reuses `"0"` as an
idempotency key for different bodies. Values an API requires to be unique would then make a
correct deployment refuse valid requests (409, or 422 for a reused idempotency key), and an
operation would look untested on a second run against the same deployment.

The spec marks those values `x-keywright-unique` (a request body field or a parameter). On
schema-valid cases they are made fresh, keeping their shape; invalid cases are left alone, to
test rejection.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from keywright.specs.document import SpecDocument
from keywright.specs.extensions import UNIQUE


@dataclass(frozen=True)
class UniqueValues:
    body_fields: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()
    query: tuple[str, ...] = ()


def freshen(case: Any) -> None:
    meta = case.meta
    if meta is not None and not meta.generation.mode.is_positive:
        return
    unique = _unique_values(
        case.operation.schema.raw_schema, case.operation.label, case.operation.definition.raw
    )
    for container, names in ((case.headers, unique.headers), (case.query, unique.query)):
        for name in names:
            if isinstance(container, MutableMapping) and name in container:
                container[name] = f"kw-{secrets.token_hex(12)}"
    if isinstance(case.body, dict):
        for name in unique.body_fields:
            value = case.body.get(name)
            if isinstance(value, str):
                case.body[name] = _fresh(value)


def _fresh(value: str) -> str:
    """`value` with a random suffix, within 48 characters."""
    return value[:39] + "_" + secrets.token_hex(4)


_known: dict[tuple[int, str], tuple[Mapping[str, Any], UniqueValues]] = {}


def _unique_values(
    schema: Mapping[str, Any], label: str, operation: Mapping[str, Any]
) -> UniqueValues:
    """What the operation marks unique, worked out once per operation of a schema (the schema
    is kept with the answer, so that its id cannot be reused by another)."""
    known = _known.get((id(schema), label))
    if known is None or known[0] is not schema:
        values = unique_values(SpecDocument(Path("<schema>"), dict(schema)), operation)
        known = _known[(id(schema), label)] = (schema, values)
    return known[1]


def unique_values(doc: SpecDocument, operation: Mapping[str, Any]) -> UniqueValues:
    headers: list[str] = []
    query: list[str] = []
    for parameter in map(doc.resolve, operation.get("parameters", [])):
        if UNIQUE in parameter:
            (headers if parameter.get("in") == "header" else query).append(parameter["name"])
    fields: list[str] = []
    body = doc.resolve(operation.get("requestBody", {}))
    for media in body.get("content", {}).values():
        properties = doc.resolve(media.get("schema", {})).get("properties", {})
        fields += [name for name, prop in properties.items() if UNIQUE in doc.resolve(prop)]
    return UniqueValues(tuple(fields), tuple(headers), tuple(query))
