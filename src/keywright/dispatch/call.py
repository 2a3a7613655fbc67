"""What an operation's endpoint is given (the validated request and who made it) and what it
answers with."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import Headers, QueryParams
from starlette.types import Scope

from keywright.interface import Authenticated


@dataclass(frozen=True, slots=True)
class Call:
    """One validated request to an operation. Parameters keep their names from the spec."""

    body: Any
    path: Mapping[str, str]
    query: QueryParams
    headers: Headers
    caller: Authenticated[Any]
    scope: Scope
    """The ASGI scope, for what outer middleware left there (the mock's preferences)."""


Answer = tuple[int, Any, Mapping[str, str]]
"""An endpoint's answer: the status, the JSON-ready body (None for no body), response headers."""

Endpoint = Callable[[Call], Awaitable[Answer]]
"""Answers one operation, on the event loop: it must not block (storage is awaited)."""

Verifier = Callable[..., Awaitable[Any]]
"""Checks one credential that has its documented shape: `(credential)` or `(user, password)`.
Returns who it belongs to; raises `ApiError` (UNAUTHENTICATED, FORBIDDEN)."""
