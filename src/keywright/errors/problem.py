"""What went wrong, independent of how an API spells it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """A class of failure; each API maps it to its documented status and code."""

    INVALID = 400
    UNAUTHENTICATED = 401
    FORBIDDEN = 403
    NOT_FOUND = 404
    METHOD_NOT_ALLOWED = 405
    CONFLICT = 409
    INTERNAL = 500
    UNAVAILABLE = 503


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
        return self.kind.value

    def __repr__(self) -> str:
        return f"ApiError({self.kind.name}, {self.message!r})"
