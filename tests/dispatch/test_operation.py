"""A compiled operation end to end: what it checks, what it hands the endpoint, what it answers."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from starlette.testclient import TestClient

from keywright.apis import package_for
from keywright.app import build_app
from keywright.dispatch import Answer, ApiBinding, Call, Endpoint, Verifier
from keywright.errors import SchemaEnvelope
from tests.catalog import CATALOG
from tests.envelopes import assert_envelope

ADMIN = {"x-admin-token": "adm_token"}
BODY = {"scopes": ["pci:tokens:read"]}
VALID_KEY = {
    "id": "0b8f5f4e-3a51-4d7e-9d6a-2f0f8a1c9b10",
    "created_at": "2026-01-01T00:00:00Z",
    "key_value": "key_abc123",
    "scopes": ["pci:tokens:read"],
}


class OneAnswer:
    """Every operation of every API answered with `answer` in the API's own envelope; every
    credential accepted."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.calls: list[Call] = []

    def endpoint(self) -> Endpoint:
        async def answer(call: Call) -> Answer:
            self.calls.append(call)
            return self.answer

        return answer

    def bindings(self, validate_responses: bool = False) -> list[ApiBinding]:
        async def verify(*credential: str) -> Any:
            return ":".join(credential)

        bindings = []
        for api in CATALOG:
            doc = api.doc
            operations = [operation["operationId"] for _, operation in doc.operations()]
            schemes = doc.data["components"]["securitySchemes"]
            verifiers: dict[str, Verifier] = {name: verify for name in schemes}
            package = package_for(api)
            bindings.append(
                ApiBinding(
                    api,
                    {operation_id: self.endpoint() for operation_id in operations},
                    verifiers,
                    package.envelope if package else SchemaEnvelope.for_spec(doc),
                    validate_responses,
                )
            )
        return bindings


def test_the_endpoint_gets_the_validated_request_and_the_caller() -> None:
    backend = OneAnswer((200, VALID_KEY, {}))
    client = TestClient(build_app(backend.bindings(validate_responses=True)))
    response = client.post(
        "/api/admin/api-keys", json=BODY, headers={**ADMIN, "x-idempotency-key": "retry-1"}
    )
    assert response.status_code == 200
    (call,) = backend.calls
    assert call.body == BODY
    assert (call.caller.scheme, call.caller.identity) == ("AdminToken", "adm_token")
    assert call.headers["x-idempotency-key"] == "retry-1"


def test_invalid_requests_never_reach_the_endpoint() -> None:
    backend = OneAnswer((200, VALID_KEY, {}))
    client = TestClient(build_app(backend.bindings()))
    assert client.post("/api/admin/api-keys", json=BODY).status_code == 401
    assert client.post("/api/admin/api-keys", json={}, headers=ADMIN).status_code == 422
    assert client.post("/api/admin/api-keys?debug=1", json=BODY, headers=ADMIN).status_code == 422
    assert backend.calls == []


@pytest.mark.parametrize(
    "answer",
    [(200, {**VALID_KEY, "key_value": 42}, {}), (201, VALID_KEY, {})],
    ids=["body off the schema", "undocumented status"],
)
def test_with_response_validation_a_nonconforming_reply_is_a_logged_500(
    answer: Answer, caplog: pytest.LogCaptureFixture
) -> None:
    client = TestClient(build_app(OneAnswer(answer).bindings(validate_responses=True)))
    with caplog.at_level(logging.ERROR, logger="keywright.errors"):
        response = client.post("/api/admin/api-keys", json=BODY, headers=ADMIN)
    body = assert_envelope("api-keys", response, 500)
    assert (body["classifier"], body["message"]) == ("INTERNAL_ERROR", "Internal server error")
    assert "createApiKey" in caplog.text
