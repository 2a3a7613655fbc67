"""Around the mock app: preferences out of the query and headers, latency, and the example
that answered named on the request's log line."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Receive, Scope, Send

from keywright.errors import ApiError
from keywright.mock.prefer import Preferences, parse, split_query
from keywright.serving.access_log import note

STATE_KEY = "keywright.mock"


@dataclass
class MockState:
    """Per request: what the client asked for, and which example answered."""

    preferences: Preferences = field(default_factory=Preferences)
    error: ApiError | None = None
    example: str | None = None


class MockMiddleware:
    def __init__(self, app: ASGIApp, *, latency_ms: int = 0) -> None:
        self.app = app
        self.latency_ms = latency_ms

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = MockState()
        query: bytes = scope.get("query_string", b"")
        options: list[tuple[str, str]] = []
        if b"__" in query or b"%" in query:  # parsing every query costs a few % of a request
            query, options = split_query(query)
        scope = {**scope, "query_string": query, STATE_KEY: state}
        prefer = [value.decode("latin-1") for name, value in scope["headers"] if name == b"prefer"]
        if prefer or options:
            try:
                state.preferences = parse(prefer, options)
            except ApiError as error:
                state.error = error
        delay = self.latency_ms + state.preferences.delay_ms
        if delay:
            await asyncio.sleep(delay / 1000)
        try:
            await self.app(scope, receive, send)
        finally:
            if state.example is not None:
                note(scope, state.example)
