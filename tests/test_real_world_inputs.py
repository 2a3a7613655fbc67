"""What the three real services accept, both our servers accept: identifiers and credentials
shaped as in each vendor's public docs (Harness, Sinch, Hellgate), and their real limits."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from starlette.testclient import TestClient

from keywright.apis.access_keys.config import BasicUser, OAuthToken
from keywright.apis.api_keys.config import ApiKeysConfig
from keywright.apis.proxy_keys.config import AdminKey
from keywright.mock import create_app as create_mock
from keywright.server import create_app as create_server
from tests.catalog import CATALOG
from tests.credentials import ADMIN, DEV, OAUTH, PROXY_ADMIN, basic
from tests.envelopes import assert_envelope, violation_paths

# Harness personal and service account tokens: `<prefix>.<account id>.<token id>.<secret>`,
# account ids holding `-` and `_`, and the older form without an account id.
HARNESS_TOKENS = [
    "pat.kQ92d_0eRFWV2-klmXS3zA.64228498bfaff60df53f385b.cATd1pTv7UwOwS1XVvYj",
    "sat.px7xd_BFRCi-pfWPYXVjvw.63bc6f8bed8ecc38a51965ba.qybothN6MJv6XETxKQjD",
    "pat.6186f434cce56f2962ae9bbf.HpGoIx7O4ZvFSE4rEuuF",
]
# Sinch: project and access key ids are UUIDs, secrets opaque; OAuth2 access tokens are JWTs.
SINCH_PROJECT = "f3a1c0de-7b2e-4d91-9c55-2e8b7a6d4c10"
SINCH_KEY_ID = "a8d3e1f2-6c4b-4e0a-9d7f-3b2c1a0e9f8d"
SINCH_SECRET = "Q_qHBbB8DfjeX2m9kLpR4tVw7yZa1cE3"
SINCH_TOKEN = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhOGQzIn0.c2lnbmF0dXJl-_x9Q"
# Hellgate Guardian: admin tokens in x-admin-token, API keys in x-api-key; no documented shape.
HELLGATE_ADMIN_TOKEN = "7Fq2xZ-adminToken.v1+rotated=="

PROXY_BODY = {
    "identifier": "Relay$Key_1",
    "name": "Relay key",
    "organizations": {
        "default": {"projects": {"mobile_app": {"scope": "all", "environments": []}}}
    },
}


@pytest.fixture
def server() -> TestClient:
    """The reference server, configured with the vendors' credentials as its own."""
    proxy = DEV.section("proxy-keys")
    access = DEV.section("access-keys")
    config = replace(
        DEV,
        sections={
            "proxy-keys": replace(
                proxy,
                admin_keys=tuple(
                    AdminKey(t, frozenset({"dev_account"}), "test") for t in HARNESS_TOKENS
                ),
            ),
            "access-keys": replace(
                access,
                oauth_tokens=(OAuthToken(SINCH_TOKEN, frozenset({SINCH_PROJECT}), "test"),),
                basic_users=(
                    BasicUser(SINCH_KEY_ID, SINCH_SECRET, frozenset({SINCH_PROJECT}), "test"),
                ),
            ),
            "api-keys": ApiKeysConfig((HELLGATE_ADMIN_TOKEN,), ("test",)),
        },
    )
    return TestClient(create_server(config, validate_responses=True))


@pytest.fixture
def mock() -> TestClient:
    return TestClient(create_mock(validate_responses=True))


def _servers(server: TestClient, mock: TestClient) -> dict[str, TestClient]:
    return {"server": server, "mock": mock}


@pytest.mark.parametrize("token", HARNESS_TOKENS, ids=["pat", "sat", "pat without account"])
def test_harness_tokens_authenticate(server: TestClient, mock: TestClient, token: str) -> None:
    for name, client in _servers(server, mock).items():
        response = client.post(
            "/cf/admin/proxy/keys?accountIdentifier=dev_account",
            json={**PROXY_BODY, "identifier": f"k_{len(token)}"},
            headers={"x-api-key": token},
        )
        assert response.status_code == 201, (name, response.text)


