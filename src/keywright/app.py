"""The one ASGI app that serves every spec, for the reference server and the mock.

Connexion does what it is for: it loads each spec, routes requests to operations (one routing
pass: unknown paths and undocumented methods are its 404 and 405), and serves each API's
`openapi.json` and Swagger UI. keywright's compiled dispatch is the Connexion middleware after
routing that answers every documented operation (security, validation, the endpoint, the
envelope). What differs between the server and the mock is only the `ApiBinding` of each API:
which endpoints answer, which verifiers check credentials.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from connexion.middleware.exceptions import ExceptionMiddleware
from connexion.middleware.lifespan import LifespanMiddleware
from connexion.middleware.main import ConnexionMiddleware
from connexion.middleware.routing import RoutingMiddleware
from connexion.middleware.server_error import ServerErrorMiddleware
from connexion.middleware.swagger_ui import SwaggerUIMiddleware
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver
from starlette.exceptions import HTTPException
from starlette.types import Receive, Scope, Send

from keywright.catalog import SWAGGER_UI_PATH
from keywright.dispatch import ApiBinding, DispatchMiddleware
from keywright.errors.connexion import ConnexionErrors
from keywright.serving import protocol

MIDDLEWARES = [
    ServerErrorMiddleware,
    ExceptionMiddleware,
    RoutingMiddleware,
    LifespanMiddleware,
    DispatchMiddleware,
    SwaggerUIMiddleware,
]
"""Outermost first. Dispatch answers every documented operation, so the Swagger UI's router
only sees what is left (its pages and `openapi.json`), not every API request."""


async def _not_found(scope: Scope, receive: Receive, send: Send) -> None:
    """The app inside the middleware: reached only by requests Connexion found no operation for."""
    if scope["type"] == "http":
        raise HTTPException(status_code=404)


def _never_called(*_: Any, **__: Any) -> Any:
    raise AssertionError("dispatch answers every operation")


ROUTING_ONLY = Resolver(function_resolver=lambda _operation_id: _never_called)
"""Connexion's router wants a function per operationId; it only routes, dispatch answers."""


def build_app(bindings: Sequence[ApiBinding]) -> ConnexionMiddleware:
    app = ConnexionMiddleware(_not_found, middlewares=list(MIDDLEWARES))
    for binding in bindings:
        app.add_api(
            binding.api.doc.data,
            base_path=binding.api.base_path,
            name=binding.api.name,
            resolver=ROUTING_ONLY,
            swagger_ui_options=SwaggerUIOptions(swagger_ui_path=SWAGGER_UI_PATH),
            keywright=binding,
        )
    errors = ConnexionErrors([(b.api.base_path, b.envelope, _documented(b)) for b in bindings])
    errors.install(app)
    protocol.use(errors.answer)
    return app


def _documented(binding: ApiBinding) -> frozenset[int]:
    return frozenset(
        int(status)
        for _, operation in binding.api.doc.operations()
        for status in operation.get("responses", {})
    )


__all__ = ["ApiBinding", "build_app"]
