"""An operation's security requirements, checked the way the specs document them."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from starlette.datastructures import Headers, QueryParams

from keywright.dispatch.security import Guard
from keywright.errors import ApiError, Kind

SCHEMES: dict[str, dict[str, Any]] = {
    "APIKey": {
        "type": "apiKey",
        "in": "header",
        "name": "x-api-key",
        "description": "An API key (`key_…`).",
        "x-credential-pattern": "^key_[0-9A-Za-z]+$",
    },
    "Basic": {"type": "http", "scheme": "basic"},
    "OAuth2": {"type": "oauth2", "flows": {}},
}


def verify_key(key: str) -> dict[str, Any]:
    if key != "key_good":
        raise ApiError(Kind.UNAUTHENTICATED, "The API key is not valid")
    return {"sub": "key"}


def verify_basic(user: str, password: str) -> dict[str, Any]:
    if (user, password) != ("ak_1", "secret"):
        raise ApiError(Kind.UNAUTHENTICATED, "The Basic credentials are not valid")
    return {"sub": user}


def verify_token(token: str) -> dict[str, Any]:
    if token == "readonly":
        raise ApiError(Kind.FORBIDDEN, "The token may not create keys")
    return {"sub": "oauth", "scope": ["keys:read"]}


VERIFIERS = {"APIKey": verify_key, "Basic": verify_basic, "OAuth2": verify_token}
EITHER = Guard.compile([{"APIKey": []}, {"Basic": []}], SCHEMES, VERIFIERS)


def check(guard: Guard, headers: dict[str, str], query: str = "") -> dict[str, Any]:
    return guard.check(Headers(headers), QueryParams(query))


def basic(user: str, password: str) -> dict[str, str]:
    return {"authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def test_any_one_alternative_lets_the_caller_in() -> None:
    assert check(EITHER, {"x-api-key": "key_good"}) == {"sub": "key"}
    assert check(EITHER, basic("ak_1", "secret")) == {"sub": "ak_1"}


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "Missing credentials"),
        ({"x-api-key": "sk_live_1"}, "Malformed APIKey credential; expected An API key (`key_…`)."),
        ({"x-api-key": "key_bad"}, "The API key is not valid"),
        (basic("ak_1", "wrong"), "The Basic credentials are not valid"),
        ({"authorization": "Basic"}, "Invalid authorization header"),
        ({"authorization": "Basic bm8tY29sb24="}, "Invalid authorization header"),  # "no-colon"
    ],
)
def test_the_real_reason_is_reported(headers: dict[str, str], message: str) -> None:
    with pytest.raises(ApiError) as raised:
        check(EITHER, headers)
    assert (raised.value.kind, raised.value.message) == (Kind.UNAUTHENTICATED, message)


def test_forbidden_outranks_unauthenticated_across_alternatives() -> None:
    guard = Guard.compile([{"APIKey": []}, {"OAuth2": []}], SCHEMES, VERIFIERS)
    headers = {"x-api-key": "key_bad", "authorization": "Bearer readonly"}
    with pytest.raises(ApiError) as raised:
        check(guard, headers)
    assert raised.value.kind is Kind.FORBIDDEN


def test_oauth_scopes_the_operation_requires_must_be_held() -> None:
    guard = Guard.compile([{"OAuth2": ["keys:write"]}], SCHEMES, VERIFIERS)
    with pytest.raises(ApiError) as raised:
        check(guard, {"authorization": "Bearer token"})
    assert (raised.value.kind, raised.value.message) == (
        Kind.FORBIDDEN,
        "The token lacks scope(s): keys:write",
    )
    reader = Guard.compile([{"OAuth2": ["keys:read"]}], SCHEMES, VERIFIERS)
    assert check(reader, {"authorization": "Bearer token"})["sub"] == "oauth"


def test_schemes_required_together_must_all_pass() -> None:
    both = Guard.compile([{"APIKey": [], "OAuth2": []}], SCHEMES, VERIFIERS)
    headers = {"x-api-key": "key_good", "authorization": "Bearer token"}
    assert check(both, headers)["sub"] == "oauth"
    with pytest.raises(ApiError, match="Missing credentials"):
        check(both, {"x-api-key": "key_good"})


def test_an_operation_without_security_is_open() -> None:
    assert check(Guard.compile([], SCHEMES, VERIFIERS), {}) == {}


def test_a_scheme_without_a_verifier_is_refused_at_start_up() -> None:
    with pytest.raises(ValueError, match="no verifier for security scheme"):
        Guard.compile([{"Basic": []}], SCHEMES, {"APIKey": verify_key})


def test_a_query_credential_is_read_from_the_query_and_named_as_allowed_there() -> None:
    schemes = {**SCHEMES, "QueryKey": {**SCHEMES["APIKey"], "in": "query", "name": "api_key"}}
    guard = Guard.compile([{"QueryKey": []}], schemes, {"QueryKey": verify_key})
    assert check(guard, {}, query="api_key=key_good") == {"sub": "key"}
    assert guard.query_parameters == {"api_key"}
    assert EITHER.query_parameters == set()  # header and Authorization credentials only
