"""Every request-body and parameter example in the specs succeeds against a fresh server with the
development credentials, so Swagger UI's "Try it out" works out of the box."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from keywright.apis import APIS
from keywright.specs import load_spec

CREDENTIAL_FIXTURES = {
    "proxy-keys": "proxy_admin",
    "access-keys": "oauth",
    "api-keys": "admin_token",
}


def _example_requests() -> Iterator[Any]:
    for api in APIS:
        doc = load_spec(api.spec_path)
        for (_, route, method), operation in doc.operations():
            path, query, headers = api.base_path + route, {}, {}
            for parameter in map(doc.resolve, operation.get("parameters", [])):
                value = parameter["example"]
                if parameter["in"] == "path":
                    path = path.replace("{" + parameter["name"] + "}", value)
                elif parameter["in"] == "query":
                    query[parameter["name"]] = value
                elif parameter["in"] == "header":
                    headers[parameter["name"]] = value
            media = doc.resolve(operation["requestBody"])["content"]["application/json"]
            for name, example in media["examples"].items():
                yield pytest.param(
                    api.name,
                    method,
                    path,
                    query,
                    headers,
                    example["value"],
                    operation,
                    id=f"{api.name}-{name}",
                )


@pytest.mark.parametrize(
    ("api", "method", "path", "query", "headers", "body", "operation"), list(_example_requests())
)
def test_example_succeeds_then_repeats_or_conflicts(
    request: pytest.FixtureRequest,
    client: TestClient,
    api: str,
    method: str,
    path: str,
    query: dict[str, str],
    headers: dict[str, str],
    body: Any,
    operation: dict[str, Any],
) -> None:
    headers = {**headers, **request.getfixturevalue(CREDENTIAL_FIXTURES[api])}
    first = client.request(method.upper(), path, params=query, headers=headers, json=body)
    assert 200 <= first.status_code < 300, first.text
    second = client.request(method.upper(), path, params=query, headers=headers, json=body)
    assert second.status_code == first.status_code or (
        second.status_code == 409 and "409" in operation["responses"]
    ), second.text
