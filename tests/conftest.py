"""Shared fixtures: the seeds beside the checkout and the loaded specs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from keywright.apis import APIS, PROJECT_ROOT, Api
from keywright.specs import SpecDocument, load_spec

SEEDS_DIR = Path(os.environ.get("KEYWRIGHT_SEEDS", PROJECT_ROOT.parent / "shared" / "seeds"))


@pytest.fixture(params=APIS, ids=lambda api: api.name)
def api(request: pytest.FixtureRequest) -> Api:
    return request.param


@pytest.fixture
def spec(api: Api) -> SpecDocument:
    return load_spec(api.spec_path)


@pytest.fixture
def seed_text(api: Api) -> str:
    path = SEEDS_DIR / api.seed
    assert path.exists(), f"seed {path} is missing: the checkout needs ../shared beside it"
    return path.read_text(encoding="utf-8")


@pytest.fixture
def anyio_backend() -> str:
    """Async tests run on asyncio, as uvicorn runs the servers."""
    return "asyncio"
