"""The OpenAPI-first loop, in a temporary copy of the project: edit a spec, `keywright
generate`, and the type checker (`make lint` runs mypy) names the handler that must change;
the mock serves a new operation at once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from keywright.mock import create_app as create_mock
from tests.project_copy import ProjectCopy

HANDLERS = "src/keywright/apis/api_keys/handlers.py"
ADMIN = {"x-admin-token": "any-admin-token"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> ProjectCopy:
    copy = ProjectCopy(tmp_path_factory.mktemp("project"))
    checked = copy.type_check()
    assert checked.returncode == 0, f"the unedited copy must type-check:\n{checked.stdout}"
    return copy


@pytest.fixture
def loop(project: ProjectCopy) -> Iterator[ProjectCopy]:
    yield project
    project.restore()


def _regenerated_type_errors(project: ProjectCopy) -> str:
    generated = project.keywright("generate")
    assert generated.returncode == 0, generated.stderr
    checked = project.type_check()
    assert checked.returncode == 1, f"the edit must be a type error:\n{checked.stdout}"
    return checked.stdout


def _create_api_key(spec: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = spec["paths"]["/api-keys"]["post"]
    return operation


def test_a_new_required_header_is_a_type_error_at_the_handler(loop: ProjectCopy) -> None:
    def require_header(spec: dict[str, Any]) -> None:
        _create_api_key(spec)["parameters"].append(
            {"name": "x-request-id", "in": "header", "required": True, "schema": {"type": "string"}}
        )

    loop.edit_spec("api-keys", require_header)
    errors = _regenerated_type_errors(loop)
    assert f"{HANDLERS}:" in errors
    assert 'Signature of "create_api_key" incompatible with supertype' in errors


def test_a_removed_response_field_the_handler_sets_is_a_type_error(loop: ProjectCopy) -> None:
    def remove_key_value(spec: dict[str, Any]) -> None:
        api_key = spec["components"]["schemas"]["ApiKey"]
        del api_key["properties"]["key_value"]
        api_key["required"].remove("key_value")

    loop.edit_spec("api-keys", remove_key_value)
    errors = _regenerated_type_errors(loop)
    assert f"{HANDLERS}:" in errors
    assert 'Unexpected keyword argument "key_value" for "ApiKey"' in errors


def test_a_new_operation_is_served_by_the_mock_and_named_by_the_type_checker(
    loop: ProjectCopy,
) -> None:
    example = {
        "id": "0b8f5f4e-3a51-4d7e-9d6a-2f0f8a1c9b10",
        "created_at": "2026-01-01T00:00:00Z",
        "key_value": "key_abc123",
        "scopes": ["pci:tokens:read"],
    }

    def add_get(spec: dict[str, Any]) -> None:
        security = _create_api_key(spec)["security"]
        errors = {
            status: _create_api_key(spec)["responses"][status] for status in ("401", "403", "500")
        }
        spec["paths"]["/api-keys/{keyId}"] = {
            "get": {
                "operationId": "getApiKey",
                "summary": "Get an API key",
                "security": security,
                "parameters": [
                    {"name": "keyId", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {
                        "description": "The key.",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/ApiKey"},
                                "example": example,
                            }
                        },
                    },
                    "400": _create_api_key(spec)["responses"]["422"],
                    **errors,
                },
            }
        }

    loop.edit_spec("api-keys", add_get)
    mock = TestClient(create_mock(catalog=loop.catalog, validate_responses=True))
    response = mock.get("/api/admin/api-keys/some-key", headers=ADMIN)
    assert response.status_code == 200, response.text
    assert response.json()["scopes"] == example["scopes"], "the example, identifiers made fresh"
    verbatim = mock.get(
        "/api/admin/api-keys/some-key", headers={**ADMIN, "Prefer": "example=default"}
    )
    assert verbatim.json() == example

    errors = _regenerated_type_errors(loop)
    assert f"{HANDLERS}:" in errors
    assert 'Cannot instantiate abstract class "ApiKeys" with abstract attribute "get_api_key"' in (
        errors
    )
