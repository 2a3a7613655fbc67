"""keywright's own extensions and the body shapes its generator needs are checked by `lint`:
a misspelt or malformed extension would otherwise be ignored by every tool that reads it."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from keywright.specs.lint import Finding, lint_spec
from tests.catalog import CATALOG

API_KEYS = CATALOG.get("api-keys").path


def _lint_edited(tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> list[Finding]:
    data = copy.deepcopy(yaml.safe_load(API_KEYS.read_text()))
    edit(data)
    path = tmp_path / "edited.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return lint_spec(path)


def _schemas(data: dict[str, Any]) -> dict[str, Any]:
    return data["components"]["schemas"]


def _expires_at(data: dict[str, Any]) -> dict[str, Any]:
    return _schemas(data)["ApiKey"]["properties"]["expires_at"]


def _inline_request_body(data: dict[str, Any]) -> None:
    media = data["paths"]["/api-keys"]["post"]["requestBody"]["content"]["application/json"]
    media["schema"] = copy.deepcopy(_schemas(data)["CreateApiKeyRequest"])


@pytest.mark.parametrize(
    ("edit", "json_path", "words"),
    [
        pytest.param(
            lambda d: d["components"]["parameters"]["IdempotencyKey"].update(
                {"x-keywright-uniq": True}
            ),
            "$.components.parameters.IdempotencyKey['x-keywright-uniq']",
            "unknown extension 'x-keywright-uniq'",
            id="misspelt",
        ),
        pytest.param(
            lambda d: d["components"]["parameters"]["IdempotencyKey"].update(
                {"x-keywright-unique": False}
            ),
            "$.components.parameters.IdempotencyKey['x-keywright-unique']",
            "must be true or say where",
            id="unique false",
        ),
        pytest.param(
            lambda d: _expires_at(d)["x-keywright-offset"].update({"from": "scopes"}),
            "$.components.schemas.ApiKey.properties.expires_at['x-keywright-offset']",
            "'from' names 'scopes', not a date-time property",
            id="offset from a non-date",
        ),
        pytest.param(
            lambda d: _expires_at(d)["x-keywright-offset"].pop("seconds"),
            "$.components.schemas.ApiKey.properties.expires_at['x-keywright-offset']",
            "must be {from: <property>, seconds: <request field>}",
            id="offset incomplete",
        ),
        pytest.param(
            lambda d: d["components"]["securitySchemes"]["APIKey"].update(
                {"x-credential-pattern": "^key_[a-z"}
            ),
            "$.components.securitySchemes.APIKey['x-credential-pattern']",
            "not a regular expression",
            id="credential pattern",
        ),
        pytest.param(
            _inline_request_body,
            "$.paths['/api-keys'].post.requestBody.content['application/json'].schema",
            "the request body is not a $ref to a named schema",
            id="inline body",
        ),
    ],
)
def test_a_wrong_extension_or_body_is_named(
    tmp_path: Path, edit: Callable[[dict[str, Any]], None], json_path: str, words: str
) -> None:
    findings = _lint_edited(tmp_path, edit)
    matching = [f for f in findings if f.path == json_path]
    assert matching, f"nothing at {json_path}; got {[str(f) for f in findings]}"
    assert words in matching[0].message


def test_a_described_uniqueness_is_fine(tmp_path: Path) -> None:
    def describe(data: dict[str, Any]) -> None:
        data["components"]["parameters"]["IdempotencyKey"]["x-keywright-unique"] = "per caller"

    assert _lint_edited(tmp_path, describe) == []
