"""A fresh reference server per test, with the development credentials as headers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from keywright.server import create_app
from keywright.server.config import Config, load_config
from keywright.server.store import MemoryStore, SqliteStore, Store


@pytest.fixture
def config() -> Config:
    return load_config(environ={})


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    store: Store = MemoryStore() if request.param == "memory" else SqliteStore(tmp_path / "kw.db")
    yield store
    store.close()


@pytest.fixture
def client(config: Config, store: Store) -> TestClient:
    return create_app(config, store, validate_responses=True).test_client()


@pytest.fixture
def proxy_admin(config: Config) -> dict[str, str]:
    return {"x-api-key": config.proxy_admin_keys[0].key}


@pytest.fixture
def oauth(config: Config) -> dict[str, str]:
    return {"Authorization": f"Bearer {config.oauth_tokens[0].token}"}


@pytest.fixture
def admin_token(config: Config) -> dict[str, str]:
    return {"x-admin-token": config.admin_tokens[0]}
