"""What an operation handler is given: the validated request and who made it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import Headers, QueryParams
from starlette.types import Scope

TokenInfo = dict[str, Any]
"""What a credential check says about the caller (`sub`, and what it may do)."""


@dataclass(frozen=True, slots=True)
class Call:
    """One validated request to an operation. Parameters keep their names from the spec."""

    body: Any
    path: Mapping[str, str]
    query: QueryParams
    headers: Headers
    caller: TokenInfo
    scope: Scope
    """The ASGI scope, for what outer middleware left there (the mock's preferences)."""


Reply = tuple[Any, int]
"""A handler's answer: the JSON body and the status."""

Handler = Callable[[Call], Awaitable[Reply]]
"""Answers one operation, on the event loop: it must not block (storage writes are awaited)."""

Verifier = Callable[..., TokenInfo]
"""Checks one credential, already known to have its documented shape: `(api_key)`,
`(username, password)` or `(token)`. Returns token info; raises `ApiError`."""
