"""The shared validator: the fast path and the explaining path agree, with OpenAPI's keywords."""

from __future__ import annotations

import pytest

from keywright.validation.schema import MAX_ERRORS, SchemaValidator

NOTE = SchemaValidator(
    {
        "type": "object",
        "properties": {
            "note": {"type": "string", "nullable": True},
            "colour": {"type": "string", "enum": ["red"], "nullable": True},
            "name": {"type": "string"},
        },
    }
)


def test_nullable_lets_a_value_be_null() -> None:
    assert NOTE.is_valid({"note": None, "colour": None})


def test_without_nullable_null_is_refused_naming_the_field() -> None:
    [error] = NOTE.errors({"name": None})
    assert list(error.absolute_path) == ["name"]
    assert error.validator == "type"


def test_nullable_allows_null_only() -> None:
    assert not NOTE.is_valid({"note": 1})
    assert not NOTE.is_valid({"colour": "blue"})


IDENTIFIED = SchemaValidator(
    {
        "type": "object",
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "count": {"type": "integer", "format": "int32"},
            "total": {"type": "integer", "format": "int64", "minimum": 1},
            "at": {"type": "string", "format": "date-time"},
        },
    }
)


def test_uuid_is_checked() -> None:
    assert IDENTIFIED.is_valid({"id": "0b8f5f4e-3a51-4d7e-9d6a-2f0f8a1c9b10"})
    [error] = IDENTIFIED.errors({"id": "not-a-uuid"})
    assert error.message == "'not-a-uuid' is not a 'uuid'"


@pytest.mark.parametrize(
    ("field", "value", "valid"),
    [
        ("count", 2**31 - 1, True),
        ("count", 2**31, False),
        ("count", -(2**31) - 1, False),
        ("total", 2**63 - 1, True),
        ("total", 2**63, False),
        ("total", 0, False),
    ],
)
def test_integer_formats_are_their_bounds(field: str, value: int, valid: bool) -> None:
    assert IDENTIFIED.is_valid({field: value}) is valid


def test_date_time_is_checked() -> None:
    assert IDENTIFIED.is_valid({"at": "2026-01-01T00:00:00Z"})
    assert not IDENTIFIED.is_valid({"at": "yesterday"})


HARNESS_IDENTIFIER = SchemaValidator(
    {"type": "string", "pattern": "^[a-zA-Z_][0-9a-zA-Z_$]{0,127}$"}
)


@pytest.mark.parametrize("value", ["dev_account\n", "a\n", "\n"])
def test_dollar_is_the_end_of_the_text_not_a_final_newline(value: str) -> None:
    [error] = HARNESS_IDENTIFIER.errors(value)
    assert error.validator == "pattern"


def test_a_dollar_inside_a_character_class_is_a_dollar() -> None:
    assert HARNESS_IDENTIFIER.is_valid("price$usd")


def test_a_hostile_array_is_explained_by_its_first_errors_only() -> None:
    scopes = SchemaValidator({"type": "array", "items": {"type": "string", "enum": ["read"]}})
    errors = scopes.errors([1, "write"] * 5_400)
    assert len(errors) == MAX_ERRORS
    assert max(e.absolute_path[0] for e in errors) < MAX_ERRORS  # the first items'
