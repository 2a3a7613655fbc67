"""Schema-valid cases get fresh values where the spec marks them unique (`x-keywright-unique`);
invalid ones do not."""

from __future__ import annotations

import re
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from requests.structures import CaseInsensitiveDict
from schemathesis.generation import GenerationMode

from keywright.contract.fresh import freshen
from tests.catalog import CATALOG

SCOPES = {"scopes": ["pci:tokens:read"]}
PROXY_KEY = {
    "identifier": "MyProxyKey",
    "name": "n",
    "organizations": {"o": {"projects": {"p": {"scope": "all"}}}},
}


one_draw = settings(
    max_examples=1,
    phases=[Phase.generate],
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
"""Each test draws its cases once, and a failure is not shrunk: what it checks is `freshen`,
not the generator (the body and headers it checks are the test's own)."""


def _case(
    data: st.DataObject,
    api: str,
    path: str,
    mode: GenerationMode,
    *,
    headers: dict[str, str],
    body: Any,
) -> Any:
    """A case schemathesis generated in `mode` for our spec, with these headers and body (which
    it reclassifies: an invalid body makes a case negative), after `freshen`."""
    schema = schemathesis.openapi.from_path(CATALOG.get(api).path)
    case = data.draw(schema[path]["POST"].as_strategy(generation_mode=mode))
    if headers:
        case.headers = CaseInsensitiveDict(headers)  # as schemathesis hands them to hooks
    case.body = body
    freshen(case)
    return case


@one_draw
@given(data=st.data())
def test_a_valid_case_gets_a_fresh_idempotency_key_each_time(data: st.DataObject) -> None:
    keys = {
        _case(
            data,
            "api-keys",
            "/api-keys",
            GenerationMode.POSITIVE,
            headers={"x-idempotency-key": "o"},
            body=SCOPES,
        ).headers["x-idempotency-key"]
        for _ in range(2)
    }
    assert len(keys) == 2 and all(re.fullmatch(r"kw-[0-9a-f]{24}", k) for k in keys)


@one_draw
@given(data=st.data())
def test_unique_body_fields_keep_their_shape(data: st.DataObject) -> None:
    proxy = _case(
        data,
        "proxy-keys",
        "/proxy/keys",
        GenerationMode.POSITIVE,
        headers={},
        body=PROXY_KEY,
    )
    assert re.fullmatch(r"MyProxyKey_[0-9a-f]{8}", proxy.body["identifier"])
    assert proxy.body["name"] == "n", "only the unique field changes"
    access = _case(
        data,
        "access-keys",
        "/projects/{projectId}/accessKeys",
        GenerationMode.POSITIVE,
        headers={},
        body={"displayName": "x" * 100},
    )
    assert len(access.body["displayName"]) <= 48 and access.body["displayName"].startswith("x")


@pytest.mark.parametrize(
    ("api", "path"), [("proxy-keys", "/proxy/keys"), ("api-keys", "/api-keys")]
)
@one_draw
@given(data=st.data())
def test_invalid_cases_are_left_alone(data: st.DataObject, api: str, path: str) -> None:
    case = _case(
        data,
        api,
        path,
        GenerationMode.NEGATIVE,
        headers={"x-idempotency-key": "0"},
        body={"identifier": "1bad"},
    )
    assert case.body == {"identifier": "1bad"} and dict(case.headers) == {"x-idempotency-key": "0"}
