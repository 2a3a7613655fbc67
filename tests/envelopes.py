"""What every error response must be: the owning API's documented envelope, with `code` equal to
the status, a message that says something, and the violations where the request was wrong.

The generated error models (and the specs' error schemas) make every field optional, so `{}`
would validate against the API-keys and access-keys ones: the fields are asserted one by one.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from keywright.errors import SchemaEnvelope
from keywright.validation import SchemaValidator
from tests.catalog import CATALOG

_VALIDATORS = {
    api.name: SchemaValidator(dict(SchemaEnvelope.for_spec(api.doc).schema)) for api in CATALOG
}
BAD_REQUEST_TYPE = "type.googleapis.com/google.rpc.BadRequest"
"""The `details[]` entry of an access-keys error that lists field violations."""


def assert_envelope(api: str, response: httpx.Response, status: int) -> dict[str, Any]:
    """The error body, once it is `api`'s envelope for `status`; returns the inner fields."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    return assert_envelope_body(api, response.json(), status)


def assert_envelope_body(api: str, body: Any, status: int) -> dict[str, Any]:
    """`body` is `api`'s error envelope for `status`, every field checked; the inner fields."""
    assert isinstance(body, dict), body
    errors = _VALIDATORS[api].errors(body)
    assert not errors, [e.message for e in errors]
    check = _CHECKS.get(api, _check_generic)
    return check(body, status)


def violation_paths(api: str, body: dict[str, Any]) -> list[str]:
    """The JSON paths of the violations an error body lists, in its order."""
    if api == "api-keys":
        return [v["path"] for v in body.get("validation_errors", [])]
    if api == "proxy-keys":
        return [v["path"] for v in body.get("details", {}).get("violations", [])]
    if api == "access-keys":
        return [
            violation["field"]
            for detail in body["error"].get("details", [])
            if detail["type_url"] == BAD_REQUEST_TYPE
            for violation in json.loads(detail["value"])["fieldViolations"]
        ]
    raise AssertionError(f"no known violation list in {api}'s envelope")


def message(body: dict[str, Any]) -> str:
    return str(body.get("error", body)["message"])


def _non_empty_str(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _check_api_keys(body: dict[str, Any], status: int) -> dict[str, Any]:
    """`{code, classifier, message, validation_errors?}`; every 422 lists its violations."""
    assert {"code", "classifier", "message"} <= set(body), body
    assert set(body) <= {"code", "classifier", "message", "validation_errors"}, body
    assert type(body["code"]) is int and body["code"] == status, body
    assert _non_empty_str(body["classifier"]), body
    assert _non_empty_str(body["message"]), body
    if status == 422:
        violations = body.get("validation_errors")
        assert isinstance(violations, list) and violations, body
        for violation in violations:
            assert set(violation) == {"path", "message"}, violation
            assert violation["path"].startswith("$"), violation
            assert _non_empty_str(violation["message"]), violation
    else:
        assert "validation_errors" not in body, body
    return body


def _check_access_keys(body: dict[str, Any], status: int) -> dict[str, Any]:
    """`{error: {code, message, status, details?}}`, a google.rpc.Status."""
    assert set(body) == {"error"}, body
    error = body["error"]
    assert isinstance(error, dict) and {"code", "message", "status"} <= set(error), body
    assert set(error) <= {"code", "message", "status", "details"}, body
    assert type(error["code"]) is int and error["code"] == status, body
    assert _non_empty_str(error["message"]), body
    assert _non_empty_str(error["status"]) and error["status"].isupper(), body
    for detail in error.get("details", []):
        assert _non_empty_str(detail["type_url"]), detail
        if detail["type_url"] == BAD_REQUEST_TYPE:
            violations = json.loads(detail["value"])["fieldViolations"]
            assert isinstance(violations, list) and violations, detail
            for violation in violations:
                assert set(violation) == {"field", "description"}, violation
                assert violation["field"].startswith("$"), violation
                assert _non_empty_str(violation["description"]), violation
    return dict(error)


def _check_proxy_keys(body: dict[str, Any], status: int) -> dict[str, Any]:
    """`{code, message, details?}`, the status as a string; violations in `details.violations`."""
    assert {"code", "message"} <= set(body), body
    assert set(body) <= {"code", "message", "details"}, body
    assert body["code"] == str(status), body
    assert _non_empty_str(body["message"]), body
    if "details" in body:
        violations = body["details"]["violations"]
        assert isinstance(violations, list) and violations, body
        for violation in violations:
            assert set(violation) == {"path", "message"}, violation
            assert violation["path"].startswith("$"), violation
            assert _non_empty_str(violation["message"]), violation
    return body


def _check_generic(body: dict[str, Any], status: int) -> dict[str, Any]:
    """An API without a package: its error schema's `code` and `message`, wherever they are."""
    fields = body.get("error", body)
    assert isinstance(fields, dict) and {"code", "message"} <= set(fields), body
    assert str(fields["code"]) == str(status), fields
    assert _non_empty_str(fields["message"]), fields
    return dict(fields)


_CHECKS = {
    "api-keys": _check_api_keys,
    "access-keys": _check_access_keys,
    "proxy-keys": _check_proxy_keys,
}
