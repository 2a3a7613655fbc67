"""POST /api/admin/api-keys against the reference server: scopes, expiry, idempotency."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import httpx
import pytest
from starlette.testclient import TestClient

from keywright.server import create_app
from keywright.server.config import Config
from keywright.server.storage import Database
from tests.clock import Clock
from tests.envelopes import assert_envelope, violation_paths

URL = "/api/admin/api-keys"


def _create(client: TestClient, headers: dict[str, str], **body: object) -> httpx.Response:
    return client.post(URL, json=body, headers=headers)


def test_expires_at_is_created_at_plus_expiration_time(
    client: TestClient, admin_token: dict[str, str]
) -> None:
    body = _create(client, admin_token, scopes=["pci:tokens:read"], expiration_time=3600).json()
    created = datetime.fromisoformat(body["created_at"])
    assert datetime.fromisoformat(body["expires_at"]) - created == timedelta(seconds=3600)
    assert body["scopes"] == ["pci:tokens:read"]
    assert body["key_value"].startswith("key_")


def test_no_expiration_time_means_no_expires_at(
    client: TestClient, admin_token: dict[str, str]
) -> None:
    body = _create(client, admin_token, scopes=["pci:tokens:read"]).json()
    assert "expires_at" not in body


@pytest.mark.parametrize("expiration", [0, -1, 10**12], ids=["zero", "negative", "absurd"])
def test_bad_expiration_time_is_422(
    client: TestClient, admin_token: dict[str, str], expiration: int
) -> None:
    response = _create(client, admin_token, scopes=["pci:tokens:read"], expiration_time=expiration)
    assert assert_envelope("api-keys", response, 422)["classifier"] == "VALIDATION_ERROR"
    assert violation_paths("api-keys", response.json()) == ["$.expiration_time"]


def test_each_violation_is_listed_with_its_path(
    client: TestClient, admin_token: dict[str, str]
) -> None:
    response = _create(
        client, admin_token, scopes=["pci:tokens:read", "pci:tokens:erase"], expiration_time="soon"
    )
    body = assert_envelope("api-keys", response, 422)
    assert body["classifier"] == "VALIDATION_ERROR"
    assert violation_paths("api-keys", body) == ["$.expiration_time", "$.scopes[1]"]


def test_a_key_with_the_create_scope_may_create_narrower_keys(
    client: TestClient, admin_token: dict[str, str]
) -> None:
    parent = _create(
        client, admin_token, scopes=["admin:api-keys:create", "pci:tokens:read"]
    ).json()
    as_parent = {"x-api-key": parent["key_value"]}
    assert _create(client, as_parent, scopes=["pci:tokens:read"]).status_code == 200
    escalation = _create(client, as_parent, scopes=["pci:tokens:delete"])
    assert escalation.status_code == 403
    assert escalation.json() == {
        "code": 403,
        "classifier": "FORBIDDEN",
        "message": "The API key cannot grant scopes it does not hold: 'pci:tokens:delete'",
    }


@pytest.mark.parametrize(("asked", "lives"), [(None, 60), (30, 30), (3600, 60)])
def test_a_child_key_never_outlives_the_key_that_made_it(
    client: TestClient, admin_token: dict[str, str], asked: int | None, lives: int
) -> None:
    parent = _create(
        client, admin_token, scopes=["admin:api-keys:create", "pci:tokens:read"], expiration_time=60
    ).json()
    extra = {} if asked is None else {"expiration_time": asked}
    child = _create(client, {"x-api-key": parent["key_value"]}, scopes=["pci:tokens:read"], **extra)
    assert child.status_code == 200
    created = datetime.fromisoformat(child.json()["created_at"])
    assert datetime.fromisoformat(child.json()["expires_at"]) - created == timedelta(seconds=lives)


def test_a_key_without_the_create_scope_may_not_create_keys(
    client: TestClient, admin_token: dict[str, str]
) -> None:
    plain = _create(client, admin_token, scopes=["pci:tokens:read"]).json()
    response = _create(client, {"x-api-key": plain["key_value"]}, scopes=["pci:tokens:read"])
    body = assert_envelope("api-keys", response, 403)
    assert body["classifier"] == "FORBIDDEN"
    assert "admin:api-keys:create" in body["message"]


def test_an_expired_key_is_401(
    client: TestClient, clock: Clock, admin_token: dict[str, str]
) -> None:
    parent = _create(
        client, admin_token, scopes=["admin:api-keys:create"], expiration_time=1
    ).json()
    as_parent = {"x-api-key": parent["key_value"]}
    assert _create(client, as_parent, scopes=["admin:api-keys:create"]).status_code == 200
    clock.advance(seconds=1)  # rather than sleep, ask the server when the key has expired
    response = _create(client, as_parent, scopes=["admin:api-keys:create"])
    assert assert_envelope("api-keys", response, 401)["classifier"] == "UNAUTHORIZED"
    assert (
        response.json()["message"]
        == f"The API key expired at {parent['expires_at'].replace('Z', '+00:00')}"
    )


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"x-api-key": "key_wrong"}]
)
def test_bad_credentials_are_401(client: TestClient, headers: dict[str, str]) -> None:
    response = _create(client, headers, scopes=["pci:tokens:read"])
    assert assert_envelope("api-keys", response, 401)["classifier"] == "UNAUTHORIZED"


def test_idempotent_retry_returns_the_identical_response(
    client: TestClient, admin_token: dict[str, str]
) -> None:
    headers = {**admin_token, "x-idempotency-key": "order_12345_retry_001"}
    first = _create(client, headers, scopes=["pci:tokens:read"], expiration_time=60)
    second = _create(client, headers, scopes=["pci:tokens:read"], expiration_time=60)
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert "idempotent-replayed" not in first.headers
    assert second.headers["idempotent-replayed"] == "true", "a replay says it is one"
    other_key = _create(
        client, {**admin_token, "x-idempotency-key": "another"}, scopes=["pci:tokens:read"]
    )
    assert other_key.json()["id"] != first.json()["id"]


def test_same_idempotency_key_with_another_body_is_422(
    client: TestClient, admin_token: dict[str, str]
) -> None:
    headers = {**admin_token, "x-idempotency-key": "k"}
    assert _create(client, headers, scopes=["pci:tokens:read"]).status_code == 200
    response = _create(client, headers, scopes=["pci:tokens:create"])
    assert assert_envelope("api-keys", response, 422)["classifier"] == "VALIDATION_ERROR"
    assert violation_paths("api-keys", response.json()) == ["$.headers['x-idempotency-key']"]


def test_idempotency_records_expire_after_24_hours(
    client: TestClient, clock: Clock, admin_token: dict[str, str]
) -> None:
    headers = {**admin_token, "x-idempotency-key": "k"}
    first = _create(client, headers, scopes=["pci:tokens:read"]).json()
    clock.advance(hours=23, minutes=59)
    assert _create(client, headers, scopes=["pci:tokens:read"]).json() == first
    clock.advance(minutes=1)
    again = _create(client, headers, scopes=["pci:tokens:read"]).json()
    assert again["id"] != first["id"]


def test_concurrent_requests_with_one_idempotency_key_create_one_key(
    config: Config, database: Database, admin_token: dict[str, str]
) -> None:
    app = create_app(config, database)
    headers = {**admin_token, "x-idempotency-key": "concurrent"}

    async def burst() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://kw") as http:
            calls = [
                http.post(URL, json={"scopes": ["pci:tokens:read"]}, headers=headers)
                for _ in range(20)
            ]
            return await asyncio.gather(*calls)

    responses = asyncio.run(burst())
    assert {r.status_code for r in responses} == {200}
    assert len({r.json()["id"] for r in responses}) == 1
    assert len({r.json()["key_value"] for r in responses}) == 1
