"""A reader for the seed documents in ../shared/seeds (format described in their README).

A seed is one line: `# <title> <description> Endpoint: <METHOD> <path> Version: <v>
Security: <a>, <b> ## <Section>: - `field` (type[, required]) text ... ## ...`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

_HEADER = re.compile(
    r"^# (?P<text>.*) Endpoint: (?P<method>[A-Z]+) (?P<path>\S+) "
    r"Version: (?P<version>\S+) Security: (?P<security>.*)$"
)
_ITEM = re.compile(
    r"- `(?P<name>[^`]+)` \((?P<type>\w+)(?P<required>, required)?\)\s*(?P<rest>.*?)\s*(?=- `|$)"
)
_RESPONSE = re.compile(r"^Response (?P<status>\d{3}) fields")
_PARAMETERS = re.compile(r"^(?P<where>\w+) parameters")


@dataclass
class SeedField:
    name: str
    type: str
    required: bool
    description: str | None = None
    example: Any = None
    has_example: bool = False
    enum: list[str] | None = None


@dataclass
class Seed:
    text: str  # title and description, as one string
    method: str
    path: str
    version: str
    security: list[str]
    parameters: dict[str, list[SeedField]] = field(default_factory=dict)  # by location
    request_fields: list[SeedField] = field(default_factory=list)
    responses: dict[str, list[SeedField]] = field(default_factory=dict)  # by status


def parse_seed(text: str) -> Seed:
    head, *sections = text.strip().split(" ## ")
    match = _HEADER.match(head)
    assert match, f"unrecognised seed header: {head[:80]}"
    seed = Seed(
        text=match["text"],
        method=match["method"],
        path=match["path"],
        version=match["version"],
        security=[s.strip() for s in match["security"].split(",")],
    )
    for section in sections:
        title, _, body = section.partition(":")
        fields = [_parse_field(m) for m in _ITEM.finditer(body.strip())]
        if response := _RESPONSE.match(title):
            seed.responses[response["status"]] = fields
        elif parameters := _PARAMETERS.match(title):
            seed.parameters[parameters["where"].lower()] = fields
        elif title.startswith("Request fields"):
            seed.request_fields = fields
        else:
            raise AssertionError(f"unrecognised seed section {title!r}")
    return seed


def _parse_field(match: re.Match[str]) -> SeedField:
    rest = match["rest"]
    result = SeedField(match["name"], match["type"], bool(match["required"]))
    if "Enum: " in rest:
        rest, _, enum = rest.partition("Enum: ")
        result.enum = json.loads(f"[{enum}]")
    if "Example: " in rest:
        rest, _, example = rest.partition("Example: ")
        result.example = json.loads(example.strip())
        result.has_example = True
        if result.type == "string" and not isinstance(result.example, str):
            result.example = str(result.example)  # the field's type wins (seeds README)
    rest = rest.strip()
    if rest:
        result.description = rest
        if rest.startswith("Required."):
            result.required = True
    return result
