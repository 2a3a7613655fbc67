"""A refused pattern is said in words, not as a regular expression with escaped escapes."""

from __future__ import annotations

import pytest

from keywright.validation.patterns import describe
from keywright.validation.schema import SchemaValidator
from keywright.validation.violations import violations


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (
            "^[a-zA-Z_][0-9a-zA-Z_$]{0,127}$",
            "a letter or '_' first, then at most 127 letters, digits, '_' or '$'",
        ),
        ("^[A-Za-z0-9_-]+$", "one or more letters, digits, '_' or '-'"),
        (
            "^[a-z][a-z0-9-]{2,30}$",
            "a lowercase letter first, then 2 to 30 lowercase letters, digits or '-'",
        ),
        ("^(pat|sat)(\\.[A-Za-z0-9_-]+){2,3}$", None),
    ],
)
def test_character_classes_are_described(pattern: str, words: str | None) -> None:
    assert describe(pattern) == words


def test_a_violation_says_what_is_allowed() -> None:
    validator = SchemaValidator({"type": "string", "pattern": "^[a-zA-Z_][0-9a-zA-Z_$]{0,127}$"})
    [violation] = violations(validator.errors("my-key"))
    assert violation.message == (
        "'my-key' is not allowed: expected a letter or '_' first, then at most 127 letters, "
        "digits, '_' or '$'"
    )


def test_a_pattern_not_described_is_quoted() -> None:
    validator = SchemaValidator({"type": "string", "pattern": "^(a|b)+$"})
    [violation] = violations(validator.errors("c"))
    assert violation.message == "'c' does not match '^(a|b)+$'"
