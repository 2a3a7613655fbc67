"""A compiled operation end to end: what it checks, what it hands the handler, what it answers."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import pytest
from starlette.testclient import TestClient

from keywright.apis import Api
from keywright.app import Backend, build_app
from keywright.dispatch import Call, Handler, Reply, Verifier

ADMIN = {"x-admin-token": "adm_token"}
BODY = {"scopes": ["pci:tokens:read"]}
VALID_KEY = {
    "id": "0b8f5f4e-3a51-4d7e-9d6a-2f0f8a1c9b10",
    "created_at": "2026-01-01T00:00:00Z",
    "key_value": "key_abc123",
    "scopes": ["pci:tokens:read"],
}


class OneHandler(Backend):
    """Every API's operations answered by `reply`; every credential accepted."""

    def __init__(self, reply: Reply) -> None:
        self.reply = reply
        self.calls: list[Call] = []

    def handlers(self, api: Api) -> Mapping[str, Handler]:
        async def handle(call: Call) -> Reply:
            self.calls.append(call)
            return self.reply

        return _every_operation(handle)

    def verifiers(self, api: Api) -> Mapping[str, Verifier]:
        return _every_scheme(lambda *credential: {"sub": ":".join(credential)})


def test_the_handler_gets_the_validated_request_and_the_caller() -> None:
    backend = OneHandler((VALID_KEY, 200))
    client = TestClient(build_app(backend, validate_responses=True))
    response = client.post(
        "/api/admin/api-keys", json=BODY, headers={**ADMIN, "x-idempotency-key": "retry-1"}
    )
    assert response.status_code == 200
    (call,) = backend.calls
    assert call.body == BODY
    assert call.caller == {"sub": "adm_token"}
    assert call.headers["x-idempotency-key"] == "retry-1"


def test_invalid_requests_never_reach_the_handler() -> None:
    backend = OneHandler((VALID_KEY, 200))
    client = TestClient(build_app(backend))
    assert client.post("/api/admin/api-keys", json=BODY).status_code == 401
    assert client.post("/api/admin/api-keys", json={}, headers=ADMIN).status_code == 422
    assert client.post("/api/admin/api-keys?debug=1", json=BODY, headers=ADMIN).status_code == 422
    assert backend.calls == []


@pytest.mark.parametrize(
    "reply",
    [({**VALID_KEY, "key_value": 42}, 200), (VALID_KEY, 201)],
    ids=["body off the schema", "undocumented status"],
)
def test_with_response_validation_a_nonconforming_reply_is_a_logged_500(
    reply: Reply, caplog: pytest.LogCaptureFixture
) -> None:
    client = TestClient(build_app(OneHandler(reply), validate_responses=True))
    with caplog.at_level(logging.ERROR, logger="keywright.errors"):
        response = client.post("/api/admin/api-keys", json=BODY, headers=ADMIN)
    assert response.status_code == 500
    assert response.json()["classifier"] == "INTERNAL_ERROR"
    assert "createApiKey" in caplog.text


def _every_operation(handle: Handler) -> Mapping[str, Handler]:
    return {
        operation_id: handle
        for operation_id in ("createProxyKey", "createAccessKey", "createApiKey")
    }


def _every_scheme(verify: Any) -> Mapping[str, Verifier]:
    return {name: verify for name in ("x-api-key", "OAuth2", "Basic", "APIKey", "AdminToken")}
