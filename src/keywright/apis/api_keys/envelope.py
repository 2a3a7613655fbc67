"""`{code, classifier, message, validation_errors[]}`: the status as `code`; every refused
input is a 422 listing its violations."""

from __future__ import annotations

from typing import Any

from keywright.errors import ApiError, Kind, Violation
from keywright_models.api_keys import Error, ValidationError

CLASSIFIERS = {
    Kind.INVALID: "VALIDATION_ERROR",
    Kind.UNAUTHENTICATED: "UNAUTHORIZED",
    Kind.FORBIDDEN: "FORBIDDEN",
    Kind.NOT_FOUND: "NOT_FOUND",
    Kind.METHOD_NOT_ALLOWED: "METHOD_NOT_ALLOWED",
    Kind.TIMEOUT: "VALIDATION_ERROR",
    Kind.CONFLICT: "VALIDATION_ERROR",
    Kind.TOO_LARGE: "VALIDATION_ERROR",
    Kind.HEADERS_TOO_LARGE: "VALIDATION_ERROR",
    Kind.UNSUPPORTED_MEDIA_TYPE: "VALIDATION_ERROR",
    Kind.INTERNAL: "INTERNAL_ERROR",
    Kind.UNIMPLEMENTED: "NOT_IMPLEMENTED",
    Kind.UNAVAILABLE: "INTERNAL_ERROR",
}


class ApiKeysEnvelope:
    def body(self, error: ApiError, status: int) -> Any:
        violations = None
        if status == 422:
            found = error.violations or (Violation("$", error.message),)
            violations = [ValidationError(path=v.path, message=v.message) for v in found]
        model = Error(
            code=status,
            classifier=error.reason or CLASSIFIERS[error.kind],
            message=error.message,
            validation_errors=violations,
        )
        return model.model_dump(mode="json", exclude_none=True)
