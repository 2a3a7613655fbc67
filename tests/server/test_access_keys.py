"""POST /v1/projects/{projectId}/accessKeys against the reference server."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
from starlette.testclient import TestClient

from keywright.server import create_app
from keywright.server.config import Config
from keywright.server.store import SqliteStore, Store
from tests.server.conftest import basic


def url(project: str = "my-project") -> str:
    return f"/v1/projects/{project}/accessKeys"


def test_creates_a_key_with_rfc3339_times_and_a_secret_once(
    client: TestClient, store: Store, oauth: dict[str, str]
) -> None:
    response = client.post(url(), json={"displayName": "CI pipeline"}, headers=oauth)
    assert response.status_code == 200
    body = response.json()
    key = body["accessKey"]
    assert key["displayName"] == "CI pipeline" and key["projectId"] == "my-project"
    assert key["createTime"].endswith("Z") and datetime.fromisoformat(key["createTime"])
    assert key["createTime"] == key["updateTime"]
    record = store.access_key(key["accessKeyId"])
    assert record is not None
    assert body["secret"] not in repr(record)


def test_the_new_key_works_as_basic_credentials(client: TestClient, oauth: dict[str, str]) -> None:
    created = client.post(url(), json={"displayName": "CI pipeline"}, headers=oauth).json()
    credentials = basic(created["accessKey"]["accessKeyId"], created["secret"])
    response = client.post(url(), json={"displayName": "deploy bot"}, headers=credentials)
    assert response.status_code == 200
    wrong = basic(created["accessKey"]["accessKeyId"], created["secret"] + "x")
    assert client.post(url(), json={"displayName": "x"}, headers=wrong).status_code == 401


def test_a_key_only_works_for_its_own_project(client: TestClient, oauth: dict[str, str]) -> None:
    created = client.post(url(), json={"displayName": "CI pipeline"}, headers=oauth).json()
    credentials = basic(created["accessKey"]["accessKeyId"], created["secret"])
    response = client.post(url("shared-project"), json={"displayName": "x"}, headers=credentials)
    assert response.status_code == 403
    assert response.json()["error"]["status"] == "PERMISSION_DENIED"


def test_configured_basic_user(client: TestClient, config: Config) -> None:
    user = config.basic_users[0]
    response = client.post(
        url(), json={"displayName": "by user"}, headers=basic(user.user, user.password)
    )
    assert response.status_code == 200


def test_display_name_is_unique_per_project(client: TestClient, oauth: dict[str, str]) -> None:
    assert client.post(url(), json={"displayName": "CI"}, headers=oauth).status_code == 200
    duplicate = client.post(url(), json={"displayName": "CI"}, headers=oauth)
    assert duplicate.status_code == 409
    assert duplicate.json()["error"]["status"] == "ALREADY_EXISTS"
    assert duplicate.json()["error"]["code"] == 409
    other_project = client.post(url("shared-project"), json={"displayName": "CI"}, headers=oauth)
    assert other_project.status_code == 200


def test_a_project_the_caller_may_not_use_is_403(client: TestClient, oauth: dict[str, str]) -> None:
    response = client.post(url("other-project"), json={"displayName": "x"}, headers=oauth)
    assert response.status_code == 403
    assert "other-project" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, basic("nobody", "pw")],
    ids=["missing", "token", "basic"],
)
def test_bad_credentials_are_401_unauthenticated(
    client: TestClient, headers: dict[str, str]
) -> None:
    response = client.post(url(), json={"displayName": "x"}, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["status"] == "UNAUTHENTICATED"


def test_missing_display_name_is_invalid_argument_with_field_violation(
    client: TestClient, oauth: dict[str, str]
) -> None:
    response = client.post(url(), json={}, headers=oauth)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == "INVALID_ARGUMENT"
    assert error["details"][0]["type_url"] == "type.googleapis.com/google.rpc.BadRequest"
    assert "displayName" in error["details"][0]["value"]


def test_storage_trouble_is_503_unavailable(
    tmp_path, config: Config, oauth: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "kw.db"
    client = create_app(config, SqliteStore(path, busy_timeout=0.05)).test_client()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        response = client.post(url(), json={"displayName": "x"}, headers=oauth)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert response.status_code == 503
    assert response.headers["retry-after"] == "1"
    assert response.json()["error"]["status"] == "UNAVAILABLE"
