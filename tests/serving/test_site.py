"""Besides their APIs, both servers answer orchestrators (`/healthz`, `/readyz`), people and
scripts looking for what is served (`/`), and browsers calling with credentials (CORS)."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from keywright.mock import create_app as create_mock
from keywright.server import create_app as create_server
from keywright.server import open_database
from keywright.server.storage import THROWAWAY
from tests.catalog import CATALOG
from tests.credentials import ADMIN

ORIGIN = "https://app.example.com"


@pytest.fixture(params=["serve", "mock"])
def client(request: pytest.FixtureRequest) -> TestClient:
    app = create_server() if request.param == "serve" else create_mock()
    return TestClient(app)


def test_healthz_says_the_process_answers(client: TestClient) -> None:
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_readyz_says_whether_storage_answers() -> None:
    database = open_database(THROWAWAY, CATALOG)
    server = TestClient(create_server(database=database))
    assert server.get("/readyz").json() == {"status": "ready"}
    database.close()
    response = server.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["reason"].startswith("storage unavailable")
    assert response.headers["retry-after"] == "1"


def test_the_index_lists_every_api_with_working_links(client: TestClient) -> None:
    index = client.get("/").json()
    assert [api["name"] for api in index["apis"]] == CATALOG.names
    for api in index["apis"]:
        assert client.get(api["ui"]).status_code == 200, api["ui"]
        assert client.get(api["openapi"]).json()["info"]["title"] == api["title"]


def test_a_browser_gets_the_index_as_a_page(client: TestClient) -> None:
    page = client.get("/", headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html")
    assert '<a href="/api/admin/ui/">' in page.text


def test_a_browser_may_call_with_credentials(client: TestClient) -> None:
    """`fetch(..., {credentials: 'include'})` needs the origin named, not `*`."""
    preflight = client.options(
        "/api/admin/api-keys",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "x-admin-token, content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ORIGIN
    assert preflight.headers["access-control-allow-credentials"] == "true"
    response = client.post(
        "/api/admin/api-keys",
        json={"scopes": ["pci:tokens:read"]},
        headers={**ADMIN, "Origin": ORIGIN},
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ORIGIN
    assert response.headers["access-control-allow-credentials"] == "true"
    assert "Origin" in response.headers["vary"]
    assert "Retry-After" in response.headers["access-control-expose-headers"]


def test_the_servers_own_paths_take_only_reads(client: TestClient) -> None:
    response = client.post("/healthz", json={})
    assert response.status_code == 404
