"""Regular expressions a person can read: the pattern of a refused value, said in words.

The specs' patterns are character classes with a length (`^[A-Za-z0-9_-]+$`,
`^[a-zA-Z_][0-9a-zA-Z_$]{0,127}$`); those are described. Any other pattern is quoted as it is.
"""

from __future__ import annotations

import re

_CLASS = r"\[((?:\\.|[^\]\\])+)\]"
_ONE_CLASS = re.compile(rf"\^{_CLASS}(\+|\*|\{{(\d+),(\d+)\}})\$")
_FIRST_THEN = re.compile(rf"\^{_CLASS}{_CLASS}(\*|\+|\{{(\d+),(\d+)\}})\$")


def describe(pattern: str) -> str | None:
    """The pattern in words, or None when it is not one of the shapes described."""
    if match := _ONE_CLASS.fullmatch(pattern):
        allowed, count, low, high = match.groups()
        return f"{_count(count, low, high)} {_characters(allowed)}"
    if match := _FIRST_THEN.fullmatch(pattern):
        first, rest, count, low, high = match.groups()
        return f"{_characters(first, one=True)} first, then {_count(count, low, high, more=True)} {_characters(rest)}"
    return None


def _count(count: str, low: str | None, high: str | None, *, more: bool = False) -> str:
    if count == "+":
        return "one or more" if not more else "any number of"
    if count == "*":
        return "any number of"
    if low in (None, "0"):
        return f"at most {high}"
    return f"{low} to {high}"


def _characters(allowed: str, *, one: bool = False) -> str:
    parts = []
    rest = allowed.replace("\\", "")
    letters = {"a-z": "lowercase", "A-Z": "uppercase"}
    found = [name for span, name in letters.items() if span in rest]
    for span in letters:
        rest = rest.replace(span, "")
    if len(found) == 2:
        parts.append("a letter" if one else "letters")
    elif found:
        parts.append(f"a {found[0]} letter" if one else f"{found[0]} letters")
    if "0-9" in rest:
        parts.append("a digit" if one else "digits")
        rest = rest.replace("0-9", "")
    parts += [f"'{char}'" for char in rest]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " or " + parts[-1]
