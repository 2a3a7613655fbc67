"""The request shapes the response: what the client sent comes back, timestamps are now,
identifiers and secrets are fresh, and a timestamp the spec derives from the request
(`x-keywright-offset`: `expires_at` = `created_at` + `expiration_time` seconds) follows it."""

from __future__ import annotations

import random
import re
import string
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from keywright.mock.generate import generate
from keywright.specs.extensions import OFFSET
from keywright.validation.schema import SchemaValidator

FRESH_NAMES = re.compile(r"^(id|key|key_value|secret)$|Id$|_id$")
"""Identifiers and secrets, by these APIs' naming conventions: new on every call."""


def reflect(
    body: Any,
    schema: dict[str, Any],
    request: Mapping[str, Any],
    rng: random.Random,
    now: str | None,
) -> Any:
    """`body` reshaped by `request` (top-level body fields and parameters, by name).

    `now` is the request's moment as the APIs write it (`timestamp(…)`, formatted once per
    request); None keeps generated timestamps (deterministic runs with a seed).
    """
    if not isinstance(body, dict) or "properties" not in schema:
        return body
    out = dict(body)
    for name, prop in schema["properties"].items():
        if name in request and _fits(request[name], prop):
            out[name] = request[name]
        elif prop.get("type") == "object":
            out[name] = reflect(out.get(name, {}), prop, request, rng, now)
        elif prop.get("format") == "uuid":
            out[name] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        elif prop.get("format") == "date-time" and now is not None:
            out[name] = now
        elif FRESH_NAMES.search(name) and prop.get("type") == "string":
            out[name] = _fresh_like(out.get(name), prop, rng)
    for name, prop in schema["properties"].items():
        offset = prop.get(OFFSET)
        if not isinstance(offset, dict) or offset.get("from") not in out:
            continue
        base = offset["from"]
        seconds = request.get(str(offset.get("seconds")))
        if isinstance(seconds, int) and not isinstance(seconds, bool):
            start = datetime.fromisoformat(out[base].replace("Z", "+00:00"))
            out[name] = timestamp(start + timedelta(seconds=seconds))
        elif name not in schema.get("required", []):
            out.pop(name, None)
    return out


_validators: dict[int, tuple[dict[str, Any], SchemaValidator]] = {}


def _fits(value: Any, schema: dict[str, Any]) -> bool:
    """Whether `value` validates; validators are compiled once per (long-lived) schema."""
    cached = _validators.get(id(schema))
    if cached is None or cached[0] is not schema:
        cached = _validators[id(schema)] = (schema, SchemaValidator(schema))
    return cached[1].is_valid(value)


def timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _fresh_like(example: Any, schema: dict[str, Any], rng: random.Random) -> str:
    """A new value shaped like the example: same prefix (`key_`, `ak_`), same character classes."""
    if isinstance(example, str) and example:
        prefix, _, rest = example.rpartition("_")
        head = prefix + "_" if prefix else ""
        value = head + _same_classes(rest or example, rng)
        if _fits(value, schema):
            return value
    return str(generate(schema, rng))


_ALPHABET_OF = {
    char: alphabet
    for alphabet in (string.digits, string.ascii_lowercase, string.ascii_uppercase)
    for char in alphabet
}


def _same_classes(text: str, rng: random.Random) -> str:
    """Each digit or letter replaced by a random one of its class; other characters kept."""
    noise = rng.randbytes(len(text))
    return "".join(
        alphabet[n % len(alphabet)] if (alphabet := _ALPHABET_OF.get(char)) else char
        for char, n in zip(text, noise, strict=True)
    )


def reflect_error(body: Any, request: Mapping[str, Any], samples: Mapping[str, str]) -> Any:
    """An error example that names the request's example values (`'CI pipeline'`) names what
    this request sent in those fields instead (`'web'`)."""
    swaps = {
        example: request[field]
        for example, field in samples.items()
        if isinstance(request.get(field), str) and request[field] != example
    }
    if not swaps:
        return body
    return _swap_strings(body, swaps)


def _swap_strings(value: Any, swaps: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        for example, sent in swaps.items():
            value = value.replace(example, sent)
        return value
    if isinstance(value, dict):
        return {key: _swap_strings(item, swaps) for key, item in value.items()}
    if isinstance(value, list):
        return [_swap_strings(item, swaps) for item in value]
    return value
