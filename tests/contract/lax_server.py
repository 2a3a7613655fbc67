"""A deployment that breaks the API-keys contract while serving a spec that says anything goes.

It answers every POST with 200 and a key that has no `key_value`, checks no credential, and
serves, at the path the old contract runner read, an `openapi.json` under which all of that
is fine. The contract is our spec, so `keywright contract` must still fail it.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

LAX_SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Anything goes", "version": "1"},
    "servers": [{"url": "/api/admin"}],
    "paths": {
        "/api-keys": {
            "post": {
                "operationId": "createApiKey",
                "responses": {"200": {"description": "Whatever we answer."}},
            }
        }
    },
}


async def openapi(_: Request) -> JSONResponse:
    return JSONResponse(LAX_SPEC)


async def create_api_key(_: Request) -> JSONResponse:
    created = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    return JSONResponse(
        {"id": str(uuid.uuid4()), "created_at": created, "scopes": ["pci:tokens:read"]}
    )


def app() -> Starlette:
    """A new instance of the lax deployment (built by the test that serves it)."""
    return Starlette(
        routes=[
            Route("/api/admin/openapi.json", openapi),
            Route("/api/admin/api-keys", create_api_key, methods=["POST"]),
        ]
    )
