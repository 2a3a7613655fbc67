"""The client picks the response: Prefer header or __query options, Prism-compatible."""

from __future__ import annotations

import time

import pytest
from starlette.testclient import TestClient

from keywright.specs import load_spec
from tests.catalog import CATALOG
from tests.envelopes import assert_envelope, violation_paths
from tests.mock.calls import (
    ACCESS_KEYS,
    ADMIN,
    API_KEYS,
    OAUTH,
    PROXY_ADMIN,
    PROXY_BODY,
    PROXY_KEYS,
)

BODY = {"scopes": ["pci:tokens:read"]}


def _example(api: str, status: str) -> dict:
    doc = load_spec(CATALOG.get(api).path)
    return doc.resolve(
        doc.data["paths"][next(iter(doc.data["paths"]))]["post"]["responses"][status]
    )["content"]["application/json"]["example"]


@pytest.mark.parametrize("how", ["header", "query"])
def test_code_picks_a_documented_error_with_its_realistic_example(
    mock: TestClient, how: str
) -> None:
    if how == "header":
        response = mock.post(
            PROXY_KEYS, json=PROXY_BODY, headers={**PROXY_ADMIN, "Prefer": "code=409"}
        )
    else:
        response = mock.post(PROXY_KEYS + "&__code=409", json=PROXY_BODY, headers=PROXY_ADMIN)
    assert response.status_code == 409
    example = _example("proxy-keys", "409")
    assert example["message"] == "A proxy key with identifier 'MyProxyKey' already exists"
    named = {**example, "message": example["message"].replace("MyProxyKey", "EdgeKey")}
    assert response.json() == named, "the spec's example, naming the identifier sent"


def test_an_undocumented_code_is_refused_listing_the_documented_ones(mock: TestClient) -> None:
    response = mock.post(API_KEYS, json=BODY, headers={**ADMIN, "Prefer": "code=418"})
    message = assert_envelope("api-keys", response, 422)["message"]
    assert message.endswith("documented: 200, 401, 403, 408, 413, 415, 422, 431, 500, 501, 503")
    assert violation_paths("api-keys", response.json()) == ["$.headers.prefer"]


def test_example_picks_a_named_example(mock: TestClient) -> None:
    response = mock.post(
        ACCESS_KEYS, json={"displayName": "x"}, headers={**OAUTH, "Prefer": "example=default"}
    )
    assert response.status_code == 200
    assert response.json() == _example("access-keys", "200"), (
        "an example asked for is returned as it is"
    )


def test_code_and_example_combine(mock: TestClient) -> None:
    response = mock.post(API_KEYS + "?__code=403&__example=default", json=BODY, headers=ADMIN)
    assert response.status_code == 403
    assert response.json() == _example("api-keys", "403")


def test_an_unknown_example_is_refused_listing_the_ones_there_are(mock: TestClient) -> None:
    response = mock.post(
        ACCESS_KEYS, json={"displayName": "x"}, headers={**OAUTH, "Prefer": "example=cat"}
    )
    message = assert_envelope("access-keys", response, 400)["message"]
    assert violation_paths("access-keys", response.json()) == ["$.headers.prefer"]
    assert (
        "no such example" in message and "default (200)" in message and "default (409)" in message
    )


def test_dynamic_with_a_seed_is_deterministic(mock: TestClient) -> None:
    def call(seed: int) -> dict:
        return mock.post(
            API_KEYS, json=BODY, headers={**ADMIN, "Prefer": f"dynamic=true, seed={seed}"}
        ).json()

    assert call(7) == call(7)
    assert call(7)["id"] != call(8)["id"]
    assert call(7)["scopes"] == ["pci:tokens:read"], "the request still shapes dynamic data"


def test_dynamic_without_a_seed_differs_each_call(mock: TestClient) -> None:
    calls = [
        mock.post(API_KEYS + "?__dynamic=true", json=BODY, headers=ADMIN).json() for _ in range(2)
    ]
    assert calls[0]["key_value"] != calls[1]["key_value"]


def test_delay(mock: TestClient) -> None:
    started = time.monotonic()
    response = mock.post(API_KEYS, json=BODY, headers={**ADMIN, "Prefer": "delay=300"})
    assert response.status_code == 200
    assert time.monotonic() - started >= 0.3


@pytest.mark.parametrize(
    "prefer",
    [
        "code=abc",
        "code=²00",
        "seed=x",
        "seed=--1",
        "seed=²",
        "seed=" + "1" * 5000,
        "dynamic=maybe",
        "delay=-5",
        "delay=²",
        "delay=" + "1" * 5000,
    ],
)
def test_malformed_preferences_are_refused(mock: TestClient, prefer: str) -> None:
    response = mock.post(API_KEYS, json=BODY, headers={**ADMIN, "Prefer": prefer.encode()})
    assert (
        f"Prefer {prefer.split('=')[0]}=" in assert_envelope("api-keys", response, 422)["message"]
    )
    assert violation_paths("api-keys", response.json()) == ["$.headers.prefer"]


def test_a_query_option_that_is_not_ascii_is_refused_in_the_envelope(mock: TestClient) -> None:
    response = mock.post(API_KEYS + "?__seed=%C2%B2", json=BODY, headers=ADMIN)
    assert "Prefer seed=" in assert_envelope("api-keys", response, 422)["message"]


def test_named_examples_of_the_success_response(mock: TestClient) -> None:
    response = mock.post(API_KEYS, json=BODY, headers={**ADMIN, "Prefer": "example=permanent"})
    assert response.status_code == 200
    assert response.json()["key_value"] == "key_ABCDEF1234567890"
    assert "expires_at" not in response.json()


def test_an_example_alone_is_looked_for_among_the_successes_first(mock: TestClient) -> None:
    """`default` is the example the mock answers anyway: the first success example."""
    response = mock.post(API_KEYS, json=BODY, headers={**ADMIN, "Prefer": "example=default"})
    assert response.status_code == 200, response.text
    assert "key_value" in response.json()


def test_the_examples_on_offer_are_listed_once_each(mock: TestClient) -> None:
    response = mock.post(API_KEYS, json=BODY, headers={**ADMIN, "Prefer": "example=nope"})
    message = assert_envelope("api-keys", response, 422)["message"]
    offered = message.split("available: ")[1].split(", ")
    assert len(offered) == len(set(offered)) > 1, offered
    assert "expiring (200)" in offered


@pytest.mark.parametrize(
    ("api", "path", "headers", "body", "status"),
    [
        ("api-keys", API_KEYS, ADMIN, BODY, 422),
        ("api-keys", API_KEYS, ADMIN, BODY, 403),
        ("access-keys", ACCESS_KEYS, OAUTH, {"displayName": "web"}, 409),
        ("proxy-keys", PROXY_KEYS, PROXY_ADMIN, PROXY_BODY, 400),
    ],
)
def test_a_dynamic_error_is_a_real_error_of_its_status(
    mock: TestClient, api: str, path: str, headers: dict[str, str], body: object, status: int
) -> None:
    response = mock.post(
        path, json=body, headers={**headers, "Prefer": f"code={status}, dynamic=true"}
    )
    assert response.status_code == status
    assert_envelope(api, response, status)


def test_an_error_example_names_what_the_request_sent(mock: TestClient) -> None:
    project = "0f8e7d6c-5b4a-4392-a1b0-c9d8e7f6a5b4"
    response = mock.post(
        f"/v1/projects/{project}/accessKeys?__code=409",
        json={"displayName": "web"},
        headers=OAUTH,
    )
    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        f"An access key named 'web' already exists in project '{project}'."
    )
