"""What went wrong, independent of how an API spells it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """A class of failure; each API maps it to its documented status and code."""

    INVALID = "invalid"
    UNAUTHENTICATED = "unauthenticated"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not found"
    METHOD_NOT_ALLOWED = "method not allowed"
    CONFLICT = "conflict"
    FAILED_PRECONDITION = "failed precondition"
    """A valid request the current state refuses, such as a limit reached."""
    INTERNAL = "internal"
    UNAVAILABLE = "unavailable"

    @property
    def status(self) -> int:
        """The generic HTTP status of this kind of failure, before an API's envelope maps it."""
        return _STATUS[self]


_STATUS = {
    Kind.INVALID: 400,
    Kind.UNAUTHENTICATED: 401,
    Kind.FORBIDDEN: 403,
    Kind.NOT_FOUND: 404,
    Kind.METHOD_NOT_ALLOWED: 405,
    Kind.CONFLICT: 409,
    Kind.FAILED_PRECONDITION: 400,
    Kind.INTERNAL: 500,
    Kind.UNAVAILABLE: 503,
}


@dataclass(frozen=True)
class Violation:
    """One reason a request is invalid, at a JSON path into the request (`$.scopes[0]`)."""

    path: str
    message: str


class ApiError(Exception):
    """A failure to report to the client in the API's own envelope."""

    def __init__(
        self,
        kind: Kind,
        message: str,
        violations: Sequence[Violation] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.violations = tuple(violations)
        self.headers = dict(headers or {})

    @property
    def status_code(self) -> int:
        """The generic status; Connexion uses it to rank failures of alternative credentials."""
        return self.kind.status

    def __repr__(self) -> str:
        return f"ApiError({self.kind.name}, {self.message!r})"
