"""A deliberately broken implementation of the API-keys contract, to prove the contract test can fail.

It forgets `key_value` (a required response field) and answers 500 to an empty scope list.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from keywright.apis import get_api
from keywright.specs import load_spec


async def openapi(_: Request) -> JSONResponse:
    return JSONResponse(load_spec(get_api("api-keys").spec_path).data)


async def create_api_key(request: Request) -> JSONResponse:
    if not request.headers.get("authorization", "").startswith("Bearer adm_"):
        return JSONResponse(
            {"code": 401, "classifier": "UNAUTHORIZED", "message": "no"}, status_code=401
        )
    try:
        body = await request.json()
        scopes = body["scopes"]
    except Exception:
        return JSONResponse(
            {"code": 422, "classifier": "VALIDATION_ERROR", "message": "bad"}, status_code=422
        )
    if not scopes:
        return JSONResponse({"oops": "crashed"}, status_code=500)
    created = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    return JSONResponse({"id": str(uuid.uuid4()), "created_at": created, "scopes": scopes})


app = Starlette(
    routes=[
        Route("/api/admin/openapi.json", openapi),
        Route("/api/admin/api-keys", create_api_key, methods=["POST"]),
    ]
)
