"""An operation's security requirements, checked the way the specs document them."""

from __future__ import annotations

import asyncio
import base64
from dataclasses import dataclass, field
from typing import Any

import pytest
from starlette.datastructures import Headers, QueryParams

from keywright.dispatch.security import Guard
from keywright.errors import ApiError, Kind
from keywright.interface import Authenticated

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


@dataclass(frozen=True)
class Who:
    sub: str
    scopes: tuple[str, ...] = field(default=())


async def verify_key(key: str) -> Who:
    if key != "key_good":
        raise ApiError(Kind.UNAUTHENTICATED, "The API key is not valid")
    return Who("key")


async def verify_basic(user: str, password: str) -> Who:
    if (user, password) != ("ak_1", "secret"):
        raise ApiError(Kind.UNAUTHENTICATED, "The Basic credentials are not valid")
    return Who(user)


async def verify_token(token: str) -> Who:
    if token == "readonly":
        raise ApiError(Kind.FORBIDDEN, "The token may not create keys")
    return Who("oauth", ("keys:read",))


VERIFIERS = {"APIKey": verify_key, "Basic": verify_basic, "OAuth2": verify_token}
EITHER = Guard.compile([{"APIKey": []}, {"Basic": []}], SCHEMES, VERIFIERS)


def check(guard: Guard, headers: dict[str, str], query: str = "") -> Authenticated[Any]:
    return asyncio.run(guard.check(Headers(headers), QueryParams(query)))


def basic(user: str, password: str) -> dict[str, str]:
    return {"authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def test_any_one_alternative_lets_the_caller_in() -> None:
    assert check(EITHER, {"x-api-key": "key_good"}) == Authenticated("APIKey", Who("key"))
    assert check(EITHER, basic("ak_1", "secret")) == Authenticated("Basic", Who("ak_1"))


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


@pytest.mark.parametrize(
    "authorization", ["Bearer token", "Bearer   token", " Bearer token ", "bearer token\t"]
)
def test_spaces_between_scheme_and_token_and_around_the_field_are_allowed(
    authorization: str,
) -> None:
    guard = Guard.compile([{"OAuth2": []}], SCHEMES, VERIFIERS)
    assert check(guard, {"authorization": authorization}).identity.sub == "oauth"


@pytest.mark.parametrize("authorization", ["Bearer\ttoken", "Bearer to ken", "Bearer token\x0b"])
def test_other_whitespace_in_credentials_is_malformed(authorization: str) -> None:
    guard = Guard.compile([{"OAuth2": []}], SCHEMES, VERIFIERS)
    with pytest.raises(ApiError) as raised:
        check(guard, {"authorization": authorization})
    assert raised.value.message == "Invalid authorization header"


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
    assert check(reader, {"authorization": "Bearer token"}).identity.sub == "oauth"


def test_schemes_required_together_must_all_pass() -> None:
    both = Guard.compile([{"APIKey": [], "OAuth2": []}], SCHEMES, VERIFIERS)
    headers = {"x-api-key": "key_good", "authorization": "Bearer token"}
    assert check(both, headers).scheme == "APIKey", "named by the first scheme of the pair"
    with pytest.raises(ApiError, match="Missing credentials"):
        check(both, {"x-api-key": "key_good"})


def test_an_operation_without_security_is_open() -> None:
    assert check(Guard.compile([], SCHEMES, VERIFIERS), {}) == Authenticated("", None)


def test_a_scheme_without_a_verifier_answers_501_not_a_false_401() -> None:
    """A spec may gain a scheme before an implementation verifies it."""
    guard = Guard.compile([{"Basic": []}], SCHEMES, {"APIKey": verify_key})
    with pytest.raises(ApiError) as raised:
        check(guard, basic("ak_1", "secret"))
    assert raised.value.kind is Kind.UNIMPLEMENTED
    assert "Basic" in raised.value.message


def test_an_undefined_scheme_is_refused_at_start_up() -> None:
    with pytest.raises(ValueError, match="not defined"):
        Guard.compile([{"Digest": []}], SCHEMES, VERIFIERS)


def test_a_query_credential_is_read_from_the_query_and_named_as_allowed_there() -> None:
    schemes = {**SCHEMES, "QueryKey": {**SCHEMES["APIKey"], "in": "query", "name": "api_key"}}
    guard = Guard.compile([{"QueryKey": []}], schemes, {"QueryKey": verify_key})
    assert check(guard, {}, query="api_key=key_good").identity == Who("key")
    assert guard.query_parameters == {"api_key"}
    assert EITHER.query_parameters == set()  # header and Authorization credentials only


def test_a_401_names_every_scheme_that_could_authenticate() -> None:
    """RFC 9110: a 401 carries WWW-Authenticate; API keys name where the key goes."""
    guard = Guard.compile(
        [{"APIKey": []}, {"Basic": []}, {"OAuth2": []}], SCHEMES, VERIFIERS, "Keys"
    )
    with pytest.raises(ApiError) as raised:
        check(guard, {})
    assert raised.value.headers["WWW-Authenticate"] == (
        'ApiKey realm="Keys", header="x-api-key", Basic realm="Keys", charset="UTF-8", '
        'Bearer realm="Keys"'
    )


def test_a_403_does_not_challenge() -> None:
    guard = Guard.compile([{"OAuth2": []}], SCHEMES, VERIFIERS, "Keys")
    with pytest.raises(ApiError) as raised:
        check(guard, {"authorization": "Bearer readonly"})
    assert "WWW-Authenticate" not in raised.value.headers


def test_an_http_scheme_nobody_takes_is_named() -> None:
    guard = Guard.compile([{"Basic": []}, {"OAuth2": []}], SCHEMES, VERIFIERS)
    with pytest.raises(ApiError) as raised:
        check(guard, {"authorization": "Token abc"})
    assert (
        raised.value.message == "Authorization scheme 'Token' is not supported; use Basic or Bearer"
    )
