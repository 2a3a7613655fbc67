"""Every fact of each seed is in its spec: the specs carry the seeds completely and exactly."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from keywright.catalog import ApiSpec
from keywright.specs import SpecDocument
from tests.catalog import SEEDS_DIR
from tests.specs.seed_format import Seed, SeedField, parse_seed

ORIGINALS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
"""Where CI puts the original seed documents, beside the checkout."""


@pytest.fixture
def seed(seed_text: str) -> Seed:
    return parse_seed(seed_text)


@pytest.mark.skipif(not ORIGINALS.is_dir(), reason="../shared/seeds is not beside the checkout")
def test_the_copies_are_the_originals(api: ApiSpec, seed_text: str) -> None:
    """tests/specs/seeds/README.md maps each copy to its original."""
    mapping = dict(re.findall(r"\| `([\w-]+\.txt)` \| `(\w+\.txt)` \|", _readme()))
    original = ORIGINALS / mapping[f"{api.name}.txt"]
    assert seed_text == original.read_text(encoding="utf-8")


def _readme() -> str:
    return (SEEDS_DIR / "README.md").read_text(encoding="utf-8")


def _operation(spec: SpecDocument, seed: Seed) -> dict[str, Any]:
    base = spec.data["servers"][0]["url"].rstrip("/")
    for route, path_item in spec.data["paths"].items():
        if base + route == seed.path:
            return path_item[seed.method.lower()]
    raise AssertionError(f"{seed.method} {seed.path} is not in the spec")


def test_operation_title_version_and_security(spec: SpecDocument, seed: Seed) -> None:
    operation = _operation(spec, seed)
    assert f"{operation['summary']} {operation['description']}" == seed.text
    assert spec.data["info"]["version"] == seed.version
    # Each named scheme is an alternative on its own.
    assert operation["security"] == [{name: []} for name in seed.security]
    assert set(spec.data["components"]["securitySchemes"]) == set(seed.security)


def test_parameters(spec: SpecDocument, seed: Seed) -> None:
    parameters = [spec.resolve(p) for p in _operation(spec, seed).get("parameters", [])]
    documented = {(p["in"], p["name"]): p for p in parameters}
    for location, fields in seed.parameters.items():
        for seed_field in fields:
            parameter = documented.get((location, seed_field.name))
            assert parameter, f"{location} parameter {seed_field.name} is missing"
            assert parameter.get("required", False) == seed_field.required
            assert parameter["schema"]["type"] == seed_field.type
            if seed_field.description:
                assert parameter["description"] == seed_field.description
            if seed_field.has_example:
                assert seed_field.example in _example_values(spec, parameter)
    assert len(documented) == sum(len(f) for f in seed.parameters.values())


def _example_values(spec: SpecDocument, parameter: dict[str, Any]) -> list[Any]:
    """A parameter's `example`, or the values of its named `examples` (one per request example)."""
    if "example" in parameter:
        return [parameter["example"]]
    return [spec.resolve(example)["value"] for example in parameter.get("examples", {}).values()]


def test_request_fields(spec: SpecDocument, seed: Seed) -> None:
    body = spec.resolve(_operation(spec, seed)["requestBody"])
    schema = spec.resolve(body["content"]["application/json"]["schema"])
    for seed_field in seed.request_fields:
        _assert_field(spec, schema, seed_field)


def test_responses(spec: SpecDocument, seed: Seed) -> None:
    responses = _operation(spec, seed)["responses"]
    for status, fields in seed.responses.items():
        assert status in responses, f"status {status} is not documented"
        if not fields:
            continue
        response = spec.resolve(responses[status])
        schema = spec.resolve(response["content"]["application/json"]["schema"])
        for seed_field in fields:
            _assert_field(spec, schema, seed_field)


def _assert_field(spec: SpecDocument, schema: dict[str, Any], seed_field: SeedField) -> None:
    *parents, name = seed_field.name.split(".")
    for parent in parents:
        schema = spec.resolve(schema["properties"][parent])
        if schema.get("type") == "array":
            schema = spec.resolve(schema["items"])
    where = f"field {seed_field.name}"
    assert name in schema.get("properties", {}), f"{where} is missing"
    prop = spec.resolve(schema["properties"][name])
    assert prop["type"] == seed_field.type, where
    assert (name in schema.get("required", [])) == seed_field.required, f"{where}: required flag"
    if seed_field.description:
        assert prop.get("description") == seed_field.description, where
    if seed_field.has_example:
        assert prop.get("example") == seed_field.example, where
    if seed_field.enum:
        enum_holder = spec.resolve(prop["items"]) if prop["type"] == "array" else prop
        assert enum_holder["enum"] == seed_field.enum, where
