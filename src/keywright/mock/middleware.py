"""Around the mock app: preferences out of the query and headers, latency, and the example
that answered named on the request's log line."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from starlette.datastructures import Headers
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
        query, options = split_query(scope.get("query_string", b""))
        scope = {**scope, "query_string": query, STATE_KEY: state}
        try:
            state.preferences = parse(Headers(scope=scope).getlist("prefer"), options)
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
