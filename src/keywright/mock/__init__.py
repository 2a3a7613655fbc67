"""The mock server for frontend teams: all three APIs straight from specs/, no handlers, no database.

It shares the reference server's Connexion app, validation and error envelopes; it answers
with the specs' examples shaped by the request, and lets the client pick the response.
"""

from __future__ import annotations

import gc
import os

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp

from keywright.app import build_app
from keywright.mock.backend import MockBackend
from keywright.mock.middleware import MockMiddleware


def create_app(
    *, latency_ms: int = 0, cors: bool = True, validate_responses: bool = False
) -> ASGIApp:
    app: ASGIApp = build_app(MockBackend(), validate_responses=validate_responses)
    if cors:
        app = CORSMiddleware(
            app, allow_origins=["*"], allow_methods=["*"], allow_headers=["*"], expose_headers=["*"]
        )
    return MockMiddleware(app, latency_ms=latency_ms)


def app_from_environment() -> ASGIApp:
    """For `--reload` and `--workers`: uvicorn builds the app in each process from the environment."""
    app = create_app(
        latency_ms=int(os.environ.get("KEYWRIGHT_MOCK_LATENCY_MS", "0")),
        cors=os.environ.get("KEYWRIGHT_MOCK_CORS", "1") == "1",
    )
    gc.freeze()  # start-up objects never die; keep the collector from rescanning them
    return app


__all__ = ["app_from_environment", "create_app"]
