"""Validation and auth failures are answered exactly as the reference server answers them."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from keywright.server import create_app as create_server
from tests.credentials import ADMIN, DEV, OAUTH, PROJECT, PROXY_ADMIN, basic
from tests.envelopes import assert_envelope, violation_paths

# The development credentials are valid for the server and well-formed for the mock.
ACCESS_KEYS = f"/v1/projects/{PROJECT}/accessKeys"

# The owning API, where, with what, the body, and the status and violation paths both answer.
BAD_REQUESTS = {
    "invalid scopes": (
        "api-keys",
        "/api/admin/api-keys",
        ADMIN,
        b'{"scopes": ["pci:tokens:erase"], "x": 1}',
        422,
        ["$.scopes[0]", "$.x"],
    ),
    "malformed JSON": ("api-keys", "/api/admin/api-keys", ADMIN, b'{"scopes": [', 422, ["$"]),
    "no credentials": (
        "api-keys",
        "/api/admin/api-keys",
        {},
        b'{"scopes": ["pci:tokens:read"]}',
        401,
        [],
    ),
    "empty admin token": ("api-keys", "/api/admin/api-keys", {"x-admin-token": ""}, b"{}", 401, []),
    "missing field": ("access-keys", ACCESS_KEYS, OAUTH, b"{}", 400, ["$.displayName"]),
    "bad basic header": (
        "access-keys",
        ACCESS_KEYS,
        {"Authorization": "Basic !!!"},
        b"{}",
        401,
        [],
    ),
    "basic without a user": ("access-keys", ACCESS_KEYS, basic("", "pw"), b"{}", 401, []),
    "invalid proxy body": (
        "proxy-keys",
        "/cf/admin/proxy/keys?accountIdentifier=dev_account",
        PROXY_ADMIN,
        b'{"identifier": "1x", "organizations": {}}',
        400,
        ["$.identifier", "$.name", "$.organizations"],
    ),
    "missing query": (
        "proxy-keys",
        "/cf/admin/proxy/keys",
        PROXY_ADMIN,
        b'{"identifier": "k", "name": "n"}',
        400,
        ["$.query.accountIdentifier"],
    ),
    "query value with a final newline": (
        "proxy-keys",
        "/cf/admin/proxy/keys?accountIdentifier=dev_account%0A",
        PROXY_ADMIN,
        b'{"identifier": "k", "name": "n"}',
        400,
        ["$.query.accountIdentifier"],
    ),
    "malformed api key": (
        "proxy-keys",
        "/cf/admin/proxy/keys?accountIdentifier=dev_account",
        {"x-api-key": "plain"},
        b"{}",
        401,
        [],
    ),
}


@pytest.fixture(scope="module")
def server() -> TestClient:
    """The reference server with the development config, for the mock to be compared with."""
    return TestClient(create_server(DEV))


@pytest.mark.parametrize(
    ("api", "url", "headers", "content", "status", "paths"),
    BAD_REQUESTS.values(),
    ids=BAD_REQUESTS.keys(),
)
def test_mock_and_server_fail_alike(
    mock: TestClient,
    server: TestClient,
    api: str,
    url: str,
    headers: dict[str, str],
    content: bytes,
    status: int,
    paths: list[str],
) -> None:
    headers = {**headers, "Content-Type": "application/json"}
    from_mock = mock.post(url, content=content, headers=headers)
    from_server = server.post(url, content=content, headers=headers)
    assert_envelope(api, from_mock, status)
    assert violation_paths(api, from_mock.json()) == paths
    assert (from_mock.status_code, from_mock.json()) == (
        from_server.status_code,
        from_server.json(),
    )


@pytest.mark.parametrize(
    "headers",
    [
        basic("6f1c2a4e-9b3d-4e57-8a21-5c7d9e0f1b2a", "Q_qHBbB8Dfje"),
        {"Authorization": "Bearer any"},
    ],
    ids=["basic", "oauth2"],
)
def test_any_well_formed_credential_is_accepted(mock: TestClient, headers: dict[str, str]) -> None:
    assert (
        mock.post(
            "/v1/projects/p-1/accessKeys", json={"displayName": "x"}, headers=headers
        ).status_code
        == 200
    )


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Basic not-base64!"},
        {"Authorization": "Token x"},
        basic("", "secret"),
        basic("6f1c2a4e-9b3d-4e57-8a21-5c7d9e0f1b2a", ""),
        {"Authorization": "Bearer two words"},
    ],
    ids=[
        "missing",
        "bearer without token",
        "bad basic",
        "unknown scheme",
        "basic without a user",
        "basic without a password",
        "bad token",
    ],
)
def test_missing_or_malformed_credentials_are_401(
    mock: TestClient, headers: dict[str, str]
) -> None:
    response = mock.post("/v1/projects/p-1/accessKeys", json={"displayName": "x"}, headers=headers)
    assert assert_envelope("access-keys", response, 401)["status"] == "UNAUTHENTICATED"
