"""What every error response must be: the owning API's documented envelope, valid against its
spec's error schema, with `code` equal to the status and a message that says something."""

from __future__ import annotations

from typing import Any

import httpx

from keywright.errors import SchemaEnvelope
from keywright.validation import SchemaValidator
from tests.conftest import CATALOG

_VALIDATORS = {
    api.name: SchemaValidator(dict(SchemaEnvelope.for_spec(api.doc).schema)) for api in CATALOG
}


def assert_envelope(api: str, response: httpx.Response, status: int) -> dict[str, Any]:
    """The error body, once it is `api`'s envelope for `status`; returns the inner fields."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    errors = _VALIDATORS[api].errors(body)
    assert not errors, [e.message for e in errors]
    fields = body.get("error", body)
    assert str(fields["code"]) == str(status), fields
    assert isinstance(fields["message"], str) and fields["message"].strip(), fields
    return dict(fields)


def message(body: dict[str, Any]) -> str:
    return str(body.get("error", body)["message"])