@pytest.mark.parametrize(
    "headers",
    [{"Authorization": f"Bearer {SINCH_TOKEN}"}, basic(SINCH_KEY_ID, SINCH_SECRET)],
    ids=["oauth2 token", "key id and secret"],
)
def test_sinch_credentials_and_project_ids_work(
    server: TestClient, mock: TestClient, headers: dict[str, str]
) -> None:
    for name, client in _servers(server, mock).items():
        response = client.post(
            f"/v1/projects/{SINCH_PROJECT}/accessKeys",
            json={"displayName": f"made with {sorted(headers.values())[0][:6]}"},
            headers=headers,
        )
        assert response.status_code == 200, (name, response.text)
        assert response.json()["accessKey"]["projectId"] == SINCH_PROJECT


def test_the_admin_token_goes_in_x_admin_token(server: TestClient, mock: TestClient) -> None:
    for name, client in _servers(server, mock).items():
        response = client.post(
            "/api/admin/api-keys",
            json={"scopes": ["pci:tokens:read"], "expiration_time": 7_776_000},
            headers={"x-admin-token": HELLGATE_ADMIN_TOKEN},
        )
        assert response.status_code == 200, (name, response.text)
        as_bearer = client.post(
            "/api/admin/api-keys",
            json={"scopes": ["pci:tokens:read"]},
            headers={"Authorization": f"Bearer {HELLGATE_ADMIN_TOKEN}"},
        )
        assert as_bearer.status_code == 401, (name, "a bearer token is not the admin token")


def test_an_unknown_api_key_of_no_particular_shape_is_not_valid_rather_than_malformed(
    server: TestClient,
) -> None:
    response = server.post(
        "/api/admin/api-keys",
        json={"scopes": ["pci:tokens:read"]},
        headers={"x-api-key": "hg_live_1"},
    )
    assert assert_envelope("api-keys", response, 401)["message"] == "The API key is not valid"


@pytest.mark.parametrize(
    ("seconds", "status"), [(7_776_000, 200), (7_776_001, 422)], ids=["90 days", "a second more"]
)
def test_api_keys_expire_within_90_days(
    server: TestClient, mock: TestClient, seconds: int, status: int
) -> None:
    body = {"scopes": ["pci:tokens:read"], "expiration_time": seconds}
    responses = {
        "server": server.post(
            "/api/admin/api-keys", json=body, headers={"x-admin-token": HELLGATE_ADMIN_TOKEN}
        ),
        "mock": mock.post("/api/admin/api-keys", json=body, headers=ADMIN),
    }
    for name, response in responses.items():
        assert response.status_code == status, (name, response.text)
        if status == 422:
            assert_envelope("api-keys", response, 422)
            assert violation_paths("api-keys", response.json()) == ["$.expiration_time"], name


@pytest.mark.parametrize(
    ("identifier", "accepted"),
    [
        ("Relay$Key_1", True),
        ("_k", True),
        ("K" * 128, True),
        ("1key", False),
        ("my-key", False),
        ("K" * 129, False),
    ],
    ids=["dollar", "underscore first", "128 characters", "digit first", "hyphen", "129 characters"],
)
def test_identifiers_follow_harness_rules(
    mock: TestClient, identifier: str, accepted: bool
) -> None:
    response = mock.post(
        "/cf/admin/proxy/keys?accountIdentifier=acme",
        json={**PROXY_BODY, "identifier": identifier},
        headers=PROXY_ADMIN,
    )
    assert response.status_code == (201 if accepted else 400), response.text
    if not accepted:
        assert_envelope("proxy-keys", response, 400)
        assert violation_paths("proxy-keys", response.json()) == ["$.identifier"]


