"""Every constraint a spec states (limits, patterns, formats, enums, required fields, closed
objects, credential shapes), as rows of the table in specs/README.md."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from keywright.jsonpath import json_path
from keywright.specs import SpecDocument

KEYWORDS = frozenset(
    {
        "minLength",
        "maxLength",
        "pattern",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minProperties",
        "maxProperties",
        "format",
        "enum",
        "required",
        "oneOf",
        "additionalProperties",
        "x-credential-pattern",
        "tokenUrl",
    }
)

Row = tuple[str, str, str, str]
"""(spec, JSON path, keyword, value), as the table shows them."""


def constraints(name: str, doc: SpecDocument) -> Iterator[Row]:
    yield from _walk(name, doc.data.get("components", {}), ("components",))


def _walk(name: str, node: Any, location: tuple[str | int, ...]) -> Iterator[Row]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("example", "examples"):
                continue
            if key in KEYWORDS and not (key == "additionalProperties" and value is not False):
                yield name, json_path(location), key, _shown(value)
            yield from _walk(name, value, (*location, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(name, value, (*location, index))


def _shown(value: Any) -> str:
    if isinstance(value, list):
        if all(isinstance(item, str) for item in value):
            return ", ".join(value)
        return f"{len(value)} alternatives"
    return str(value).lower() if isinstance(value, bool) else str(value)


def table_rows(readme: Path) -> list[tuple[Row, str]]:
    """The table's rows with their source column."""
    rows = []
    for line in readme.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) != 5 or cells[0] in ("spec", "---"):
            continue
        spec, where, keyword, value, source = (c.replace("\\|", "|") for c in cells)
        rows.append(((spec, where.strip("`"), keyword.strip("`"), value.strip("`")), source))
    return rows
