"""Every request example in the specs succeeds against a fresh server with the development
credentials, all of them one after another, so Swagger UI's "Try it out" works out of the box
and no example spoils another (an idempotency key reused with another body would be 422)."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from keywright.catalog import ApiSpec
from keywright.specs.examples import ExampleRequest, example_requests
from tests.catalog import CATALOG

CREDENTIAL_FIXTURES = {
    "proxy-keys": "proxy_admin",
    "access-keys": "oauth",
    "api-keys": "admin_token",
}

EXAMPLES = [(api, request) for api in CATALOG for request in example_requests(api.doc)]


def _send(
    client: TestClient, base_path: str, request: ExampleRequest, headers: dict[str, str]
) -> Any:
    return client.request(
        request.method,
        base_path + request.path,
        params=request.query,
        headers={**request.headers, **headers},
        json=request.body,
    )


def _success(api: ApiSpec, request: ExampleRequest) -> set[int]:
    for _, operation in api.doc.operations():
        if operation["operationId"] == request.operation_id:
            return {int(s) for s in operation["responses"] if str(s).startswith("2")}
    raise AssertionError(request.operation_id)


def test_every_example_in_order_on_one_server(
    request: pytest.FixtureRequest, client: TestClient
) -> None:
    assert {api.name for api, _ in EXAMPLES} == set(CATALOG.names)
    for api, example in EXAMPLES:
        credentials = request.getfixturevalue(CREDENTIAL_FIXTURES[api.name])
        response = _send(client, api.base_path, example, credentials)
        assert response.status_code in _success(api, example), (
            f"{api.name} example {example.name}: {response.status_code} {response.text}"
        )


@pytest.mark.parametrize(
    ("api", "example"), EXAMPLES, ids=[f"{api.name}-{example.name}" for api, example in EXAMPLES]
)
def test_an_example_sent_twice_repeats_or_conflicts(
    request: pytest.FixtureRequest, client: TestClient, api: Any, example: ExampleRequest
) -> None:
    credentials = request.getfixturevalue(CREDENTIAL_FIXTURES[api.name])
    first = _send(client, api.base_path, example, credentials)
    assert first.status_code in _success(api, example), first.text
    second = _send(client, api.base_path, example, credentials)
    assert second.status_code == first.status_code or second.status_code == 409, second.text
    if example.headers.get("x-idempotency-key"):
        assert second.json() == first.json(), "a replay returns the identical response"
