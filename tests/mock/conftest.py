"""A mock app per test, validating its own responses against the specs."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from keywright.mock import create_app


@pytest.fixture
def mock() -> TestClient:
    return TestClient(create_app(validate_responses=True))
