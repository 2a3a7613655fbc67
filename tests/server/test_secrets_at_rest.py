"""Key values and secrets are shown once and never stored or logged in plain text."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from keywright.server import create_app, open_database
from keywright.server.config import Config
from tests.catalog import CATALOG
from tests.credentials import ADMIN, OAUTH, PROJECT, PROXY_ADMIN


def test_no_secret_in_the_database_file_or_the_log(
    tmp_path: Path, config: Config, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "kw.db"
    database = open_database(str(db), CATALOG)
    client = TestClient(create_app(config, database))
    with caplog.at_level(logging.DEBUG):
        api_key = client.post(
            "/api/admin/api-keys",
            json={"scopes": ["pci:tokens:read"]},
            headers={**ADMIN, "x-idempotency-key": "once"},
        ).json()["key_value"]
        secret = client.post(
            f"/v1/projects/{PROJECT}/accessKeys", json={"displayName": "CI"}, headers=OAUTH
        ).json()["secret"]
        proxy_key = client.post(
            "/cf/admin/proxy/keys?accountIdentifier=dev_account",
            json={
                "identifier": "k",
                "name": "k",
                "organizations": {"default": {"projects": {"web_app": {"scope": "all"}}}},
            },
            headers=PROXY_ADMIN,
        ).json()["key"]
    database.close()
    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    for value in (api_key, secret, proxy_key):
        assert value.encode() not in stored
        assert value not in caplog.text
    # The stored digests are what authenticates: the key still works.
    reopened = TestClient(create_app(config, open_database(str(db), CATALOG)))
    response = reopened.post(
        "/api/admin/api-keys", json={"scopes": ["pci:tokens:read"]}, headers={"x-api-key": api_key}
    )
    assert response.status_code == 403  # authenticated, but it holds no create scope
