"""POST /cf/admin/proxy/keys against the reference server."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from starlette.testclient import TestClient

from keywright.server.storage import Database
from tests.envelopes import assert_envelope, violation_paths

URL = "/cf/admin/proxy/keys"


def _body(**overrides: Any) -> dict[str, Any]:
    body = {
        "identifier": "MyProxyKey",
        "name": "My Proxy Key",
        "organizations": {
            "default": {"projects": {"web_app": {"scope": "selected", "environments": ["dev"]}}}
        },
    }
    return {**body, **overrides}


def test_creates_a_key_and_returns_its_value_once(
    client: TestClient, database: Database, proxy_admin: dict[str, str]
) -> None:
    response = client.post(
        URL, params={"accountIdentifier": "dev_account"}, json=_body(), headers=proxy_admin
    )
    assert response.status_code == 201
    key = response.json()["key"]
    assert str(uuid.UUID(key)) == key, "the key value is a UUID"
    row = asyncio.run(
        database.read(
            lambda db: db.execute(
                "SELECT * FROM proxy_keys WHERE account = 'dev_account' AND identifier = 'MyProxyKey'"
            ).fetchone()
        )
    )
    assert row is not None and "My Proxy Key" in row
    assert key not in repr(row), "the key value must not be stored"


def test_identifier_is_unique_per_account(client: TestClient, proxy_admin: dict[str, str]) -> None:
    params = {"accountIdentifier": "dev_account"}
    assert client.post(URL, params=params, json=_body(), headers=proxy_admin).status_code == 201
    response = client.post(URL, params=params, json=_body(name="Another"), headers=proxy_admin)
    assert response.status_code == 409
    assert response.json() == {
        "code": "409",
        "message": "A proxy key with identifier 'MyProxyKey' already exists in account 'dev_account'",
    }


def test_another_accounts_admin_key_is_forbidden(
    client: TestClient, proxy_admin: dict[str, str]
) -> None:
    response = client.post(
        URL, params={"accountIdentifier": "other_account"}, json=_body(), headers=proxy_admin
    )
    assert "other_account" in assert_envelope("proxy-keys", response, 403)["message"]


@pytest.mark.parametrize("headers", [{}, {"x-api-key": "not-a-key"}], ids=["missing", "wrong"])
def test_without_a_valid_admin_key_is_401(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post(
        URL, params={"accountIdentifier": "dev_account"}, json=_body(), headers=headers
    )
    assert "details" not in assert_envelope("proxy-keys", response, 401)


@pytest.mark.parametrize(
    ("organizations", "message"),
    [
        (
            {"default_org": {"projects": {"web_app": {"scope": "all"}}}},
            "Error retrieving projects, organization 'default_org' does not exist",
        ),
        (
            {"default": {"projects": {"nope": {"scope": "all"}}}},
            "Error retrieving environments, project 'nope' does not exist in organization 'default'",
        ),
        (
            {"default": {"projects": {"web_app": {"scope": "selected", "environments": ["qa"]}}}},
            "Error retrieving environments, environment 'qa' does not exist in project 'web_app' "
            "of organization 'default'",
        ),
    ],
    ids=["organization", "project", "environment"],
)
def test_unknown_scope_is_404_naming_it(
    client: TestClient, proxy_admin: dict[str, str], organizations: dict[str, Any], message: str
) -> None:
    response = client.post(
        URL,
        params={"accountIdentifier": "dev_account"},
        json=_body(organizations=organizations),
        headers=proxy_admin,
    )
    assert response.status_code == 404
    assert response.json() == {"code": "404", "message": message}


def test_selected_scope_needs_environments(client: TestClient, proxy_admin: dict[str, str]) -> None:
    organizations = {"default": {"projects": {"web_app": {"scope": "selected"}}}}
    response = client.post(
        URL,
        params={"accountIdentifier": "dev_account"},
        json=_body(organizations=organizations),
        headers=proxy_admin,
    )
    body = assert_envelope("proxy-keys", response, 400)
    assert violation_paths("proxy-keys", body) == [
        "$.organizations.default.projects.web_app.environments"
    ]
    violations = body["details"]["violations"]
    assert {
        "path": "$.organizations.default.projects.web_app.environments",
        "message": "'environments' is a required property",
    } in violations
