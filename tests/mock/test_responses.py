"""Responses come from the specs' examples and are shaped by the request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from starlette.testclient import TestClient

from keywright_models import access_keys, api_keys, proxy_keys
from tests.mock.calls import (
    ACCESS_KEYS,
    ADMIN,
    API_KEYS,
    OAUTH,
    PROXY_ADMIN,
    PROXY_BODY,
    PROXY_KEYS,
)


def test_the_request_comes_back_where_the_response_has_a_field_for_it(mock: TestClient) -> None:
    response = mock.post(ACCESS_KEYS, json={"displayName": "Frontend dev"}, headers=OAUTH)
    assert response.status_code == 200
    body = access_keys.CreateAccessKeyResponse.model_validate(response.json())
    assert body.accessKey.displayName == "Frontend dev"
    assert body.accessKey.projectId == "acme-web"  # from the path


def test_timestamps_are_now_and_expiry_follows_expiration_time(mock: TestClient) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    body = mock.post(
        API_KEYS, json={"scopes": ["network:tokens:use"], "expiration_time": 90}, headers=ADMIN
    ).json()
    key = api_keys.ApiKey.model_validate(body)
    assert before <= key.created_at <= datetime.now(UTC)
    assert key.expires_at - key.created_at == timedelta(seconds=90)
    assert body["scopes"] == ["network:tokens:use"]


def test_no_expiration_time_means_no_expires_at(mock: TestClient) -> None:
    body = mock.post(API_KEYS, json={"scopes": ["pci:tokens:read"]}, headers=ADMIN).json()
    assert "expires_at" not in body


def test_ids_and_key_values_are_fresh_on_every_call(mock: TestClient) -> None:
    first, second = (
        mock.post(API_KEYS, json={"scopes": ["pci:tokens:read"]}, headers=ADMIN).json()
        for _ in range(2)
    )
    assert first["id"] != second["id"]
    assert first["key_value"] != second["key_value"]
    assert first["key_value"].startswith("key_")
    keys = [
        mock.post(PROXY_KEYS, json=PROXY_BODY, headers=PROXY_ADMIN).json()["key"] for _ in range(2)
    ]
    assert keys[0] != keys[1]
    secrets = [
        mock.post(ACCESS_KEYS, json={"displayName": "a"}, headers=OAUTH).json()["secret"]
        for _ in range(2)
    ]
    assert secrets[0] != secrets[1]
    assert all(len(s) == len("Q_qHBbB8DfjeX2m9kLpR4tVw7yZa1cE3") for s in secrets), (
        "shaped like the example"
    )


def test_success_status_is_the_documented_one(mock: TestClient) -> None:
    response = mock.post(PROXY_KEYS, json=PROXY_BODY, headers=PROXY_ADMIN)
    assert response.status_code == 201
    proxy_keys.ProxyKeyCreated.model_validate(response.json())