def test_environment_identifiers_follow_harness_rules(mock: TestClient) -> None:
    body: dict[str, Any] = {
        **PROXY_BODY,
        "organizations": {
            "o": {"projects": {"p": {"scope": "selected", "environments": ["qa-1"]}}}
        },
    }
    response = mock.post(
        "/cf/admin/proxy/keys?accountIdentifier=acme", json=body, headers=PROXY_ADMIN
    )
    assert_envelope("proxy-keys", response, 400)
    assert violation_paths("proxy-keys", response.json()) == [
        "$.organizations.o.projects.p.environments[0]"
    ]


def test_a_key_serves_at_most_1000_environments(server: TestClient) -> None:
    account = {"default": {f"p{n}": frozenset(f"env{m}" for m in range(100)) for n in range(11)}}
    proxy = replace(DEV.section("proxy-keys"), accounts={"dev_account": account})
    wide = TestClient(create_server(replace(DEV, sections={**DEV.sections, "proxy-keys": proxy})))
    projects = {f"p{n}": {"scope": "all"} for n in range(10)}
    body = {**PROXY_BODY, "organizations": {"default": {"projects": projects}}}
    assert (
        wide.post(
            "/cf/admin/proxy/keys?accountIdentifier=dev_account", json=body, headers=PROXY_ADMIN
        ).status_code
        == 201
    )
    projects["p10"] = {"scope": "selected", "environments": ["env0"]}
    body = {**body, "identifier": "one_more"}
    response = wide.post(
        "/cf/admin/proxy/keys?accountIdentifier=dev_account", json=body, headers=PROXY_ADMIN
    )
    assert assert_envelope("proxy-keys", response, 400)["message"] == (
        "A proxy key may serve at most 1000 environments; this one would serve 1001"
    )


def test_the_development_credentials_still_work(server: TestClient) -> None:
    """The fixture replaced them; the development server itself keeps them."""
    dev = TestClient(create_server(DEV))
    assert (
        dev.post(
            "/api/admin/api-keys", json={"scopes": ["pci:tokens:read"]}, headers=ADMIN
        ).status_code
        == 200
    )
    assert (
        dev.post(
            "/v1/projects/51bc3f40-f266-4ca8-8938-a1ed0ff32b9a/accessKeys",
            json={"displayName": "x"},
            headers=OAUTH,
        ).status_code
        == 200
    )


def test_the_oauth2_token_url_is_sinchs() -> None:
    flow = CATALOG.get("access-keys").doc.data["components"]["securitySchemes"]["OAuth2"]["flows"][
        "clientCredentials"
    ]
    assert flow["tokenUrl"] == "https://auth.sinch.com/oauth2/token"


def test_no_invented_limit_on_organisations_projects_or_environments(mock: TestClient) -> None:
    """The real limit is on environments per key in all (enforced by the server); a body with
    more than 50 organisations, 100 projects or 100 environments of one project is fine."""
    organizations: dict[str, Any] = {
        f"org{n}": {"projects": {"p": {"scope": "all"}}} for n in range(51)
    }
    projects: dict[str, Any] = {f"p{n}": {"scope": "all"} for n in range(101)}
    projects["wide"] = {"scope": "selected", "environments": [f"env_{n}" for n in range(101)]}
    organizations["big"] = {"projects": projects}
    body = {**PROXY_BODY, "organizations": organizations}
    response = mock.post(
        "/cf/admin/proxy/keys?accountIdentifier=acme", json=body, headers=PROXY_ADMIN
    )
    assert response.status_code == 201, response.text[:300]


@pytest.mark.parametrize(
    ("path", "challenge"),
    [
        ("/api/admin/api-keys", 'ApiKey realm="API Keys API", header="x-api-key"'),
        (f"/v1/projects/{SINCH_PROJECT}/accessKeys", 'Bearer realm="Access Keys API"'),
        ("/cf/admin/proxy/keys?accountIdentifier=a", 'ApiKey realm="Proxy Keys API"'),
    ],
)
def test_a_401_says_how_to_authenticate(
    server: TestClient, mock: TestClient, path: str, challenge: str
) -> None:
    for name, client in _servers(server, mock).items():
        response = client.post(path, json={})
        assert response.status_code == 401, (name, response.text)
        assert challenge in response.headers["www-authenticate"], name
