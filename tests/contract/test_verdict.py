"""A run in which an operation never accepted a request fails, saying why and what to pass."""

from __future__ import annotations

from collections import Counter

from keywright.contract.credentials import Credentials
from keywright.contract.suite import Suite
from keywright.contract.tally import NETWORK_ERROR
from keywright.contract.verdict import judge
from tests.catalog import CATALOG

API_KEYS = Suite.from_api(CATALOG.get("api-keys"))
ACCESS_KEYS = Suite.from_api(CATALOG.get("access-keys"))
TARGET = "https://keys.example.com"


def _why(
    suite: Suite, statuses: dict[int, int], credentials: Credentials | None = None
) -> str | None:
    tally = {suite.operations[0].label: Counter(statuses)}
    [covered] = judge(suite, tally, credentials or Credentials.none(), TARGET)
    return covered.untested


def test_one_accepted_request_is_enough() -> None:
    assert _why(API_KEYS, {200: 1, 401: 40, 422: 80}) is None


def test_only_refusals_without_a_credential_name_the_options() -> None:
    why = _why(API_KEYS, {401: 88})
    assert why == (
        "every request to createApiKey was refused with 401 (88 requests): pass --api-key or "
        "--admin-token or set KEYWRIGHT_API_KEY or KEYWRIGHT_ADMIN_TOKEN"
    )


def test_basic_credentials_are_named_as_a_pair() -> None:
    why = _why(ACCESS_KEYS, {401: 3})
    assert why is not None
    assert "--basic-user with --basic-password" in why
    assert "KEYWRIGHT_BASIC_USER and KEYWRIGHT_BASIC_PASSWORD" in why


def test_refusals_of_a_given_credential_say_it_is_not_accepted() -> None:
    given = Credentials({("api-keys", "AdminToken"): ("adm_wrong",)})
    why = _why(API_KEYS, {401: 10, 403: 2}, given)
    assert why is not None
    assert "refused with 401 (10 requests), 403 (2 requests)" in why
    assert "does not accept the AdminToken credential given" in why


def test_only_404s_point_at_the_url_and_base_path() -> None:
    why = _why(API_KEYS, {404: 50})
    assert why is not None
    assert "got 404: check --url and --base-path" in why
    assert f"{TARGET}/api/admin" in why


def test_only_validation_errors_mean_no_valid_request_was_accepted() -> None:
    why = _why(API_KEYS, {422: 50, 401: 3})
    assert why is not None and "no schema-valid request was accepted" in why


def test_no_answer_at_all() -> None:
    why = _why(API_KEYS, {NETWORK_ERROR: 5})
    assert why is not None and "failed without an answer" in why and "--wait" in why


def test_never_called() -> None:
    assert _why(API_KEYS, {}) == "createApiKey was never called"
