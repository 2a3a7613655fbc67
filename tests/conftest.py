"""Shared fixtures: every API of the catalog, its spec and its seed; a fresh reference server
(a throwaway database, or a file), a clock the test controls."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from keywright.catalog import ApiSpec
from keywright.server import create_app, open_database
from keywright.server.config import Config, load_config
from keywright.server.storage import THROWAWAY, Database
from keywright.specs import SpecDocument
from tests.catalog import CATALOG, SEEDS_DIR
from tests.clock import Clock
from tests.credentials import ADMIN, OAUTH, PROXY_ADMIN


@pytest.fixture(params=CATALOG.apis, ids=lambda api: api.name)
def api(request: pytest.FixtureRequest) -> ApiSpec:
    return request.param


@pytest.fixture
def spec(api: ApiSpec) -> SpecDocument:
    return api.doc


@pytest.fixture
def seed_text(api: ApiSpec) -> str:
    return (SEEDS_DIR / f"{api.name}.txt").read_text(encoding="utf-8")


@pytest.fixture
def anyio_backend() -> str:
    """Async tests run on asyncio, as uvicorn runs the servers."""
    return "asyncio"


@pytest.fixture
def config() -> Config:
    return load_config(environ={})


@pytest.fixture(params=["throwaway", "file"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    path = THROWAWAY if request.param == "throwaway" else str(tmp_path / "kw.db")
    database = open_database(path, CATALOG)
    yield database
    database.close()


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 6, 1, 12, 0, tzinfo=UTC))


@pytest.fixture
def client(config: Config, database: Database, clock: Clock) -> TestClient:
    """The reference server on `database`, answering by `clock`, checking its own responses."""
    return TestClient(create_app(config, database, clock=clock, validate_responses=True))


@pytest.fixture
def proxy_admin() -> dict[str, str]:
    return PROXY_ADMIN


@pytest.fixture
def oauth() -> dict[str, str]:
    return OAUTH


@pytest.fixture
def admin_token() -> dict[str, str]:
    return ADMIN
