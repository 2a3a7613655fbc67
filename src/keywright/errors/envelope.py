"""How an API reports a failure: the status (one its spec documents) and the body (its own
documented error envelope, never RFC 7807).

An API package gives its envelope's exact fields (`keywright.apis.<name>.envelope`); for a spec
without a package, `SchemaEnvelope` fills the spec's named error schema from what its field
names say.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, Protocol

from keywright.errors.failure import ApiError, Kind
from keywright.specs.document import SpecDocument

PREFERRED_STATUSES: Mapping[Kind, tuple[int, ...]] = {
    Kind.INVALID: (400, 422),
    Kind.UNAUTHENTICATED: (401,),
    Kind.FORBIDDEN: (403,),
    Kind.NOT_FOUND: (404,),
    Kind.METHOD_NOT_ALLOWED: (405,),
    Kind.TIMEOUT: (408, 400, 422),
    Kind.CONFLICT: (409, 422, 400),
    Kind.TOO_LARGE: (413, 400, 422),
    Kind.HEADERS_TOO_LARGE: (431, 400, 422),
    Kind.UNSUPPORTED_MEDIA_TYPE: (415, 400, 422),
    Kind.INTERNAL: (500,),
    Kind.UNIMPLEMENTED: (501, 500),
    Kind.UNAVAILABLE: (503, 500),
}
"""For each kind of failure, the statuses that can report it, best first."""


def status_for(error: ApiError, documented: Collection[int]) -> int:
    """The status to answer `error` with: the one the failing code chose, else the best one the
    operation documents, else the kind's own."""
    if error.status is not None:
        return error.status
    preferred = PREFERRED_STATUSES[error.kind]
    return next((status for status in preferred if status in documented), preferred[0])


class Envelope(Protocol):
    """The body of an API's error responses."""

    def body(self, error: ApiError, status: int) -> Any: ...


GOOGLE_RPC_CODES: Mapping[Kind, str] = {
    Kind.INVALID: "INVALID_ARGUMENT",
    Kind.UNAUTHENTICATED: "UNAUTHENTICATED",
    Kind.FORBIDDEN: "PERMISSION_DENIED",
    Kind.NOT_FOUND: "NOT_FOUND",
    Kind.METHOD_NOT_ALLOWED: "UNIMPLEMENTED",
    Kind.TIMEOUT: "DEADLINE_EXCEEDED",
    Kind.CONFLICT: "ALREADY_EXISTS",
    Kind.TOO_LARGE: "INVALID_ARGUMENT",
    Kind.HEADERS_TOO_LARGE: "INVALID_ARGUMENT",
    Kind.UNSUPPORTED_MEDIA_TYPE: "INVALID_ARGUMENT",
    Kind.INTERNAL: "INTERNAL",
    Kind.UNIMPLEMENTED: "UNIMPLEMENTED",
    Kind.UNAVAILABLE: "UNAVAILABLE",
}
"""The `google.rpc.Code` of each kind, for APIs whose errors are `google.rpc.Status`."""

_MESSAGE_FIELDS = ("message", "detail", "title", "description", "error_description")
_REASON_FIELDS = ("status", "classifier", "reason", "error_code", "type")
_VIOLATION_LISTS = ("validation_errors", "violations", "errors", "details", "field_errors")


class SchemaEnvelope:
    """An error body built from the spec's named error schema, by what its fields are called:
    `code` (the status), `message`, `status`/`classifier` (the reason), a list of violations,
    and a nested `error` object for `{error: {...}}` envelopes."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        self.schema = schema

    @classmethod
    def for_spec(cls, doc: SpecDocument) -> SchemaEnvelope:
        """From the named schema the spec's error responses use (lint makes them use one)."""
        for _, operation in doc.operations():
            for status, response in operation.get("responses", {}).items():
                if str(status)[0] in "45":
                    content = doc.resolve(response).get("content", {})
                    for media in content.values():
                        if "schema" in media:
                            return cls(doc.inline(media["schema"]))
        return cls(
            {
                "type": "object",
                "properties": {"code": {"type": "integer"}, "message": {"type": "string"}},
            }
        )

    def body(self, error: ApiError, status: int) -> Any:
        return _fill(self.schema, error, status)


def _fill(schema: Mapping[str, Any], error: ApiError, status: int) -> dict[str, Any]:
    properties: Mapping[str, Any] = schema.get("properties", {})
    body: dict[str, Any] = {}
    for name, prop in properties.items():
        kind = prop.get("type")
        if kind == "object" and "properties" in prop and name == "error":
            body[name] = _fill(prop, error, status)
        elif name == "code":
            body[name] = str(status) if kind == "string" else status
        elif name in _MESSAGE_FIELDS and kind == "string":
            body[name] = error.message
        elif name in _REASON_FIELDS and kind == "string":
            reason = _reason(error, prop)
            if reason is not None:
                body[name] = reason
        elif name in _VIOLATION_LISTS and error.violations:
            listed = _violations(prop, error)
            if listed is not None:
                body[name] = listed
    for name in schema.get("required", []):
        body.setdefault(name, "" if properties.get(name, {}).get("type") == "string" else None)
    return {name: value for name, value in body.items() if value is not None}


def _reason(error: ApiError, prop: Mapping[str, Any]) -> str | None:
    allowed = prop.get("enum")
    candidates = [error.reason, GOOGLE_RPC_CODES[error.kind], error.kind.name]
    for candidate in candidates:
        if candidate is not None and (allowed is None or candidate in allowed):
            return candidate
    return None


def _violations(prop: Mapping[str, Any], error: ApiError) -> Any:
    if prop.get("type") == "array":
        item = prop.get("items", {}).get("properties", {})
        path_field = next((f for f in ("path", "field", "pointer", "location") if f in item), None)
        text_field = next((f for f in ("message", "description", "detail") if f in item), None)
        if path_field and text_field:
            return [{path_field: v.path, text_field: v.message} for v in error.violations]
        return None
    if prop.get("type") == "object" and prop.get("additionalProperties", True) is not False:
        return {"violations": [{"path": v.path, "message": v.message} for v in error.violations]}
    return None
