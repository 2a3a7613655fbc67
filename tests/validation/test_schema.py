"""The shared validator: the fast path and the explaining path agree, with OpenAPI's keywords."""

from __future__ import annotations

from keywright.validation.schema import SchemaValidator

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
