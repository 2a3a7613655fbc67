"""Every failure before or inside a handler comes out in the owning API's envelope, never problem+json."""

from __future__ import annotations

import logging

import pytest
from starlette.testclient import TestClient

from keywright.apis import APIS
from keywright.server import create_app
from keywright.server.config import Config
from keywright.server.store import MemoryStore
from keywright_models import access_keys, api_keys, proxy_keys

# (url, headers fixture name, validation status, envelope model)
OPERATIONS = {
    "proxy-keys": (
        "/cf/admin/proxy/keys?accountIdentifier=dev_account",
        "proxy_admin",
        400,
        proxy_keys.Error,
    ),
    "access-keys": ("/v1/projects/my-project/accessKeys", "oauth", 400, access_keys.ErrorResponse),
    "api-keys": ("/api/admin/api-keys", "admin_token", 422, api_keys.Error),
}


@pytest.fixture(params=[api.name for api in APIS])
def operation(request: pytest.FixtureRequest) -> tuple[str, dict[str, str], int, type]:
    url, headers_fixture, status, model = OPERATIONS[request.param]
    return url, request.getfixturevalue(headers_fixture), status, model


def _message(body: dict) -> str:
    return body["error"]["message"] if "error" in body else body["message"]


BAD_BODIES = {
    "malformed JSON": (b'{"scopes": [', "application/json", "not valid JSON"),
    "truncated UTF-8": (b'{"name": "\xe2\x82', "application/json", "not valid UTF-8"),
    "invalid UTF-8": (b"\xff\xfe{}", "application/json", "not valid UTF-8"),
    "duplicate keys": (b'{"a": 1, "a": 2}', "application/json", "duplicate key 'a'"),
    "NaN": (b'{"a": NaN}', "application/json", "NaN is not a number"),
    "deeply nested": (b"[" * 20_000 + b"]" * 20_000, "application/json", "nested too deeply"),
    "wrong content type": (b"{}", "text/plain", "Unsupported content type"),
    "form content type": (b"a=1", "application/x-www-form-urlencoded", "Unsupported content type"),
    "empty body": (b"", "application/json", "Request body is required"),
    "JSON null": (b"null", "application/json", "Request body is invalid"),
    "JSON array": (b"[]", "application/json", "Request body is invalid"),
    "too large": (b'{"a": "' + b"x" * (1024 * 1024) + b'"}', "application/json", "larger than"),
}


@pytest.mark.parametrize("case", BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_bad_bodies_get_the_validation_status_and_the_reason(
    client: TestClient, operation: tuple, case: tuple[bytes, str, str]
) -> None:
    url, headers, status, model = operation
    content, content_type, reason = case
    response = client.post(url, content=content, headers={**headers, "Content-Type": content_type})
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    model.model_validate(response.json())
    assert reason in _message(response.json())


def test_missing_content_type_is_rejected(client: TestClient, operation: tuple) -> None:
    url, headers, status, _model = operation
    response = client.post(url, content=b"{}", headers=headers)
    assert response.status_code == status
    assert "Content-Type" in _message(response.json())


def test_an_invalid_content_length_is_rejected(client: TestClient, operation: tuple) -> None:
    url, headers, status, _model = operation
    response = client.post(
        url,
        content=b"{}",
        headers={**headers, "Content-Type": "application/json", "Content-Length": "x"},
    )
    assert response.status_code == status
    assert "Content-Length" in _message(response.json())


def test_unknown_path_is_404_in_the_owning_envelope(client: TestClient) -> None:
    response = client.post("/api/admin/nothing-here")
    assert response.status_code == 404
    assert api_keys.Error.model_validate(response.json()).classifier == "NOT_FOUND"
    response = client.get("/v1/projects")
    assert response.status_code == 404
    assert access_keys.ErrorResponse.model_validate(response.json()).error.status == "NOT_FOUND"


def test_wrong_method_is_405_with_allow(client: TestClient) -> None:
    response = client.get("/cf/admin/proxy/keys")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert proxy_keys.Error.model_validate(response.json()).code == "405"


def test_unexpected_exceptions_are_500_in_the_envelope_and_log_no_secret(
    config: Config, caplog: pytest.LogCaptureFixture, admin_token: dict[str, str]
) -> None:
    class BrokenStore(MemoryStore):
        async def add_api_key(self, record, idempotency=None):  # type: ignore[no-untyped-def]
            raise RuntimeError(repr(record))

    client = create_app(config, BrokenStore()).test_client(raise_server_exceptions=False)
    with caplog.at_level(logging.ERROR):
        response = client.post(
            "/api/admin/api-keys", json={"scopes": ["pci:tokens:read"]}, headers=admin_token
        )
    assert response.status_code == 500
    assert response.json() == {
        "code": 500,
        "classifier": "INTERNAL_ERROR",
        "message": "Internal server error",
    }
    assert "RuntimeError" in caplog.text
    assert (
        "key_digest=" not in caplog.text
    )  # the message quoted the record; only its type is logged
    assert config.admin_tokens[0] not in caplog.text


def test_an_empty_idempotency_key_is_422(client: TestClient, admin_token: dict[str, str]) -> None:
    headers = {**admin_token, "x-idempotency-key": ""}
    response = client.post(
        "/api/admin/api-keys", json={"scopes": ["pci:tokens:read"]}, headers=headers
    )
    assert response.status_code == 422
    assert response.json()["validation_errors"][0]["path"] == "$.headers['x-idempotency-key']"


def test_a_very_long_path_parameter_is_rejected(client: TestClient, oauth: dict[str, str]) -> None:
    response = client.post(
        f"/v1/projects/{'p' * 10_000}/accessKeys", json={"displayName": "x"}, headers=oauth
    )
    assert response.status_code == 400
    assert response.json()["error"]["status"] == "INVALID_ARGUMENT"
