"""Around the mock app: preferences out of the query and headers, latency, one log line per request."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from keywright.errors import ApiError
from keywright.mock.prefer import Preferences, parse, split_query

STATE_KEY = "keywright.mock"
log = logging.getLogger("keywright.mock")


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
        status = 0

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            log.info("%s %s %s %s", scope["method"], scope["path"], status, state.example or "-")
