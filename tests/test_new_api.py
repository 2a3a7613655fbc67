"""A fourth API is a spec file, nothing more: `lint`, `generate`, the mock, the contract runner
and the Swagger UI take it up with no Python edit, and the reference server answers its
operations 501, in the spec's own error envelope, until a package implements them."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import yaml
from starlette.testclient import TestClient

from keywright.mock import create_app as create_mock
from keywright.server import create_app as create_server
from tests.project_copy import ProjectCopy

WIDGET_KEY = {"x-widget-key": "wk_live_0123456789"}
ERROR = {"$ref": "#/components/schemas/Failure"}
WIDGETS = {
    "openapi": "3.0.3",
    "info": {"title": "Widgets API", "version": "1.0.0"},
    "servers": [{"url": "/widgets/v1"}],
    "paths": {
        "/widgets": {
            "post": {
                "operationId": "createWidget",
                "summary": "Create a widget",
                "security": [{"WidgetKey": []}],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/NewWidget"},
                            "example": {"name": "sprocket"},
                        }
                    },
                },
                "responses": {
                    "201": {
                        "description": "The widget.",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Widget"},
                                "example": {
                                    "id": "0b8f5f4e-3a51-4d7e-9d6a-2f0f8a1c9b10",
                                    "name": "sprocket",
                                },
                            }
                        },
                    },
                    **{
                        status: {
                            "description": description,
                            "content": {"application/json": {"schema": ERROR}},
                        }
                        for status, description in [
                            ("400", "Invalid request."),
                            ("401", "No valid widget key."),
                            ("500", "Unexpected failure."),
                            ("501", "Not implemented by this deployment."),
                        ]
                    },
                },
            }
        }
    },
    "components": {
        "securitySchemes": {
            "WidgetKey": {
                "type": "apiKey",
                "in": "header",
                "name": "x-widget-key",
                "x-credential-pattern": "^wk_live_[0-9]{10}$",
            }
        },
        "schemas": {
            "NewWidget": {
                "type": "object",
                "required": ["name"],
                "additionalProperties": False,
                "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 40}},
            },
            "Widget": {
                "type": "object",
                "required": ["id", "name"],
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "name": {"type": "string"},
                },
            },
            "Failure": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "integer"},
                    "message": {"type": "string"},
                },
            },
        },
    },
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> ProjectCopy:
    copy = ProjectCopy(tmp_path_factory.mktemp("project"))
    (copy.root / "specs" / "widgets.yaml").write_text(yaml.safe_dump(WIDGETS, sort_keys=False))
    return copy


def test_lint_checks_it(project: ProjectCopy) -> None:
    linted = project.keywright("lint", "--no-external")
    assert linted.returncode == 0, linted.stdout + linted.stderr
    assert "✓ specs/widgets.yaml" in linted.stdout


def test_generate_writes_its_models_and_interface(project: ProjectCopy) -> None:
    generated = project.keywright("generate")
    assert generated.returncode == 0, generated.stderr
    interface = (project.root / "generated/keywright_interfaces/widgets.py").read_text()
    assert "class WidgetsInterface(Interface[Identity]):" in interface
    assert "async def create_widget(" in interface
    assert "body: NewWidget" in interface
    models = (project.root / "generated/keywright_models/widgets.py").read_text()
    assert "class Widget(BaseModel):" in models


def test_the_mock_serves_it_in_its_own_envelope(project: ProjectCopy) -> None:
    mock = TestClient(create_mock(catalog=project.catalog, validate_responses=True))
    created = mock.post("/widgets/v1/widgets", json={"name": "gear"}, headers=WIDGET_KEY)
    assert created.status_code == 201, created.text
    assert created.json()["name"] == "gear", "the mock reflects the request"
    uuid.UUID(created.json()["id"])
    refused = mock.post("/widgets/v1/widgets", json={"name": ""}, headers=WIDGET_KEY)
    assert refused.status_code == 400
    assert refused.json()["code"] == 400
    assert "name" in refused.json()["message"]
    unauthenticated = mock.post("/widgets/v1/widgets", json={"name": "gear"})
    assert unauthenticated.status_code == 401
    assert set(unauthenticated.json()) == {"code", "message"}


def test_its_swagger_ui_and_spec_are_served(project: ProjectCopy) -> None:
    mock = TestClient(create_mock(catalog=project.catalog))
    ui = mock.get("/widgets/v1/ui/")
    assert ui.status_code == 200
    assert "swagger-ui" in ui.text
    spec = mock.get("/widgets/v1/openapi.json")
    assert spec.json()["info"]["title"] == "Widgets API"


def test_the_server_answers_501_until_a_package_implements_it(project: ProjectCopy) -> None:
    server = TestClient(create_server(catalog=project.catalog, validate_responses=True))
    response = server.post("/widgets/v1/widgets", json={"name": "gear"}, headers=WIDGET_KEY)
    assert response.status_code == 501, response.text
    assert response.json()["code"] == 501
    assert "not implemented" in response.json()["message"]
    others = server.post("/api/admin/api-keys", json={"scopes": []}, headers={})
    assert others.status_code == 401, "the implemented APIs are served as before"


def test_the_contract_runner_tests_the_mock_for_it(project: ProjectCopy, tmp_path: Path) -> None:
    run = project.keywright(
        "contract", "--mock", "--api", "widgets", "--max-examples", "10", "--seed", "1",
        "--report-dir", str(tmp_path),
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert "widgets" in run.stdout
    junit = (tmp_path / "junit.xml").read_text()
    assert '<testsuite name="widgets"' in junit
    assert 'failures="0"' in junit
