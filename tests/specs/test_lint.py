"""`lint_spec` passes our specs and fails a broken one with a message naming file and JSON path."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from keywright.specs import SpecDocument
from keywright.specs.lint import Finding, lint_spec
from tests.catalog import CATALOG

API_KEYS = CATALOG.get("api-keys").path
OPERATION = ("paths", "/api-keys", "post")


def test_our_specs_are_clean(spec: SpecDocument) -> None:
    assert lint_spec(spec.path) == []


def _broken(tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> list[Finding]:
    data = copy.deepcopy(yaml.safe_load(API_KEYS.read_text()))
    edit(data)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return lint_spec(path)


def _operation(data: dict[str, Any]) -> dict[str, Any]:
    return data["paths"]["/api-keys"]["post"]


def _named_example(data: dict[str, Any]) -> dict[str, Any]:
    return _operation(data)["requestBody"]["content"]["application/json"]["examples"]["admin"]


@pytest.mark.parametrize(
    ("edit", "check", "json_path", "words"),
    [
        pytest.param(
            lambda d: d["components"]["schemas"]["CreateApiKeyRequest"]["properties"][
                "expiration_time"
            ].update(example=-5),
            "examples_match_schemas",
            "$.components.schemas.CreateApiKeyRequest.properties.expiration_time.example",
            "less than the minimum",
            id="field example",
        ),
        pytest.param(
            lambda d: _named_example(d)["value"].update(scopes=["pci:tokens:erase"]),
            "examples_match_schemas",
            "$.paths['/api-keys'].post.requestBody.content['application/json']"
            ".examples.admin.value.scopes[0]",
            "'pci:tokens:erase' is not one of",
            id="named example",
        ),
        pytest.param(
            lambda d: d["components"]["responses"]["Forbidden"]["content"]["application/json"][
                "example"
            ].update(code="403"),
            "examples_match_schemas",
            "$.components.responses.Forbidden.content['application/json'].example.code",
            "is not of type 'integer'",
            id="media example",
        ),
        pytest.param(
            lambda d: d["components"]["parameters"]["IdempotencyKey"]["examples"][
                "expiring"
            ].update(value=""),
            "examples_match_schemas",
            "$.components.parameters.IdempotencyKey.examples.expiring.value",
            "should be non-empty",
            id="parameter example",
        ),
        pytest.param(
            lambda d: d["components"]["schemas"]["ApiKey"]["properties"]["created_at"].update(
                example="yesterday"
            ),
            "examples_match_schemas",
            "$.components.schemas.ApiKey.properties.created_at.example",
            "is not a 'date-time'",
            id="format",
        ),
        pytest.param(
            lambda d: _operation(d).pop("operationId"),
            "operations_are_complete",
            "$.paths['/api-keys'].post",
            "no operationId",
            id="operationId",
        ),
        pytest.param(
            lambda d: _operation(d).pop("summary"),
            "operations_are_complete",
            "$.paths['/api-keys'].post",
            "no summary",
            id="summary",
        ),
        pytest.param(
            lambda d: _operation(d).pop("security"),
            "operations_are_complete",
            "$.paths['/api-keys'].post",
            "no security",
            id="security",
        ),
        pytest.param(
            lambda d: _operation(d)["responses"].pop("401"),
            "statuses_are_documented",
            "$.paths['/api-keys'].post.responses",
            "does not document 401",
            id="401",
        ),
        pytest.param(
            lambda d: _operation(d)["responses"].pop("422"),
            "statuses_are_documented",
            "$.paths['/api-keys'].post.responses",
            "no validation error",
            id="validation status",
        ),
        pytest.param(
            lambda d: _operation(d)["responses"].pop("500"),
            "statuses_are_documented",
            "$.paths['/api-keys'].post.responses",
            "does not document 500",
            id="500",
        ),
        pytest.param(
            lambda d: d["components"]["responses"]["Forbidden"]["content"][
                "application/json"
            ].update(schema={"type": "object"}),
            "errors_use_named_envelope",
            "$.components.responses.Forbidden.content['application/json'].schema",
            "not a $ref to a named component schema",
            id="inline error schema",
        ),
        pytest.param(
            lambda d: d["components"]["schemas"].update(Orphan={"type": "string"}),
            "components_are_used",
            "$.components.schemas.Orphan",
            "never used",
            id="unused schema",
        ),
        pytest.param(
            lambda d: d["components"]["securitySchemes"].update(
                Cookie={"type": "apiKey", "in": "cookie", "name": "sid"}
            ),
            "components_are_used",
            "$.components.securitySchemes.Cookie",
            "never used",
            id="unused security scheme",
        ),
        pytest.param(
            lambda d: d["info"].pop("version"),
            "openapi-spec-validator",
            "$.info",
            '"version" is a required property',
            id="validator",
        ),
    ],
)
def test_a_broken_spec_fails_naming_the_spot(
    tmp_path: Path, edit: Callable[[dict[str, Any]], None], check: str, json_path: str, words: str
) -> None:
    findings = _broken(tmp_path, edit)
    matching = [f for f in findings if f.check == check and f.path == json_path]
    assert matching, f"no {check} finding at {json_path}; got {[str(f) for f in findings]}"
    assert words in matching[0].message
    assert str(tmp_path / "broken.yaml") in str(matching[0])


def test_an_unreadable_spec_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("openapi: [unclosed")
    [finding] = lint_spec(path)
    assert finding.check == "load" and finding.path == "$"
    assert finding.message == (
        f"cannot be read: {path}: not valid YAML: did not find expected ',' or ']' "
        "(line 2, column 1)"
    ), "names the file and the line, not <unicode string>"
