"""What went wrong, independent of how an API spells it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """A class of failure; each API's envelope maps it to a status it documents and its fields."""

    INVALID = "invalid"
    UNAUTHENTICATED = "unauthenticated"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not found"
    METHOD_NOT_ALLOWED = "method not allowed"
    TIMEOUT = "timeout"
    CONFLICT = "conflict"
    TOO_LARGE = "too large"
    HEADERS_TOO_LARGE = "headers too large"
    UNSUPPORTED_MEDIA_TYPE = "unsupported media type"
    INTERNAL = "internal"
    UNIMPLEMENTED = "unimplemented"
    UNAVAILABLE = "unavailable"

    @property
    def status(self) -> int:
        """The HTTP status this kind of failure has before an API's envelope maps it."""
        return _STATUS[self]

    @classmethod
    def for_status(cls, status: int) -> Kind:
        """The kind an HTTP status stands for; another 4xx is the client's, a 5xx ours."""
        found = _KIND_BY_STATUS.get(status)
        if found is not None:
            return found
        return Kind.INVALID if status < 500 else Kind.INTERNAL


_STATUS = {
    Kind.INVALID: 400,
    Kind.UNAUTHENTICATED: 401,
    Kind.FORBIDDEN: 403,
    Kind.NOT_FOUND: 404,
    Kind.METHOD_NOT_ALLOWED: 405,
    Kind.TIMEOUT: 408,
    Kind.CONFLICT: 409,
    Kind.TOO_LARGE: 413,
    Kind.HEADERS_TOO_LARGE: 431,
    Kind.UNSUPPORTED_MEDIA_TYPE: 415,
    Kind.INTERNAL: 500,
    Kind.UNIMPLEMENTED: 501,
    Kind.UNAVAILABLE: 503,
}
_KIND_BY_STATUS = {status: kind for kind, status in _STATUS.items()}


@dataclass(frozen=True)
class Violation:
    """One reason a request is invalid, at a JSON path into the request (`$.scopes[0]`)."""

    path: str
    message: str


class ApiError(Exception):
    """A failure to report to the client in the API's own envelope.

    `status` and `reason` are set when the code that fails knows the documented status and the
    machine-readable code to report (an operation failing with a status its spec documents);
    otherwise the API's envelope derives both from `kind`.
    """

    def __init__(
        self,
        kind: Kind,
        message: str,
        violations: Sequence[Violation] = (),
        headers: Mapping[str, str] | None = None,
        *,
        status: int | None = None,
        reason: str | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.violations = tuple(violations)
        self.headers = dict(headers or {})
        self.status = status
        self.reason = reason

    def __repr__(self) -> str:
        return f"ApiError({self.kind.name}, {self.message!r})"


class TemporarilyUnavailable(Exception):
    """Something the server depends on (its storage) cannot answer now: the client may retry
    after `retry_after` seconds. Answered 503, or 500 where an API documents no 503."""

    retry_after = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
