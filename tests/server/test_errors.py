"""Every failure before or inside a handler comes out in the owning API's envelope, never problem+json."""

from __future__ import annotations

import logging

import pytest
from starlette.testclient import TestClient

from keywright.apis.api_keys.store import ApiKeyStore
from keywright.server import create_app
from keywright.server.config import Config
from keywright.server.storage import Database
from tests.credentials import ADMIN, OAUTH, PROJECT, PROXY_ADMIN
from tests.envelopes import assert_envelope, violation_paths

# (API, url, credential, validation status)
OPERATIONS = {
    "proxy-keys": ("/cf/admin/proxy/keys?accountIdentifier=dev_account", PROXY_ADMIN, 400),
    "access-keys": (f"/v1/projects/{PROJECT}/accessKeys", OAUTH, 400),
    "api-keys": ("/api/admin/api-keys", ADMIN, 422),
}


@pytest.fixture(params=OPERATIONS.keys())
def operation(request: pytest.FixtureRequest) -> tuple[str, str, dict[str, str], int]:
    return (request.param, *OPERATIONS[request.param])


BAD_BODIES = {
    "malformed JSON": (b'{"scopes": [', "application/json", "not valid JSON"),
    "truncated UTF-8": (b'{"name": "\xe2\x82', "application/json", "not valid UTF-8"),
    "invalid UTF-8": (b"\xff\xfe{}", "application/json", "not valid UTF-8"),
    "duplicate keys": (b'{"a": 1, "a": 2}', "application/json", "duplicate key 'a'"),
    "NaN": (b'{"a": NaN}', "application/json", "NaN is not a number"),
    "integer over Python's digit limit": (
        b'{"a": ' + b"7" * 5000 + b"}",
        "application/json",
        "a number of more than 4300 digits",
    ),
    "lone surrogate": (b'{"a": "\\ud800"}', "application/json", "a lone surrogate"),
    "lone surrogate in a key": (b'{"\\uDC00": 1}', "application/json", "a lone surrogate"),
    "lone surrogate nested deep": (
        b"[" * 900 + b'"\\ud800"' + b"]" * 900,
        "application/json",
        "a lone surrogate",
    ),
    "deeply nested": (b"[" * 20_000 + b"]" * 20_000, "application/json", "nested too deeply"),
    "empty body": (b"", "application/json", "Request body is required"),
    "JSON null": (b"null", "application/json", "Request body is invalid"),
    "JSON array": (b"[]", "application/json", "Request body is invalid"),
}

REFUSED_MEDIA = {
    "wrong content type": (b"{}", "text/plain", 415, "Unsupported content type: text/plain"),
    "form content type": (
        b"a=1",
        "application/x-www-form-urlencoded",
        415,
        "Unsupported content type: application/x-www-form-urlencoded",
    ),
    "too large": (
        b'{"a": "' + b"x" * (1024 * 1024) + b'"}',
        "application/json",
        413,
        "Request body is larger than 65536 bytes",
    ),
}


@pytest.mark.parametrize("case", BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_bad_bodies_get_the_validation_status_and_the_reason(
    client: TestClient, operation: tuple, case: tuple[bytes, str, str]
) -> None:
    api, url, headers, status = operation
    content, content_type, reason = case
    response = client.post(url, content=content, headers={**headers, "Content-Type": content_type})
    assert reason in assert_envelope(api, response, status)["message"]


@pytest.mark.parametrize("case", REFUSED_MEDIA.values(), ids=REFUSED_MEDIA.keys())
def test_bodies_refused_whole_get_413_or_415_as_documented(
    client: TestClient, operation: tuple, case: tuple[bytes, str, int, str]
) -> None:
    api, url, headers, _ = operation
    content, content_type, status, reason = case
    response = client.post(url, content=content, headers={**headers, "Content-Type": content_type})
    assert assert_envelope(api, response, status)["message"].startswith(reason)


def test_missing_content_type_is_415(client: TestClient, operation: tuple) -> None:
    api, url, headers, _ = operation
    response = client.post(url, content=b"{}", headers=headers)
    assert assert_envelope(api, response, 415)["message"] == (
        "Missing Content-Type header; send application/json"
    )


def test_an_invalid_content_length_is_rejected(client: TestClient, operation: tuple) -> None:
    api, url, headers, status = operation
    response = client.post(
        url,
        content=b"{}",
        headers={**headers, "Content-Type": "application/json", "Content-Length": "x"},
    )
    assert "Content-Length" in assert_envelope(api, response, status)["message"]


def test_unknown_path_is_404_in_the_owning_envelope(client: TestClient) -> None:
    response = client.post("/api/admin/nothing-here")
    assert assert_envelope("api-keys", response, 404)["classifier"] == "NOT_FOUND"
    response = client.get("/v1/projects")
    assert assert_envelope("access-keys", response, 404)["status"] == "NOT_FOUND"


def test_wrong_method_is_405_with_allow(client: TestClient) -> None:
    response = client.get("/cf/admin/proxy/keys")
    assert_envelope("proxy-keys", response, 405)
    assert response.headers["allow"] == "POST"


def test_unexpected_exceptions_are_500_in_the_envelope_and_log_no_secret(
    config: Config,
    database: Database,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    admin_token: dict[str, str],
) -> None:
    async def broken(_store: ApiKeyStore, record: object, idempotency: object = None) -> None:
        raise RuntimeError(repr(record))

    monkeypatch.setattr(ApiKeyStore, "add", broken)
    client = TestClient(create_app(config, database), raise_server_exceptions=False)
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
    assert admin_token["x-admin-token"] not in caplog.text


def test_an_empty_idempotency_key_is_422(client: TestClient, admin_token: dict[str, str]) -> None:
    headers = {**admin_token, "x-idempotency-key": ""}
    response = client.post(
        "/api/admin/api-keys", json={"scopes": ["pci:tokens:read"]}, headers=headers
    )
    assert assert_envelope("api-keys", response, 422)["classifier"] == "VALIDATION_ERROR"
    assert violation_paths("api-keys", response.json()) == ["$.headers['x-idempotency-key']"]


def test_a_very_long_path_parameter_is_rejected(client: TestClient, oauth: dict[str, str]) -> None:
    response = client.post(
        f"/v1/projects/{'p' * 10_000}/accessKeys", json={"displayName": "x"}, headers=oauth
    )
    assert assert_envelope("access-keys", response, 400)["status"] == "INVALID_ARGUMENT"
    assert violation_paths("access-keys", response.json()) == ["$.path.projectId"]
