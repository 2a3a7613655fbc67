"""Each API's documented error envelope, built with its generated models."""

from __future__ import annotations

import json
from typing import Any, ClassVar, Protocol

from keywright.errors.problem import ApiError, Kind, Violation
from keywright_models import access_keys, api_keys, proxy_keys


class Envelope(Protocol):
    """How one API reports an `ApiError`: the status it documents and the body."""

    def status(self, kind: Kind) -> int: ...

    def body(self, error: ApiError) -> dict[str, Any]: ...


class ProxyKeysEnvelope:
    """`{code, message, details}`, `code` the status as a string."""

    def status(self, kind: Kind) -> int:
        return 500 if kind is Kind.UNAVAILABLE else kind.status  # 503 is not documented

    def body(self, error: ApiError) -> dict[str, Any]:
        details = None
        if error.violations:
            details = {
                "violations": [{"path": v.path, "message": v.message} for v in error.violations]
            }
        model = proxy_keys.Error(
            code=str(self.status(error.kind)), message=error.message, details=details
        )
        return model.model_dump(mode="json", exclude_none=True)


class AccessKeysEnvelope:
    """`{error: {code, message, status, details[]}}`, a google.rpc.Status."""

    CODES: ClassVar[dict[Kind, str]] = {
        Kind.INVALID: "INVALID_ARGUMENT",
        Kind.UNAUTHENTICATED: "UNAUTHENTICATED",
        Kind.FORBIDDEN: "PERMISSION_DENIED",
        Kind.NOT_FOUND: "NOT_FOUND",
        Kind.METHOD_NOT_ALLOWED: "UNIMPLEMENTED",
        Kind.CONFLICT: "ALREADY_EXISTS",
        Kind.FAILED_PRECONDITION: "FAILED_PRECONDITION",
        Kind.INTERNAL: "INTERNAL",
        Kind.UNAVAILABLE: "UNAVAILABLE",
    }
    BAD_REQUEST_TYPE = "type.googleapis.com/google.rpc.BadRequest"

    def status(self, kind: Kind) -> int:
        return kind.status

    def body(self, error: ApiError) -> dict[str, Any]:
        details = []
        if error.violations:
            violations = [{"field": v.path, "description": v.message} for v in error.violations]
            details.append(
                access_keys.Any(
                    type_url=self.BAD_REQUEST_TYPE,
                    value=json.dumps({"fieldViolations": violations}),
                )
            )
        status = self.status(error.kind)
        model = access_keys.ErrorResponse(
            error=access_keys.Status(
                code=status,
                message=error.message,
                status=self.CODES[error.kind],
                details=details,
            )
        )
        return model.model_dump(mode="json", exclude_none=True)


class ApiKeysEnvelope:
    """`{code, classifier, message, validation_errors[]}`; every invalid request is a 422."""

    CLASSIFIERS: ClassVar[dict[Kind, str]] = {
        Kind.INVALID: "VALIDATION_ERROR",
        Kind.UNAUTHENTICATED: "UNAUTHORIZED",
        Kind.FORBIDDEN: "FORBIDDEN",
        Kind.NOT_FOUND: "NOT_FOUND",
        Kind.METHOD_NOT_ALLOWED: "METHOD_NOT_ALLOWED",
        Kind.CONFLICT: "VALIDATION_ERROR",
        Kind.FAILED_PRECONDITION: "VALIDATION_ERROR",
        Kind.INTERNAL: "INTERNAL_ERROR",
        Kind.UNAVAILABLE: "INTERNAL_ERROR",
    }

    REFUSED_INPUT = (Kind.INVALID, Kind.CONFLICT, Kind.FAILED_PRECONDITION)

    def status(self, kind: Kind) -> int:
        if kind in self.REFUSED_INPUT:
            return 422
        if kind is Kind.UNAVAILABLE:
            return 500
        return kind.status

    def body(self, error: ApiError) -> dict[str, Any]:
        violations = None
        if error.kind in self.REFUSED_INPUT:
            found = error.violations or (Violation("$", error.message),)
            violations = [api_keys.ValidationError(path=v.path, message=v.message) for v in found]
        model = api_keys.Error(
            code=self.status(error.kind),
            classifier=self.CLASSIFIERS[error.kind],
            message=error.message,
            validation_errors=violations,
        )
        return model.model_dump(mode="json", exclude_none=True)


_ENVELOPES: dict[str, Envelope] = {
    "proxy-keys": ProxyKeysEnvelope(),
    "access-keys": AccessKeysEnvelope(),
    "api-keys": ApiKeysEnvelope(),
}


def envelope_for(api_name: str) -> Envelope:
    return _ENVELOPES[api_name]
