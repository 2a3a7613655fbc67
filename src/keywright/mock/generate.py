"""Values made up from a JSON schema, valid against it, deterministic for a given random source."""

from __future__ import annotations

import random
import string
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import rstr

EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


def generate(schema: dict[str, Any], rng: random.Random, *, use_examples: bool = False) -> Any:
    """A value for an inlined OpenAPI 3.0 schema object; with `use_examples`, the schema's own
    examples where it has them."""
    if use_examples and "example" in schema:
        return schema["example"]
    return _generate(schema, rng, use_examples)


def _generate(schema: dict[str, Any], rng: random.Random, use_examples: bool) -> Any:
    if "enum" in schema:
        return rng.choice(schema["enum"])
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return generate(rng.choice(schema[key]), rng, use_examples=use_examples)
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            merged = _merge(merged, part)
        return generate(merged, rng, use_examples=use_examples)
    kind = schema.get("type", "object" if "properties" in schema else "string")
    return _GENERATORS[kind](schema, rng, use_examples)


def _object(schema: dict[str, Any], rng: random.Random, use_examples: bool) -> dict[str, Any]:
    properties = schema.get("properties", {})
    value = {
        name: generate(sub, rng, use_examples=use_examples) for name, sub in properties.items()
    }
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict) and schema.get("minProperties", 0) > len(value):
        for index in range(schema["minProperties"] - len(value)):
            value[f"key{index}"] = generate(extra, rng, use_examples=use_examples)
    return value


def _array(schema: dict[str, Any], rng: random.Random, use_examples: bool) -> list[Any]:
    items = schema.get("items", {})
    low = schema.get("minItems", 1)
    high = max(low, min(schema.get("maxItems", low + 2), low + 2))
    count = rng.randint(low, high)
    if schema.get("uniqueItems") and "enum" in items:
        return rng.sample(items["enum"], min(count, len(items["enum"])))
    values: list[Any] = []
    for _ in range(count * 5):
        if len(values) == count:
            break
        value = generate(items, rng, use_examples=use_examples)
        if not (schema.get("uniqueItems") and value in values):
            values.append(value)
    return values


def _string(schema: dict[str, Any], rng: random.Random, _use_examples: bool = False) -> str:
    fmt = schema.get("format")
    if fmt == "uuid":
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))
    if fmt == "date-time":
        moment = EPOCH + timedelta(seconds=rng.randrange(3 * 365 * 86400))
        return moment.isoformat().replace("+00:00", "Z")
    if fmt == "date":
        return (EPOCH + timedelta(days=rng.randrange(3 * 365))).date().isoformat()
    low = schema.get("minLength", 1)
    high = max(low, min(schema.get("maxLength", low + 15), low + 15))
    if "pattern" in schema:
        for _ in range(20):
            value = rstr.Rstr(rng).xeger(schema["pattern"])
            if low <= len(value) <= schema.get("maxLength", len(value)):
                return value
    alphabet = string.ascii_letters + string.digits
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))


def _integer(schema: dict[str, Any], rng: random.Random, _use_examples: bool = False) -> int:
    low = schema.get("minimum", 0)
    high = schema.get("maximum", low + 1000)
    if schema.get("exclusiveMinimum"):
        low += 1
    if schema.get("exclusiveMaximum"):
        high -= 1
    return rng.randint(int(low), int(high))


def _number(schema: dict[str, Any], rng: random.Random, _use_examples: bool = False) -> float:
    low = schema.get("minimum", 0.0)
    return rng.uniform(low, schema.get("maximum", low + 1000.0))


_GENERATORS: dict[str, Callable[[dict[str, Any], random.Random, bool], Any]] = {
    "object": _object,
    "array": _array,
    "string": _string,
    "integer": _integer,
    "number": _number,
    "boolean": lambda schema, rng, _use_examples: rng.random() < 0.5,
}


def _merge(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    merged = {**a, **b}
    merged["properties"] = {**a.get("properties", {}), **b.get("properties", {})}
    merged["required"] = [*a.get("required", []), *b.get("required", [])]
    return merged
