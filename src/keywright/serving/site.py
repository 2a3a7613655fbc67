"""What a keywright server answers besides its APIs: `/healthz` (the process answers),
`/readyz` (it can serve: storage reachable), an index of its APIs at `/` for a person or a
script, and CORS for the browsers of frontend teams, credentials included."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import orjson
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from keywright.catalog import SWAGGER_UI_PATH, Catalog

Readiness = Callable[[], Awaitable[str | None]]
"""None when the server can serve; otherwise why it cannot."""

ALWAYS_EXPOSED = ("Retry-After", "WWW-Authenticate", "Idempotent-Replayed", "Allow")
"""Response headers a browser script may read beyond the specs' documented ones."""


class Site:
    """The server's own paths in front of `app`, which answers everything else."""

    def __init__(
        self, app: ASGIApp, catalog: Catalog, *, name: str, readiness: Readiness | None = None
    ) -> None:
        self.app = app
        self.name = name
        self.readiness = readiness
        self.apis = [
            {
                "name": api.name,
                "title": api.title,
                "base_path": api.base_path,
                "openapi": f"{api.base_path}/openapi.json",
                "ui": f"{api.base_path}{SWAGGER_UI_PATH}/",
            }
            for api in catalog
        ]
        self.routes: dict[str, Callable[[Request], Awaitable[Response]]] = {
            "/": self._index,
            "/healthz": self._health,
        }
        if readiness is not None:
            self.routes["/readyz"] = self._ready

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        route = self.routes.get(scope["path"]) if scope["type"] == "http" else None
        if route is None or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        response = await route(Request(scope, receive))
        await response(scope, receive, send)

    async def _health(self, _request: Request) -> Response:
        return _json({"status": "ok"})

    async def _ready(self, _request: Request) -> Response:
        assert self.readiness is not None
        problem = await self.readiness()
        if problem is None:
            return _json({"status": "ready"})
        return _json({"status": "unavailable", "reason": problem}, 503, {"Retry-After": "1"})

    async def _index(self, request: Request) -> Response:
        if "text/html" in request.headers.get("accept", ""):
            items = "".join(
                f'<li><a href="{api["ui"]}">{api["title"]}</a> <code>{api["base_path"]}</code></li>'
                for api in self.apis
            )
            return HTMLResponse(f"<!doctype html><title>{self.name}</title><h1>{self.name}</h1>"
                                f"<ul>{items}</ul>")  # fmt: skip
        return _json({"server": self.name, "apis": self.apis})


def with_cors(app: ASGIApp, catalog: Catalog) -> ASGIApp:
    """Any origin may call, with credentials (cookies or `Authorization`): the requesting origin
    is named in the answer, as browsers require for `credentials: 'include'`."""
    cors = CORSMiddleware(
        app,
        allow_origin_regex=".*",
        allow_credentials=True,
        allow_methods=["*"],
        allow_headers=["*"],
        expose_headers=sorted({*ALWAYS_EXPOSED, *_documented_headers(catalog)}),
        max_age=600,
    )
    return _FromBrowsers(app, cors)


class _FromBrowsers:
    """CORS only for requests that carry an `Origin` (browsers); the rest skip its wrapping of
    every response, which costs a few percent of a server's throughput."""

    def __init__(self, app: ASGIApp, cors: ASGIApp) -> None:
        self.app = app
        self.cors = cors

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            for name, _ in scope["headers"]:  # a loop: a generator costs a few % of a request
                if name == b"origin":
                    await self.cors(scope, receive, send)
                    return
        await self.app(scope, receive, send)


def _documented_headers(catalog: Catalog) -> set[str]:
    found = set()
    for api in catalog:
        doc = api.doc
        for _, operation in doc.operations():
            for response in operation.get("responses", {}).values():
                found.update(doc.resolve(response).get("headers", {}))
    return found


def unavailable(reason: str) -> ASGIApp:
    """An app that answers every request 503 with `reason`: a server that is up but cannot
    serve (its specs do not load), rather than one that hangs or is gone."""

    async def answer(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            body = {"code": 503, "message": reason}
            await _json(body, 503, {"Retry-After": "1"})(scope, receive, send)

    return answer


def _json(body: object, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(orjson.dumps(body), status, headers, media_type="application/json")
