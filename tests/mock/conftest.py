"""A mock app per test, validating its own responses against the specs."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from keywright.mock import create_app


@pytest.fixture
def mock() -> TestClient:
    return TestClient(create_app(validate_responses=True))


BEARER = {"Authorization": "Bearer adm_frontend"}  # an admin token, and a valid OAuth2 token
PROXY_ADMIN = {"x-api-key": "pat.acme.frontend.0123abcd"}
API_KEYS = "/api/admin/api-keys"
ACCESS_KEYS = "/v1/projects/acme-web/accessKeys"
PROXY_KEYS = "/cf/admin/proxy/keys?accountIdentifier=acme"
PROXY_BODY = {
    "identifier": "EdgeKey",
    "name": "Edge key",
    "organizations": {"default": {"projects": {"web": {"scope": "all"}}}},
}
