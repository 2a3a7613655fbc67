"""Validation and auth failures are answered exactly as the reference server answers them."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from keywright.server import create_app as create_server
from tests.credentials import ADMIN, DEV, OAUTH, PROJECT, PROXY_ADMIN, basic

# The development credentials are valid for the server and well-formed for the mock.
ACCESS_KEYS = f"/v1/projects/{PROJECT}/accessKeys"

BAD_REQUESTS = {
    "invalid scopes": ("/api/admin/api-keys", ADMIN, b'{"scopes": ["pci:tokens:erase"], "x": 1}'),
    "malformed JSON": ("/api/admin/api-keys", ADMIN, b'{"scopes": ['),
    "no credentials": ("/api/admin/api-keys", {}, b'{"scopes": ["pci:tokens:read"]}'),
    "empty admin token": ("/api/admin/api-keys", {"x-admin-token": ""}, b"{}"),
    "missing field": (ACCESS_KEYS, OAUTH, b"{}"),
    "bad basic header": (ACCESS_KEYS, {"Authorization": "Basic !!!"}, b"{}"),
    "basic without a user": (ACCESS_KEYS, basic("", "pw"), b"{}"),
    "invalid proxy body": (
        "/cf/admin/proxy/keys?accountIdentifier=dev_account",
        PROXY_ADMIN,
        b'{"identifier": "1x", "organizations": {}}',
    ),
    "missing query": ("/cf/admin/proxy/keys", PROXY_ADMIN, b'{"identifier": "k", "name": "n"}'),
    "malformed api key": (
        "/cf/admin/proxy/keys?accountIdentifier=dev_account",
        {"x-api-key": "plain"},
        b"{}",
    ),
}


@pytest.mark.parametrize(
    ("url", "headers", "content"), BAD_REQUESTS.values(), ids=BAD_REQUESTS.keys()
)
def test_mock_and_server_fail_alike(
    mock: TestClient, url: str, headers: dict[str, str], content: bytes
) -> None:
    server = TestClient(create_server(DEV))
    headers = {**headers, "Content-Type": "application/json"}
    from_mock = mock.post(url, content=content, headers=headers)
    from_server = server.post(url, content=content, headers=headers)
    assert 400 <= from_mock.status_code < 500
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
    assert response.status_code == 401
    assert response.json()["error"]["status"] == "UNAUTHENTICATED"
