"""POST /v1/projects/{projectId}/accessKeys against the reference server."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import uuid
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from keywright.apis.access_keys.store import AccessKeyStore
from keywright.server import create_app, open_database
from keywright.server.config import Config
from keywright.server.storage import Database
from tests.catalog import CATALOG
from tests.credentials import PROJECT, basic
from tests.envelopes import BAD_REQUEST_TYPE, assert_envelope, violation_paths

SHARED_PROJECT = "0f8e7d6c-5b4a-4392-a1b0-c9d8e7f6a5b4"
"""The second project the development OAuth2 token may use."""
OTHER_PROJECT = "0d4c2b1a-7e6f-4a5b-9c8d-1e2f3a4b5c6d"
"""A project no development credential may use."""


def url(project: str = PROJECT) -> str:
    return f"/v1/projects/{project}/accessKeys"


def test_creates_a_key_with_rfc3339_times_and_a_secret_once(
    client: TestClient, database: Database, oauth: dict[str, str]
) -> None:
    response = client.post(url(), json={"displayName": "CI pipeline"}, headers=oauth)
    assert response.status_code == 200
    body = response.json()
    key = body["accessKey"]
    assert key["displayName"] == "CI pipeline" and key["projectId"] == PROJECT
    assert str(uuid.UUID(key["accessKeyId"])) == key["accessKeyId"], "ids are UUIDs, as real ones"
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", body["secret"]), "an opaque secret"
    assert key["createTime"].endswith("Z")
    assert datetime.fromisoformat(key["createTime"]).utcoffset() == timedelta(0), "RFC 3339, UTC"
    assert key["createTime"] == key["updateTime"]
    record = asyncio.run(AccessKeyStore(database).get(key["accessKeyId"]))
    assert record is not None and record.display_name == "CI pipeline"
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
    response = client.post(url(SHARED_PROJECT), json={"displayName": "x"}, headers=credentials)
    assert assert_envelope("access-keys", response, 403)["status"] == "PERMISSION_DENIED"


def test_configured_basic_user(client: TestClient, config: Config) -> None:
    user = config.section("access-keys").basic_users[0]
    response = client.post(
        url(), json={"displayName": "by user"}, headers=basic(user.user, user.password)
    )
    assert response.status_code == 200


def test_display_name_is_unique_per_project(client: TestClient, oauth: dict[str, str]) -> None:
    assert client.post(url(), json={"displayName": "CI"}, headers=oauth).status_code == 200
    duplicate = client.post(url(), json={"displayName": "CI"}, headers=oauth)
    assert assert_envelope("access-keys", duplicate, 409)["status"] == "ALREADY_EXISTS"
    other_project = client.post(url(SHARED_PROJECT), json={"displayName": "CI"}, headers=oauth)
    assert other_project.status_code == 200


@pytest.mark.parametrize(
    "lookalike", ["Cafe\u0301 build", "Caf\u00e9\u200b build", "\ufeffCaf\u00e9 build"]
)
def test_names_that_look_the_same_are_the_same_name(
    client: TestClient, oauth: dict[str, str], lookalike: str
) -> None:
    first = client.post(url(), json={"displayName": "Caf\u00e9 build"}, headers=oauth)
    assert first.json()["accessKey"]["displayName"] == "Caf\u00e9 build"
    duplicate = client.post(url(), json={"displayName": lookalike}, headers=oauth)
    body = assert_envelope("access-keys", duplicate, 409)
    assert "'Caf\u00e9 build'" in body["message"]


def test_a_name_of_invisible_characters_only_is_invalid(
    client: TestClient, oauth: dict[str, str]
) -> None:
    response = client.post(url(), json={"displayName": "\u200b\u2060"}, headers=oauth)
    assert "no visible character" in assert_envelope("access-keys", response, 400)["message"]


def test_a_project_the_caller_may_not_use_is_403(client: TestClient, oauth: dict[str, str]) -> None:
    response = client.post(url(OTHER_PROJECT), json={"displayName": "x"}, headers=oauth)
    error = assert_envelope("access-keys", response, 403)
    assert error["status"] == "PERMISSION_DENIED"
    assert OTHER_PROJECT in error["message"]


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, basic("nobody", "pw")],
    ids=["missing", "token", "basic"],
)
def test_bad_credentials_are_401_unauthenticated(
    client: TestClient, headers: dict[str, str]
) -> None:
    response = client.post(url(), json={"displayName": "x"}, headers=headers)
    assert assert_envelope("access-keys", response, 401)["status"] == "UNAUTHENTICATED"


def test_missing_display_name_is_invalid_argument_with_field_violation(
    client: TestClient, oauth: dict[str, str]
) -> None:
    response = client.post(url(), json={}, headers=oauth)
    error = assert_envelope("access-keys", response, 400)
    assert error["status"] == "INVALID_ARGUMENT"
    assert [detail["type_url"] for detail in error["details"]] == [BAD_REQUEST_TYPE]
    assert violation_paths("access-keys", response.json()) == ["$.displayName"]


def test_storage_trouble_is_503_unavailable(
    tmp_path: Path, config: Config, oauth: dict[str, str]
) -> None:
    path = tmp_path / "kw.db"
    database = open_database(str(path), CATALOG, busy_timeout=0.05)
    client = TestClient(create_app(config, database))
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        response = client.post(url(), json={"displayName": "x"}, headers=oauth)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert assert_envelope("access-keys", response, 503)["status"] == "UNAVAILABLE"
    assert response.headers["retry-after"] == "1"


def test_the_eleventh_key_of_a_project_is_refused_as_failed_precondition(
    client: TestClient, oauth: dict[str, str]
) -> None:
    for number in range(10):
        created = client.post(url(), json={"displayName": f"key {number}"}, headers=oauth)
        assert created.status_code == 200, created.text
    eleventh = client.post(url(), json={"displayName": "key 10"}, headers=oauth)
    error = assert_envelope("access-keys", eleventh, 400)
    assert error["status"] == "FAILED_PRECONDITION"
    assert f"'{PROJECT}' already holds 10 access keys" in error["message"]
    assert (
        client.post(url(SHARED_PROJECT), json={"displayName": "x"}, headers=oauth).status_code
        == 200
    )
    duplicate = client.post(url(), json={"displayName": "key 3"}, headers=oauth)
    assert assert_envelope("access-keys", duplicate, 409)["status"] == "ALREADY_EXISTS", (
        "a clash is still a clash"
    )


def test_the_limit_is_configurable_per_project(
    config: Config, database: Database, oauth: dict[str, str]
) -> None:
    section = replace(config.section("access-keys"), key_limits={"default": 10, SHARED_PROJECT: 2})
    limited = replace(config, sections={**config.sections, "access-keys": section})
    client = TestClient(create_app(limited, database, validate_responses=True))
    statuses = [
        client.post(url(SHARED_PROJECT), json={"displayName": f"k{n}"}, headers=oauth).status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 400]
    third = client.post(url(SHARED_PROJECT), json={"displayName": "k3"}, headers=oauth)
    assert assert_envelope("access-keys", third, 400)["status"] == "FAILED_PRECONDITION"
    assert f"'{SHARED_PROJECT}' already holds 2 access keys" in third.json()["error"]["message"]
    assert client.post(url(), json={"displayName": "k2"}, headers=oauth).status_code == 200
