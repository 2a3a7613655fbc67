"""Validation and auth failures are answered exactly as the reference server answers them."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from keywright.server import create_app as create_server
from keywright.server.config import load_config
from tests.server.conftest import basic

# The development credentials: valid for the server, well-formed for the mock.
DEV = load_config(environ={})
ADMIN = {"Authorization": f"Bearer {DEV.admin_tokens[0]}"}
OAUTH = {"Authorization": f"Bearer {DEV.oauth_tokens[0].token}"}
PROXY = {"x-api-key": DEV.proxy_admin_keys[0].key}

BAD_REQUESTS = {
    "invalid scopes": ("/api/admin/api-keys", ADMIN, b'{"scopes": ["pci:tokens:erase"], "x": 1}'),
    "malformed JSON": ("/api/admin/api-keys", ADMIN, b'{"scopes": ['),
    "no credentials": ("/api/admin/api-keys", {}, b'{"scopes": ["pci:tokens:read"]}'),
    "malformed token": ("/api/admin/api-keys", {"Authorization": "Bearer not-admin"}, b"{}"),
    "missing field": ("/v1/projects/my-project/accessKeys", OAUTH, b"{}"),
    "bad basic header": (
        "/v1/projects/my-project/accessKeys",
        {"Authorization": "Basic !!!"},
        b"{}",
    ),
    "basic not a key": ("/v1/projects/my-project/accessKeys", basic("someone", "pw"), b"{}"),
    "invalid proxy body": (
        "/cf/admin/proxy/keys?accountIdentifier=dev_account",
        PROXY,
        b'{"identifier": "1x", "organizations": {}}',
    ),
    "missing query": ("/cf/admin/proxy/keys", PROXY, b'{"identifier": "k", "name": "n"}'),
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
    server = create_server(DEV).test_client()
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
    [basic("ak_frontend", "sk_anything"), {"Authorization": "Bearer any"}],
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
        basic("someone", "secret"),
        {"Authorization": "Bearer two words"},
    ],
    ids=[
        "missing",
        "bearer without token",
        "bad basic",
        "unknown scheme",
        "basic not an access key",
        "bad token",
    ],
)
def test_missing_or_malformed_credentials_are_401(
    mock: TestClient, headers: dict[str, str]
) -> None:
    response = mock.post("/v1/projects/p-1/accessKeys", json={"displayName": "x"}, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["status"] == "UNAUTHENTICATED"
