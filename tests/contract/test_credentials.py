"""Credentials by API and security scheme, as schemathesis's auth configuration wants them."""

from __future__ import annotations

import pytest

from keywright.contract.credentials import Credentials
from keywright.contract.suite import Suite
from tests.catalog import CATALOG

API_KEYS = Suite.from_spec(CATALOG.get("api-keys").path, name="api-keys")
ACCESS_KEYS = Suite.from_spec(CATALOG.get("access-keys").path, name="access-keys")


def _auth(suite: Suite, credentials: Credentials) -> dict[str, dict[str, str]]:
    return credentials.schemathesis_auth(suite.name, suite.security(), suite.schemes)


def test_parsed_entries_name_an_api_or_any() -> None:
    credentials = Credentials.parse(["api-keys:APIKey=key_abc", "Basic=ak:secret:with:colons"])
    assert credentials.get("api-keys", "APIKey") == ("key_abc",)
    assert credentials.get("proxy-keys", "APIKey") is None
    assert credentials.get("access-keys", "Basic") == ("ak:secret:with:colons",)


@pytest.mark.parametrize("entry", ["AdminToken", "=value", "AdminToken="])
def test_an_entry_without_scheme_or_value_is_refused(entry: str) -> None:
    with pytest.raises(ValueError, match="SCHEME=VALUE"):
        Credentials.parse([entry])


def test_the_first_scheme_in_the_spec_with_a_credential_is_used() -> None:
    both = Credentials({("api-keys", "APIKey"): ("key_a",), ("api-keys", "AdminToken"): ("adm_b",)})
    assert _auth(API_KEYS, both) == {"APIKey": {"api_key": "key_a"}}
    admin_only = Credentials({("api-keys", "AdminToken"): ("adm_b",)})
    [(scheme, entry)] = _auth(API_KEYS, admin_only).items()
    assert scheme == "AdminToken" and "adm_b" in entry.values()


def test_basic_is_a_user_and_password() -> None:
    pair = Credentials({("access-keys", "Basic"): ("ak_1", "s3cret")})
    assert _auth(ACCESS_KEYS, pair) == {"Basic": {"username": "ak_1", "password": "s3cret"}}
    joined = Credentials.parse(["access-keys:Basic=ak_1:s3cret"])
    assert _auth(ACCESS_KEYS, joined) == {"Basic": {"username": "ak_1", "password": "s3cret"}}


def test_given_credentials_win_over_defaults() -> None:
    defaults = Credentials({("api-keys", "AdminToken"): ("adm_dev",), ("x", "y"): ("z",)})
    given = Credentials({("api-keys", "AdminToken"): ("adm_ci",)})
    merged = given.merged_over(defaults)
    assert merged.get("api-keys", "AdminToken") == ("adm_ci",)
    assert merged.get("x", "y") == ("z",)
